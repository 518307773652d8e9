"""The wire, against the spec itself: its sample answers (samples/*.answer.xml, as
printed in the manual; only attribute names the PDF split across lines are
rejoined) replayed verbatim parse into the right values, and the envelopes we send
match its request envelopes element for element (samples/*.request.xml)."""

import datetime as dt
import re
import socket
from pathlib import Path

import pytest
from lxml import etree

from backoffice.providers.allmysms import AllMySMSClient, SmsRecipient
from backoffice.providers.sandbox import SandboxApp, SandboxContext, SandboxServer
from backoffice.providers.sandbox.app import ProviderSandbox, Request, Response
from backoffice.providers.types import DeliveryStatus

SAMPLES = Path(__file__).with_name("samples")
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
ARRAY_TYPE = "{http://schemas.xmlsoap.org/soap/encoding/}arrayType"
PARIS = dt.timezone(dt.timedelta(hours=2))


class ReplaySandbox(ProviderSandbox):
    """Answers every call with the spec's sample for that method; keeps what it received."""

    name = "replay"

    def reset(self):
        self.received: list[bytes] = []

    def handle(self, request: Request) -> Response:
        self.received.append(request.body)
        method = re.search(rb"<(?:\w+:)?(\w+)[^>]*encodingStyle", request.body).group(1).decode()
        return Response((SAMPLES / f"{method}.answer.xml").read_bytes())


@pytest.fixture(scope="module")
def replay_server():
    app = SandboxApp(SandboxContext(), providers=())
    app.providers["replay"] = ReplaySandbox(app.context)
    with SandboxServer(app=app) as server:
        yield server


@pytest.fixture
def replay(replay_server):
    replay_server.app.providers["replay"].reset()
    client = AllMySMSClient(client_code="c", pass_code="p", endpoint=f"{replay_server.url}/replay/soap/server.php")
    client.received = replay_server.app.providers["replay"].received
    return client


def test_the_send_sample_parses(replay):
    result = replay.send_sms(message="Hi", recipients=["0612345678", "0612345679"])
    assert (result.status_code, result.credits, result.campaign_id) == ("100", 1440, "ap_111110693496")
    assert result.status_text == "Le message a été envoyé"
    assert [(m.phone, m.message_id, m.part) for m in result.messages] == [
        ("336xxxxxxx", "32845703", 1),
        ("336xxxxxxx", "32845704", 1),
    ]
    assert result.invalid_numbers == ()


def test_the_acks_sample_parses(replay):
    report = replay.get_acks("ap_1")
    assert (report.status_code, report.cli_msg_id) == ("0", "myMsgId")
    (event,) = report.events
    assert (event.recipient, event.status, event.raw_code, event.raw_text) == (
        "+33611223344",
        DeliveryStatus.DELIVERED,
        "1",
        "Delivered",
    )
    assert event.occurred_at == dt.datetime(2013, 6, 25, 11, 32, 3, tzinfo=PARIS)  # the date split over two lines


def test_the_pull_sample_parses_with_its_odd_types(replay):
    report = replay.get_pulls("ap_11115693606")
    assert report.cli_msg_id == "myMsgId"  # typed xsd:boolean
    (reply,) = report.replies
    assert (reply.reply_id, reply.phone, reply.campaign_id, reply.text) == (
        "",
        "+33611223344",  # typed xsd:int
        "ap_11115693606",
        "Test pull",
    )
    assert reply.received_at == dt.datetime(2013, 6, 25, 11, 31, 29, tzinfo=PARIS)


def test_the_info_sample_parses(replay):
    info = replay.get_info()
    assert (info.status_code, info.status_text, info.active, info.credits) == ("300", "active account", True, 1410)


def test_the_delete_sample_parses_with_ok_typed_as_an_int(replay):
    assert replay.delete_campaign("ap_1").status_code == "OK"


def test_the_stop_sample_parses_though_it_announces_more_items_than_it_has(replay):
    stops = replay.get_stops()
    assert [(s.phone, s.comment) for s in stops] == [("+33612345678", "stop"), ("+33612345679", "stop")]
    assert stops[1].received_at == dt.datetime(2014, 1, 25, 14, 47, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_the_sub_account_sample_parses(replay):
    created = replay.create_sub_account(
        first_name="Jean",
        last_name="Dupont",
        society="ACME",
        mobile="0612345678",
        email="j@acme.fr",
        login="jdupont",
        password="secret99",
    )
    assert created.status_text == "Sub-account successfully created"


# --- requests ----------------------------------------------------------------------


def shape(envelope: bytes) -> list[tuple]:
    """Each element under the method: (path, xsi:type, has SOAP-ENC:arrayType), the method first."""
    root = etree.fromstring(envelope)
    method = root.find("{*}Body")[0]
    rows = [
        (
            etree.QName(method).namespace,
            etree.QName(method).localname,
            method.get("{http://schemas.xmlsoap.org/soap/envelope/}encodingStyle"),
        )
    ]
    for element in method.iter():
        if element is method or not isinstance(element.tag, str):
            continue
        path = "/".join(etree.QName(e).localname for e in reversed(list(element.iterancestors())) if e is not root)
        rows.append((f"{path}/{etree.QName(element).localname}", element.get(XSI_TYPE)))
    return rows


def spec_shape(method: str) -> list[tuple]:
    text = (SAMPLES / f"{method}.request.xml").read_text(encoding="utf-8").replace('"?>', '">')
    return shape(text.encode())


def test_every_request_envelope_matches_the_spec_element_for_element(replay):
    replay.send_sms(
        message="Bonjour #param_1#",
        recipients=[SmsRecipient("0612345678", ("Ann",))],
        lowcost=True,
        campaign_name="Soldes",
        cli_msg_id="m1",
        date="2030-01-01 10:00:00",
        tpoa="Boutique",
        mail_notif=True,
    )
    replay.get_acks("ap_1")
    replay.get_pulls("ap_1")
    replay.get_info()
    replay.delete_campaign("ap_1")
    replay.get_stops()
    replay.create_sub_account(
        first_name="Jean",
        last_name="Dupont",
        society="ACME",
        mobile="0612345678",
        email="j@acme.fr",
        login="jdupont",
        password="secret99",
        phone="0123456789",
        website="w",
        address="a",
        zip="75002",
        city="Paris",
        country="France",
    )
    methods = ["sendSms", "getAcks", "getPull", "getInfo", "deleteCampaign", "getStop", "createSubAccount"]
    assert len(replay.received) == len(methods)
    for method, body in zip(methods, replay.received, strict=True):
        ours, spec = shape(body), spec_shape(method)
        assert sorted(ours, key=str) == sorted(spec, key=str), method


def test_arrays_carry_their_soap_encoding_array_type(replay):
    replay.send_sms(
        message="#param_1# #param_2#",
        recipients=[SmsRecipient("0612345678", ("a", "b")), SmsRecipient("0612345679", ("c", "d"))],
    )
    root = etree.fromstring(replay.received[0])
    sms = root.find(".//sms")
    assert sms.get(ARRAY_TYPE) == "ser:MsInnovations_Api_Soap_Objects_Sms[2]"
    assert sms.find("item/params").get(ARRAY_TYPE) == "xsd:string[2]"
    assert [e.text for e in sms.iter("mobilePhone")] == ["33612345678", "33612345679"]


# --- nothing but the endpoint -------------------------------------------------------------


def test_no_call_reaches_anything_but_the_endpoint(replay, replay_server, monkeypatch):
    """Every connection but the endpoint's is refused and recorded; zeep is rebuilt
    from the WSDL under the guard, so loading it cannot fetch anything either."""
    from backoffice.providers.allmysms import client as client_module

    allowed = (replay_server.host, replay_server.port)
    refused = []
    real_connect = socket.socket.connect

    def guarded_connect(sock, address):
        if tuple(address[:2]) != allowed:
            refused.append(address)
            raise ConnectionRefusedError(f"test: no network but the endpoint, not {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    client_module._soap_service.cache_clear()
    test_every_request_envelope_matches_the_spec_element_for_element(replay)
    assert refused == []


def test_a_message_without_parameters_sends_an_empty_params_array(replay):
    replay.send_sms(message="Hi", recipients=["0612345678"])
    params = etree.fromstring(replay.received[0]).find(".//sms/item/params")
    assert (len(params), params.get(ARRAY_TYPE)) == (0, "xsd:string[0]")
