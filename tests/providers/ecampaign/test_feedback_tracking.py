import datetime as dt
from decimal import Decimal

import httpx
import pytest

from backoffice.providers.ecampaign import ECampaignClient
from backoffice.providers.ecampaign.codes import HlrError, HlrStatus, error_for
from backoffice.providers.ecampaign.fake.state import Reply
from backoffice.providers.ecampaign.xml import md5_hex
from backoffice.providers.errors import (
    AuthenticationError,
    InsufficientCreditError,
    InvalidRequestError,
    NotFoundError,
)
from backoffice.providers.types import Channel

from .conftest import login_xml


def _code(call) -> int:
    with pytest.raises((InvalidRequestError, NotFoundError)) as caught:
        call()
    return caught.value.code


def _today(sandbox) -> dt.date:
    return sandbox.app.context.clock.now().date()


def test_get_credits_lists_every_route_with_channel_credits_expiry_and_overdraft(client, sandbox):
    routes = {route.route_id: route for route in client.get_credits()}
    assert {r.channel for r in routes.values()} == {Channel.SMS, Channel.VOICE, Channel.EMAIL, Channel.FAX}
    sms = routes[1001]
    assert (sms.name, sms.channel_raw, sms.credits, sms.allowed_overdraft) == (
        "SMS Premium France",
        "SMS",
        Decimal(5000),
        Decimal(100),
    )
    assert sms.expires_at.date() == _today(sandbox) + dt.timedelta(days=365)
    assert routes[3001].expires_at is None


def test_an_account_without_credits_gives_an_empty_list_not_an_error(ecampaign, base_url, raw_post):
    ecampaign.add_account("vide", "secret")
    answer = raw_post("/manageCredit/getCredit", data={"xml": login_xml(user="vide", password="secret")})
    assert b"<code>31</code>" in answer.content
    with ECampaignClient(user="vide", password="secret", base_url=base_url) as client:
        assert client.get_credits() == []


def test_code_31_is_an_insufficient_credit_error_for_callers_that_get_it():
    assert isinstance(error_for(31, ""), InsufficientCreditError)


def test_the_md5_option_accepts_the_password_hashed_by_us_or_given_hashed(base_url):
    for password in ("demo-pass", md5_hex("demo-pass"), md5_hex("demo-pass").upper()):
        with ECampaignClient(user="demo", password=password, password_is_md5=True, base_url=base_url) as client:
            assert client.get_credits()


@pytest.mark.parametrize(("user", "password"), [("demo", "wrong"), ("nobody", "demo-pass")])
def test_a_wrong_login_is_an_authentication_error_with_code_3(base_url, user, password):
    client = ECampaignClient(user=user, password=password, base_url=base_url)
    with client, pytest.raises(AuthenticationError) as caught:
        client.get_credits()
    assert caught.value.code == 3


def test_an_account_without_web_service_access_gets_code_4(ecampaign, base_url):
    ecampaign.add_account("web-only", "secret", api_enabled=False)
    client = ECampaignClient(user="web-only", password="secret", base_url=base_url)
    with client, pytest.raises(AuthenticationError) as caught:
        client.list_groups()
    assert caught.value.code == 4


def test_the_sandbox_answers_1_to_a_request_without_xml_and_2_to_malformed_xml(raw_post):
    assert b"<code>1</code>" in raw_post("/manageCredit/getCredit", data={"other": "x"}).content
    assert b"<code>2</code>" in raw_post("/manageCredit/getCredit", data={"xml": "<ecampaign><login>"}).content
    assert b"<code>1</code>" in raw_post("/unknownService", data={"xml": login_xml()}).content


def test_an_empty_md5_element_means_a_plain_password(raw_post):
    assert b"<code>0</code>" in raw_post("/manageCredit/getCredit", data={"xml": login_xml()}).content


def test_it_reads_and_edits_the_blacklists(client):
    [entry] = client.get_blacklist(Channel.SMS)
    assert (entry.code, entry.number, entry.reason) == ("33", "600000001", "STOP SMS")
    assert entry.blacklisted_at is not None
    assert [e.mail for e in client.get_blacklist("mail")] == ["desinscrit@example.fr"]
    assert client.get_blacklist("fax") == []
    client.del_blacklist_member("sms", phone="+33600000001")
    client.del_blacklist_member(Channel.EMAIL, email="desinscrit@example.fr")
    assert client.get_blacklist("sms") == [] and client.get_blacklist("mail") == []
    assert _code(lambda: client.del_blacklist_member("sms", phone="0600000001")) == 22


def test_an_unknown_feedback_channel_is_refused_with_18(client):
    assert _code(lambda: client.get_blacklist("voice")) == 18


def test_it_reads_the_replies(client, ecampaign, sandbox):
    ecampaign.store.accounts["demo"].responses["sms"].append(Reply(sandbox.app.context.clock.now(), "33", "6", "OK"))
    replies = client.get_responses("sms")
    assert [(r.number, r.message) for r in replies] == [("612345678", "Merci, à demain"), ("6", "OK")]
    assert client.get_responses("mail") == []


def test_get_cdr_lists_unit_messages_and_campaigns_with_every_parameter(client, sandbox):
    unit = client.send_sms(route=1001, message="Bonjour", phones=["0612345678"]).messages[0]
    campaign = client.send_mail(route=3001, subject="S", message="M", emails=["a@example.fr", "b@example.fr"])
    sandbox.app.context.clock.advance(3600)
    today = _today(sandbox)

    report = client.get_cdr(start_date=today, stop_date=today, show_content=True)
    [message] = report.messages
    assert (message.message_ref, message.channel, message.phone_number, message.content) == (
        unit.message_id,
        "sms",
        "612345678",
        "Bonjour",
    )
    assert message.from_api and message.status_id and message.status_date and message.status.value != "unknown"
    [mail_campaign] = report.campaigns
    assert (mail_campaign.channel, mail_campaign.recipients_count, mail_campaign.credits) == ("mail", 2, 2)

    assert client.get_cdr(start_date=today, stop_date=today).messages[0].content == ""
    assert client.get_cdr(start_date=today, stop_date=today, campaign_only=True).messages == []
    assert client.get_cdr(start_date=today, stop_date=today, channel="mail", api_only=True).messages == []

    detail = client.get_cdr(start_date=today, stop_date=today, campaign_id=mail_campaign.id, show_content=True)
    assert {m.message_ref for m in detail.messages} == {m.message_id for m in campaign.messages}
    assert {m.mail_recipient for m in detail.messages} == {"a@example.fr", "b@example.fr"}
    assert all(m.mail_subject == "S" and m.content == "M" for m in detail.messages)


def test_a_cdr_query_without_result_gives_an_empty_report(client, sandbox, raw_post):
    today = _today(sandbox)
    query = f"<tracking><getCDR><startdate>{today}</startdate><stopdate>{today}</stopdate></getCDR></tracking>"
    assert b"<code>81</code>" in raw_post("/tracking/getCDR", data={"xml": login_xml(query)}).content
    report = client.get_cdr(start_date=today, stop_date=today)
    assert report.messages == [] and report.campaigns == []


@pytest.mark.parametrize(
    ("start", "stop", "code"),
    [("2026-01-01", "2026-03-01", 80), ("2026-02-01", "2026-01-01", 80), ("01/01/2026", "2026-01-02", 80)],
)
def test_a_cdr_query_over_a_too_wide_or_invalid_range_is_refused_with_80(client, start, stop, code):
    assert _code(lambda: client.get_cdr(start_date=start, stop_date=stop)) == code


def test_cdr_errors_use_the_specs_codes(client, sandbox):
    today = _today(sandbox)
    assert _code(lambda: client.get_cdr(start_date=today, stop_date=today, campaign_id=424242)) == 82
    assert _code(lambda: client.get_cdr(start_date=today, stop_date=today, channel="telex")) == 18


def test_mail_events_follow_opens_and_clicks_of_a_campaign(client, ecampaign, sandbox):
    ecampaign.simulator.scripted.update({"a@example.fr": [54, 56, 58], "b@example.fr": [54, 57]})
    client.send_mail(route=3001, subject="S", message="M", emails=["a@example.fr", "b@example.fr"])
    sandbox.app.context.clock.advance(3600)
    today = _today(sandbox)
    [campaign] = client.get_cdr(start_date=today, stop_date=today, campaign_only=True).campaigns
    events = client.get_mail_events(campaign.id)
    assert sorted((e.mail_recipient, e.type) for e in events) == [
        ("a@example.fr", "click"),
        ("a@example.fr", "open"),
        ("b@example.fr", "unsubscribe"),
    ]
    click = next(e for e in events if e.type == "click")
    assert click.value.startswith("https://") and click.occurred_at and click.ip and click.user_agent and click.lang
    assert "b@example.fr" in {e.mail for e in client.get_blacklist("mail")}
    assert _code(lambda: client.get_mail_events(999999)) == 82


def test_an_hlr_lookup_of_a_valid_mobile(client):
    result = client.hlr_lookup(code="33", number="612345678")
    assert (result.number, result.status, result.error) == ("33612345678", HlrStatus.DELIVERED, HlrError.VALID)
    assert result.mcc == "208" and result.original_network and result.imsi and not result.error_permanent


@pytest.mark.parametrize(
    ("number", "error", "status", "permanent"),
    [
        ("600000001", HlrError.UNALLOCATED, HlrStatus.UNDELIVERABLE, True),
        ("600000002", HlrError.ABSENT, HlrStatus.UNDELIVERABLE, False),
        ("600000003", HlrError.ROAMING_NOT_ALLOWED, HlrStatus.UNDELIVERABLE, True),
        ("600000004", HlrError.RESTRICTED, HlrStatus.UNDELIVERABLE, True),
        ("600000005", HlrError.PERMANENT_ERROR, HlrStatus.UNDELIVERABLE, True),
        ("600000006", HlrError.TEMPORARY_ERROR, HlrStatus.UNDELIVERABLE, False),
        ("600000007", HlrError.BLACKLISTED, HlrStatus.REJECTED, True),
        ("600000099", HlrError.UNKNOWN, HlrStatus.UNKNOWN, False),
    ],
)
def test_an_hlr_lookup_maps_the_number_state(client, number, error, status, permanent):
    result = client.hlr_lookup(code="33", number=number)
    assert (result.error, result.status, result.error_permanent) == (error, status, permanent)
    assert result.error_msg and result.status_msg


def test_an_hlr_lookup_is_a_get_with_the_credentials_as_parameters(base_url):
    answer = httpx.get(f"{base_url}/numberInfo/HLRlookup", params={"user": "demo", "pass": "nope", "code": "33",
                                                                  "number": "612345678"})  # fmt: skip
    assert b"<code>3</code>" in answer.content
    with ECampaignClient(user="demo", password="demo-pass", password_is_md5=True, base_url=base_url) as client:
        assert client.hlr_lookup(code="33", number="612345678").status is HlrStatus.DELIVERED
