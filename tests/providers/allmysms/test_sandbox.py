"""The sandbox itself: its WSDL, the demo account, and the spec's own request
envelopes (samples/*.request.xml) answered as the spec's samples are."""

from pathlib import Path

import httpx
from lxml import etree

from backoffice.providers.allmysms import AllMySMSClient
from backoffice.providers.allmysms.sandbox import DEMO_CLIENT_CODE, DEMO_CREDITS, DEMO_PASS_CODE

SAMPLES = Path(__file__).with_name("samples")


def spec_request(method: str, **values: str) -> bytes:
    """The spec's envelope for ``method``, each ``?`` placeholder filled from ``values``."""
    root = etree.fromstring((SAMPLES / f"{method}.request.xml").read_text(encoding="utf-8").replace('"?>', '">'))
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in values:
            element.text = values[element.tag]
    return etree.tostring(root)


def post(endpoint: str, body: bytes) -> etree._Element:
    answer = httpx.post(endpoint, content=body, headers={"Content-Type": "text/xml; charset=utf-8"})
    assert answer.status_code == 200, answer.text
    return etree.fromstring(answer.content).find("{*}Body")[0].find("return")


def test_it_serves_its_wsdl_pointing_at_itself(sandbox, endpoint):
    for path in ("/allmysms/soap/wSDL.php", "/allmysms/soap/server.php?wsdl"):
        wsdl = etree.fromstring(httpx.get(f"{sandbox.url}{path}").content)
        address = wsdl.find(".//{http://schemas.xmlsoap.org/wsdl/soap/}address")
        assert address.get("location") == endpoint


def test_reset_restores_the_demo_account(sandbox, client):
    client.send_sms(message="Hi", recipients=["0612345671"])
    sandbox.app.reset()
    info = AllMySMSClient(client_code=DEMO_CLIENT_CODE, pass_code=DEMO_PASS_CODE, endpoint=client.endpoint).get_info()
    assert (info.active, info.credits) == (True, DEMO_CREDITS)


def test_it_answers_the_specs_own_get_info_envelope(endpoint):
    answer = post(endpoint, spec_request("getInfo", clientCode="demo", passCode="demo-pass"))
    assert (answer.findtext("status"), answer.findtext("credits")) == ("active account", "1000")


def test_it_answers_the_specs_own_send_envelope_like_the_sample(endpoint):
    body = spec_request(
        "sendSms",
        clientCode="demo",
        passCode="demo-pass",
        message="Hi #param_1#",
        dynamic="1",
        lowcost="0",
        campaignName="c",
        cliMsgId="m",
        date="",
        tpoa="Boutique",
        mailNotif="0",
        mobilePhone="0612345671",
    )
    body = body.replace(b'<item xsi:type="xsd:string"></item>', b'<item xsi:type="xsd:string">Ann</item>')
    answer = post(endpoint, body)
    assert answer.findtext("status") == "100"
    ids = answer.find("ids")
    assert ids.get("{http://schemas.xmlsoap.org/soap/encoding/}arrayType") == "SOAP-ENC:Struct[1]"
    assert ids.find("item/mobilePhone").text == "33612345671"


def test_it_answers_the_specs_delete_and_stop_envelopes_with_client_id(endpoint):
    assert (
        post(endpoint, spec_request("deleteCampaign", clientId="demo", passCode="demo-pass", campId="ap_9")).findtext(
            "status"
        )
        == "CAMPNOTFOUND"
    )
    stops = post(endpoint, spec_request("getStop", clientId="demo", passCode="demo-pass")).find("answer")
    assert len(stops) == 4


def test_it_accepts_the_names_the_prose_uses_too(endpoint):
    body = spec_request("getAcks", clientCode="demo", passCode="demo-pass", campId="ap_9").replace(
        b"getAcks", b"getAck"
    )
    assert post(endpoint, body).findtext("status") == "1"


def test_it_refuses_a_doctype_in_a_request(endpoint):
    body = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>'
    answer = httpx.post(endpoint, content=body)
    assert answer.status_code == 500 and b"SOAP-ENV:Client" in answer.content


def test_its_summary_shows_accounts_and_campaigns(sandbox, client):
    sent = client.send_sms(message="Hi", recipients=["0612345671"])
    summary = sandbox.app.providers["allmysms"].summary()
    assert summary["accounts"]["demo"]["credits"] == DEMO_CREDITS - 1
    assert summary["campaigns"][sent.campaign_id]["state"] == "sent"
