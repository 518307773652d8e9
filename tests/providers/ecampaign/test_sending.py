import datetime as dt
from decimal import Decimal

import pytest

from backoffice.providers.ecampaign import Criterion, FieldType, GroupField, GroupTarget, Phone
from backoffice.providers.errors import InsufficientCreditError, InvalidRequestError, NotFoundError

from .conftest import login_xml

SMS_ROUTE, LOW_COST_SMS_ROUTE, VOICE_ROUTE, MAIL_ROUTE, FAX_ROUTE = 1001, 1002, 2001, 3001, 4001


def _voice_template(client) -> int:
    return next(t.id for t in client.list_templates("voice"))


def test_it_sends_an_sms_to_phones_written_in_any_notation(client, ecampaign):
    result = client.send_sms(
        route=SMS_ROUTE, message="Bonjour", phones=["06 12 34 56 78", "+44 7911 123456", "0033 6.23.45.67.89"]
    )
    assert result.code == 0 and not result.refused
    assert [(m.code, m.number) for m in result.messages] == [("33", "612345678"), ("44", "7911123456"),
                                                             ("33", "623456789")]  # fmt: skip
    assert all(m.message_id and m.credits == 1 for m in result.messages)
    assert {m.ref for m in ecampaign.store.messages.values()} == {m.message_id for m in result.messages}


def test_a_send_with_a_blacklisted_recipient_answers_12_with_that_recipient_ko(client):
    result = client.send_sms(route=SMS_ROUTE, message="Bonjour", phones=["0612345678", "+33600000001"])
    assert result.code == 12
    assert [m.recipient for m in result.refused] == ["+33600000001"]
    assert [m.recipient for m in result.accepted] == ["+33612345678"]
    assert result.credits == Decimal(1)


def test_a_long_sms_costs_one_credit_per_part(client):
    result = client.send_sms(route=SMS_ROUTE, message="x" * 161, phones=["0612345678"])
    assert result.messages[0].credits == 2


def test_it_sends_a_voice_call_with_its_template(client):
    result = client.send_voice(route=VOICE_ROUTE, template_id=_voice_template(client), phones=[("33", "0612345678")],
                               caller_id="33170000000", send_date=dt.datetime(2030, 1, 2, 10, 0))  # fmt: skip
    assert result.code == 0 and result.messages[0].number == "612345678"


def test_it_sends_an_email_with_a_reply_to_address(client):
    result = client.send_mail(route=MAIL_ROUTE, subject="Offre", message="<p>Bonjour</p>",
                              reply_to="ventes@example.fr", emails=["a@example.fr", "b@example.fr"])  # fmt: skip
    assert [m.mail for m in result.messages] == ["a@example.fr", "b@example.fr"]


def test_it_sends_an_email_from_a_template(client):
    template = next(t.id for t in client.list_templates("mail"))
    assert client.send_mail(route=MAIL_ROUTE, template_id=template, emails=["a@example.fr"]).code == 0


def test_it_sends_a_fax_of_a_file_from_the_file_manager(client):
    result = client.send_fax(route=FAX_ROUTE, filename="brochure.pdf", phones=["01 45 67 89 10"])
    assert result.code == 0 and result.messages[0].number == "145678910"


@pytest.fixture
def shop_group(client) -> int:
    group_id = client.add_group(
        name="Boutique",
        fields=[
            GroupField("mobile", FieldType.MOBILE),
            GroupField("email", FieldType.MAIL),
            GroupField("ville", FieldType.CUSTOM),
        ],
    )
    for number, city in (("0611111111", "Paris"), ("0622222222", "Lyon"), ("0633333333", "Paris 11e"),
                         ("0644444444", "")):  # fmt: skip
        client.add_member(group_id, {"mobile": Phone.parse(number), "ville": city})
    return group_id


@pytest.mark.parametrize(
    ("operator", "value", "expected"),
    [
        ("=", "paris", {"611111111"}),
        ("!=", "Paris", {"622222222", "633333333", "644444444"}),
        ("LIKE", "aris", {"611111111", "633333333"}),
        ("NOTLIKE", "aris", {"622222222", "644444444"}),
        ("BEGIN", "Par", {"611111111", "633333333"}),
        ("NOTBEGIN", "Par", {"622222222", "644444444"}),
        ("END", "on", {"622222222"}),
        ("NOTEND", "on", {"611111111", "633333333", "644444444"}),
        ("NOTNULL", "", {"611111111", "622222222", "633333333"}),
        ("NULL", "", {"644444444"}),
    ],
)
def test_a_group_send_applies_every_filter_operator(client, shop_group, operator, value, expected):
    target = GroupTarget(shop_group, fields=["mobile"], criteria=[Criterion("ville", operator, value)])
    result = client.send_sms(route=SMS_ROUTE, message="Promo", group=target)
    assert {m.number for m in result.messages} == expected
    assert all(m.member_id for m in result.messages)


def test_a_group_filter_combines_criteria_with_and_or_or(client, shop_group):
    criteria = [Criterion("ville", "BEGIN", "Paris"), Criterion("ville", "END", "11e")]
    both = client.send_sms(route=SMS_ROUTE, message="x", group=GroupTarget(shop_group, ["mobile"], criteria, "AND"))
    either = client.send_sms(route=SMS_ROUTE, message="x", group=GroupTarget(shop_group, ["mobile"], criteria, "OR"))
    assert {m.number for m in both.messages} == {"633333333"}
    assert {m.number for m in either.messages} == {"611111111", "633333333"}


@pytest.mark.parametrize(
    ("kwargs", "code", "error"),
    [
        ({"route": MAIL_ROUTE}, 19, InvalidRequestError),
        ({"route": 9999}, 19, InvalidRequestError),
        ({"sender_id": "UNNOMBIENTROPLONG"}, 16, InvalidRequestError),
        ({"route": LOW_COST_SMS_ROUTE, "sender_id": "MASOCIETE"}, 15, InvalidRequestError),
        ({"template_id": 999999}, 17, NotFoundError),
        ({"message": ""}, 14, InvalidRequestError),
        ({"message": "x" * 1531}, 14, InvalidRequestError),
        ({"send_date": "2030-01-02T10:00"}, 40, InvalidRequestError),
        ({"phones": []}, 13, InvalidRequestError),
    ],
)
def test_an_sms_send_is_refused_with_the_specs_code(client, kwargs, code, error):
    arguments = {"route": SMS_ROUTE, "message": "Bonjour", "phones": ["0612345678"], **kwargs}
    with pytest.raises(error) as caught:
        client.send_sms(**arguments)
    assert caught.value.code == code


def test_a_voice_call_without_a_valid_template_is_refused_with_17(client):
    sms_template = next(t.id for t in client.list_templates("sms"))
    with pytest.raises(NotFoundError) as caught:
        client.send_voice(route=VOICE_ROUTE, template_id=sms_template, phones=["0612345678"])
    assert caught.value.code == 17 and caught.value.field == "templateID"


def test_a_send_beyond_the_credits_and_the_allowed_overdraft_is_refused_with_11(client, ecampaign):
    ecampaign.store.accounts["demo"].routes[FAX_ROUTE].credits = Decimal(1)
    with pytest.raises(InsufficientCreditError) as caught:
        client.send_fax(route=FAX_ROUTE, filename="brochure.pdf", phones=["0145678910", "0145678911"])
    assert caught.value.code == 11


def test_an_overdraft_within_the_allowance_is_accepted(client, ecampaign):
    route = ecampaign.store.accounts["demo"].routes[SMS_ROUTE]
    route.credits = Decimal(0)
    assert client.send_sms(route=SMS_ROUTE, message="x", phones=["0612345678"]).code == 0
    assert route.credits == -1


def test_expired_credits_cannot_be_spent(client, ecampaign):
    ecampaign.store.accounts["demo"].routes[FAX_ROUTE].expires = dt.date(2020, 1, 1)
    with pytest.raises(InsufficientCreditError):
        client.send_fax(route=FAX_ROUTE, filename="brochure.pdf", phones=["0145678910"])


@pytest.mark.parametrize(
    ("target", "code", "error"),
    [
        (GroupTarget(999999, ["mobile"]), 27, NotFoundError),
        (GroupTarget(0, []), 26, InvalidRequestError),
        (GroupTarget(0, ["ville"]), 26, InvalidRequestError),
        (GroupTarget(0, ["mobile"], [Criterion("pays", "=", "FR")]), 41, InvalidRequestError),
        (GroupTarget(0, ["mobile"], [Criterion("ville", "~", "Paris")]), 42, InvalidRequestError),
        (GroupTarget(0, ["mobile"], [Criterion("ville", "=", "Paris")], "XOR"), 42, InvalidRequestError),
        (GroupTarget(0, ["mobile"], [Criterion("ville", "=", "Marseille")]), 13, InvalidRequestError),
    ],
)
def test_a_group_send_is_refused_with_the_specs_code(client, shop_group, target, code, error):
    target = GroupTarget(target.group_id or shop_group, target.fields, target.criteria, target.operator)
    with pytest.raises(error) as caught:
        client.send_sms(route=SMS_ROUTE, message="x", group=target)
    assert caught.value.code == code


def test_a_group_of_another_account_is_refused_with_21(client, ecampaign):
    ecampaign.store.groups[101].owner = "someone-else"
    with pytest.raises(NotFoundError) as caught:
        client.send_sms(route=SMS_ROUTE, message="x", group=GroupTarget(101, ["mobile"]))
    assert caught.value.code == 21


def test_the_sandbox_accepts_the_xml_posted_raw_like_the_vendors_sample(raw_post, ecampaign):
    body = "<sendSMS><route>1001</route><message>Tom &amp; Jerry +1</message><recipients><phone><code>33</code>"
    body += "<number>612345678</number></phone></recipients></sendSMS>"
    answer = raw_post("/sendSMS", content=b"xml=" + login_xml(body).encode(),
                      headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert b"<code>0</code>" in answer.content
    assert [m.content for m in ecampaign.store.messages.values()] == ["Tom & Jerry +1"]


def test_the_sandbox_accepts_the_xml_form_encoded(raw_post, ecampaign):
    body = "<sendSMS><route>1001</route><message>Tom &amp; Jerry +1</message><recipients><phone><code>33</code>"
    body += "<number>612345678</number></phone></recipients></sendSMS>"
    answer = raw_post("/sendSMS", data={"xml": login_xml(body)})
    assert b"<code>0</code>" in answer.content
    assert [m.content for m in ecampaign.store.messages.values()] == ["Tom & Jerry +1"]
