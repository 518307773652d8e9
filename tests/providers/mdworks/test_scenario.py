"""The SOAP scenario call (mdworks-soap-scenario.txt) against the sandbox's PHP-like SoapServer."""

import httpx
import pytest
from lxml import etree

from backoffice.providers.errors import (
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
    SuppressedRecipientError,
    TransientError,
)
from backoffice.providers.mdworks import sandbox_soap
from backoffice.providers.mdworks.sandbox import OTHER_SCENARIO_ID, SCENARIO_PATH
from backoffice.providers.mdworks.scenario import read_answer
from backoffice.providers.sandbox import Fault

from .conftest import scenario_client


def test_it_enrolls_a_recipient_and_returns_the_recipient_id(scenario, mdworks):
    recipient_id = scenario.enroll(
        scenario=21, email="loic@example.com", nom="Bresler", prenom="Loïc", p1="var1", p6="Crème brûlée"
    )
    assert isinstance(recipient_id, int)
    (enrolment,) = mdworks.enrolments
    assert (enrolment.id, enrolment.login, enrolment.scenario, enrolment.email) == (
        recipient_id,
        "demo",
        "21",
        "loic@example.com",
    )
    assert enrolment.values == ("Bresler", "Loïc", "var1", "", "", "", "", "Crème brûlée")


def test_each_enrolment_gets_its_own_id(scenario):
    assert scenario.enroll(scenario="22", email="a@example.com") != scenario.enroll(scenario=22, email="b@example.com")


def test_a_scenario_of_another_customer_is_not_yours(scenario):
    with pytest.raises(NotFoundError) as refused:
        scenario.enroll(scenario=OTHER_SCENARIO_ID, email="a@example.com")
    # The ISO-8859-1 answer's accents arrive intact.
    assert refused.value.message == "Le scénario n'existe pas, ne vous appartient pas"
    assert refused.value.field == "scenario" and refused.value.code == 3


def test_an_unknown_scenario_is_not_yours(scenario):
    with pytest.raises(NotFoundError):
        scenario.enroll(scenario=12345, email="a@example.com")


def test_a_wrong_password_is_an_authentication_error(sandbox):
    with pytest.raises(AuthenticationError) as refused:
        scenario_client(sandbox, password="mauvais").enroll(scenario=21, email="a@example.com")
    assert refused.value.localized.en == "Wrong login or password"


def test_an_unknown_login_is_an_authentication_error(sandbox):
    with pytest.raises(AuthenticationError):
        scenario_client(sandbox, login="inconnu").enroll(scenario=21, email="a@example.com")


@pytest.mark.parametrize(
    ("login", "password", "scenario", "email", "code", "field"),
    [
        ("", "demo-pass", "21", "a@example.com", 1, "login"),
        ("demo", "", "21", "a@example.com", 2, "password"),
        ("demo", "demo-pass", "", "a@example.com", 4, None),
        ("demo", "demo-pass", "21", "", 4, None),
    ],
)
def test_an_empty_field_is_refused_naming_it(sandbox, login, password, scenario, email, code, field):
    with pytest.raises(InvalidRequestError) as refused:
        scenario_client(sandbox, login=login, password=password).enroll(scenario=scenario, email=email)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert refused.value.message.startswith("Aucun champ ne doit être vide")
    assert "empty" in refused.value.localized.en


def test_a_wrong_address_is_refused(scenario):
    with pytest.raises(InvalidRequestError) as refused:
        scenario.enroll(scenario=21, email="loic@")
    assert (refused.value.message, refused.value.field) == ("Adresse email erronée", "email")
    assert not isinstance(refused.value, SuppressedRecipientError)


def test_a_blacklisted_address_is_a_suppressed_recipient(scenario):
    with pytest.raises(SuppressedRecipientError) as refused:
        scenario.enroll(scenario=21, email="desabonne@example.com")
    assert refused.value.message == "Adresse email désinscrite (présente dans votre liste repoussoir)"
    assert isinstance(refused.value, InvalidRequestError)


def test_it_refuses_what_iso_8859_1_cannot_carry_before_calling(scenario, mdworks):
    with pytest.raises(InvalidRequestError) as refused:
        scenario.enroll(scenario=21, email="a@example.com", p2="Prix : 10 €")
    assert refused.value.field == "p2" and "€" in refused.value.localized.fr
    assert mdworks.enrolments == []


def test_the_request_is_rpc_encoded_like_php_soapclient(sandbox, scenario, monkeypatch, mdworks):
    bodies = []
    original = type(mdworks)._scenario
    monkeypatch.setattr(
        type(mdworks), "_scenario", lambda self, request: bodies.append(request) or original(self, request)
    )
    scenario.enroll(scenario=21, email="a@example.com", prenom="Loïc")
    request = bodies[0]
    envelope = etree.fromstring(request.body)
    call = envelope[0][0]
    assert etree.QName(call).localname == "Envoi_Mail_Scenario_API"
    assert etree.QName(call).namespace == "urn:mdworks-scenario"
    assert [etree.QName(part).localname for part in call] == [
        "login",
        "motdepasse",
        "scenario",
        "email",
        "nom",
        "prenom",
        "p1",
        "p2",
        "p3",
        "p4",
        "p5",
        "p6",
    ]
    assert {part.get("{http://www.w3.org/2001/XMLSchema-instance}type") for part in call} == {"xsd:string"}
    assert envelope.nsmap["xsd"] == "http://www.w3.org/2001/XMLSchema"
    assert request.environ["HTTP_SOAPACTION"] == '"urn:mdworks-scenario#Envoi_Mail_Scenario_API"'


def test_the_sandbox_answers_in_iso_8859_1_and_takes_parameters_by_position(sandbox, mdworks):
    envelope = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>'
        '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>'
        '<ns1:Envoi_Mail_Scenario_API xmlns:ns1="urn:autre">'
        + "".join(
            f"<param{i}>{v}</param{i}>"
            for i, v in enumerate(
                ["demo", "demo-pass", "99", "a@example.com", "Bresler", "Loïc", "", "", "", "", "", ""]
            )
        )
        + "</ns1:Envoi_Mail_Scenario_API></SOAP-ENV:Body></SOAP-ENV:Envelope>"
    ).encode("iso-8859-1")
    answer = httpx.post(f"{sandbox.url}/mdworks{SCENARIO_PATH}", content=envelope)
    assert answer.headers["content-type"] == "text/xml; charset=ISO-8859-1"
    assert "sc\xe9nario".encode("iso-8859-1") in answer.content
    items = etree.fromstring(answer.content).findall(".//item")
    assert [item.text for item in items] == ["Erreur", "3", "Le scénario n'existe pas, ne vous appartient pas"]


@pytest.mark.parametrize(
    ("body", "faultstring"),
    [
        (b"<not xml", "Bad Request"),
        (
            b'<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>'
            b"<autre_fonction/></SOAP-ENV:Body></SOAP-ENV:Envelope>",
            "Function 'autre_fonction' doesn't exist",
        ),
    ],
)
def test_the_sandbox_answers_a_soap_fault_to_what_it_cannot_serve(sandbox, body, faultstring):
    answer = httpx.post(f"{sandbox.url}/mdworks{SCENARIO_PATH}", content=body)
    assert answer.status_code == 500
    assert etree.fromstring(answer.content).findtext(".//faultstring") == faultstring


@pytest.mark.parametrize(
    "fault",
    [
        Fault.SERVER_ERROR,
        Fault.HTML_PAGE,
        Fault.TRUNCATED,
        Fault.RESET,
        Fault.ENTITY_BOMB,
        Fault.EXTERNAL_ENTITY,
        Fault.EXTERNAL_DTD,
    ],
)
def test_a_broken_or_hostile_answer_is_transient_and_not_repeated(sandbox, scenario, mdworks, fault):
    sandbox.app.inject("mdworks", fault, times=2, match="Envoi_Mail_Scenario_API")
    with pytest.raises(TransientError) as failed:
        scenario.enroll(scenario=21, email="a@example.com")
    if fault in (Fault.ENTITY_BOMB, Fault.EXTERNAL_ENTITY, Fault.EXTERNAL_DTD):
        # Refused at the DOCTYPE, before any entity or DTD is resolved: nothing is fetched.
        assert "hostile XML refused" in failed.value.message
    sandbox.app.context.faults.clear()
    assert len(mdworks.enrolments) == (1 if fault is Fault.TRUNCATED else 0)


def test_a_hung_server_ends_within_the_timeout(sandbox):
    sandbox.app.inject("mdworks", Fault.HANG, match="Envoi_Mail_Scenario_API")
    with pytest.raises(TransientError):
        scenario_client(sandbox, timeout=0.5).enroll(scenario=21, email="a@example.com")


def test_a_soap_fault_with_http_500_is_transient_and_keeps_the_fault(sandbox, scenario, monkeypatch, mdworks):
    monkeypatch.setattr(type(mdworks), "_scenario", lambda self, request: sandbox_soap.fault("Server", "Oups"))
    with pytest.raises(TransientError) as failed:
        scenario.enroll(scenario=21, email="a@example.com")
    assert failed.value.code.endswith("Server") and "Oups" in failed.value.message


def test_a_client_soap_fault_with_http_200_is_an_invalid_request(sandbox, scenario, monkeypatch, mdworks):
    monkeypatch.setattr(
        type(mdworks), "_scenario", lambda self, request: sandbox_soap.fault("Client", "Bad Request", status=200)
    )
    with pytest.raises(InvalidRequestError, match="Bad Request"):
        scenario.enroll(scenario=21, email="a@example.com")


def item(text):
    element = etree.Element("item")
    element.text = text
    return element


def map_item(key, value):
    element = etree.Element("item")
    etree.SubElement(element, "key").text = key
    etree.SubElement(element, "value").text = value
    return element


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("4521", 4521),
        (
            [item("Erreur"), item("7"), item("Adresse email désinscrite (présente dans votre liste repoussoir)")],
            SuppressedRecipientError,
        ),
        ([map_item("0", "Erreur"), map_item("1", "Intermediate error (wrong login / password)")], AuthenticationError),
        ("Wrong email address", InvalidRequestError),
        ([item("Erreur"), item("Quelque chose de nouveau")], InvalidRequestError),
        (None, TransientError),
        ([], TransientError),
        ("", TransientError),
    ],
)
def test_it_reads_ids_php_arrays_maps_and_english_words_and_refuses_the_rest(answer, expected):
    if isinstance(expected, int):
        assert read_answer(answer) == expected
    else:
        with pytest.raises(expected):
            read_answer(answer)
