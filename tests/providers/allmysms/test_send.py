"""sendSms against the sandbox over HTTP: every status of Annex 1."""

import datetime as dt

import pytest

from backoffice.providers.allmysms import AllMySMSClient, SmsRecipient
from backoffice.providers.allmysms.sandbox import INACTIVE_CLIENT_CODE, INACTIVE_PASS_CODE
from backoffice.providers.errors import AuthenticationError, InsufficientCreditError, InvalidRequestError


def test_it_sends_to_every_recipient_and_returns_one_id_per_sms_part(client, platform):
    result = client.send_sms(message="Bonjour", recipients=["06 12 34 56 71", "+33612345672"])
    assert result.status_code == "100"
    assert result.message.en == "The message was sent"
    assert result.campaign_id.startswith("ap_")
    assert [m.phone for m in result.messages] == ["+33612345671", "+33612345672"]
    assert len({m.message_id for m in result.messages}) == 2
    assert result.credits == 998
    assert platform.accounts["demo"].credits == 998


def test_a_long_message_is_charged_one_credit_per_part(client):
    result = client.send_sms(message="a" * 200, recipients=["0612345671"])
    assert [m.part for m in result.messages] == [1, 2]
    assert result.credits == 998


def test_a_unicode_message_takes_parts_of_67_characters(client):
    result = client.send_sms(message="é" * 60 + "€" + "ψ" * 9 + "😀", recipients=["0612345671"])
    assert len(result.messages) == 2


def test_each_recipient_gets_its_own_parameters(client, platform):
    result = client.send_sms(
        message="Bonjour #param_1#, code #param_2#",
        recipients=[SmsRecipient("0612345671", ("Ann", "A1")), SmsRecipient("0612345672", ("Bob", "B2"))],
        campaign_name="Soldes",
        cli_msg_id="batch-7",
        lowcost=True,
        mail_notif=True,
    )
    campaign = platform.campaigns[result.campaign_id]
    assert (campaign.name, campaign.cli_msg_id) == ("Soldes", "batch-7")


def test_a_deferred_send_is_scheduled_and_goes_out_when_due(client, platform, advance):
    when = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    result = client.send_sms(message="Plus tard", recipients=["0612345671"], date=when)
    assert result.status_code == "101" and result.scheduled
    campaign = platform.campaigns[result.campaign_id]
    assert campaign.state == "scheduled"
    advance(2 * 3600 + 1)
    assert campaign.state == "sent"


def test_a_custom_sender_to_french_numbers_gets_the_stop_mention(client, platform):
    result = client.send_sms(message="Promo -20%", recipients=["0612345671"], tpoa="Boutique")
    assert result.stop_mention_added
    campaign = platform.campaigns[result.campaign_id]
    assert campaign.message == "Promo -20%\nSTOP au 36180"
    assert campaign.sender == "Boutique"


def test_a_message_already_ending_with_the_stop_mention_is_left_alone(client, platform):
    result = client.send_sms(message="Promo STOP au 36180", recipients=["0612345671"], tpoa="Boutique")
    assert not result.stop_mention_added
    assert platform.campaigns[result.campaign_id].message == "Promo STOP au 36180"


def test_a_custom_sender_abroad_needs_no_stop_mention(client):
    result = client.send_sms(message="Promo", recipients=["+447400123456"], tpoa="Boutique")
    assert not result.stop_mention_added


def test_the_sandbox_falls_back_to_36180_without_the_stop_mention(client, platform):
    result = client._post_message_data(
        {"message": "Promo", "tpoa": "Boutique", "sms": {"item": [{"mobilePhone": "33612345671"}]}}
    )
    assert platform.campaigns[result.campaign_id].sender == "36180"


def test_some_invalid_numbers_are_reported_and_the_valid_ones_sent(client):
    result = client._post_message_data(
        {"message": "Hi", "sms": {"item": [{"mobilePhone": "33612345671"}, {"mobilePhone": "12"}]}}
    )
    assert result.status_code == "113"
    assert result.invalid_numbers == ("12",)
    assert [m.phone for m in result.messages] == ["+33612345671"]


def test_wrong_credentials_are_refused_with_102(endpoint):
    client = AllMySMSClient(client_code="demo", pass_code="wrong", endpoint=endpoint)
    with pytest.raises(AuthenticationError) as caught:
        client.send_sms(message="Hi", recipients=["0612345671"])
    assert caught.value.code == "102"
    assert caught.value.localized.en.startswith("Connection problem")


def test_an_inactive_account_cannot_send(endpoint):
    client = AllMySMSClient(client_code=INACTIVE_CLIENT_CODE, pass_code=INACTIVE_PASS_CODE, endpoint=endpoint)
    with pytest.raises(AuthenticationError):
        client.send_sms(message="Hi", recipients=["0612345671"])


def test_an_account_without_credits_is_refused_with_103(client, platform):
    platform.accounts["demo"].credits = 0
    with pytest.raises(InsufficientCreditError) as caught:
        client.send_sms(message="Hi", recipients=["0612345671"])
    assert caught.value.code == "103"


def test_a_send_costing_more_than_the_credits_is_refused_with_104(client, platform):
    platform.accounts["demo"].credits = 1
    with pytest.raises(InsufficientCreditError) as caught:
        client.send_sms(message="Hi", recipients=["0612345671", "0612345672"])
    assert caught.value.code == "104"
    assert "A utiliser: 2 Crédits, Disponibles: 1 Crédits" in caught.value.message
    assert platform.accounts["demo"].credits == 1


@pytest.mark.parametrize(
    ("message_data", "status", "field"),
    [
        ({}, "105", "messageData"),
        ({"message": "Hi"}, "106", "messageData"),
        ({"message": "Hi", "tpoa": "1bad", "sms": {"item": [{"mobilePhone": "33612345671"}]}}, "106", "messageData"),
        ({"message": "Hi\t", "sms": {"item": [{"mobilePhone": "33612345671"}]}}, "109", "message"),
        ({"message": "#param_2#", "dynamic": 1, "sms": {"item": [{"mobilePhone": "33612345671"}]}}, "109", "message"),
        ({"message": "a" * 161, "lowcost": 1, "sms": {"item": [{"mobilePhone": "33612345671"}]}}, "109", "message"),
        ({"message": " ", "sms": {"item": [{"mobilePhone": "33612345671"}]}}, "110", "message"),
        ({"message": "a" * 641, "sms": {"item": [{"mobilePhone": "33612345671"}]}}, "111", "message"),
        ({"message": "Hi", "sms": {"item": [{"mobilePhone": ""}]}}, "112", "mobilePhone"),
        ({"message": "Hi", "sms": {"item": [{"mobilePhone": "12"}, {"mobilePhone": "x"}]}}, "114", "mobilePhone"),
        ({"message": "Hi", "date": "demain", "sms": {"item": [{"mobilePhone": "33612345671"}]}}, "115", "date"),
    ],
)
def test_the_sandbox_answers_each_refusal_of_annex_1(client, message_data, status, field):
    with pytest.raises(InvalidRequestError) as caught:
        client._post_message_data(message_data)
    assert (caught.value.code, caught.value.field) == (status, field)
    assert caught.value.localized.fr and caught.value.localized.en


def test_the_sandbox_accepts_the_prose_date_format_too(client):
    when = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).astimezone(dt.timezone(dt.timedelta(hours=1)))
    result = client._post_message_data(
        {"message": "Hi", "date": when.strftime("%d-%m-%Y %H:%M:%S"), "sms": {"item": [{"mobilePhone": "33612345671"}]}}
    )
    assert result.status_code == "101"
