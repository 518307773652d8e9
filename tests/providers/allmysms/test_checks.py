"""Checks made before anything is sent: each refusal names its field, and nothing
reaches the provider (the client points at a port where nothing listens)."""

import datetime as dt

import pytest

from backoffice.providers.allmysms import AllMySMSClient, InvalidNumbersError, SmsRecipient
from backoffice.providers.errors import InvalidRequestError

NOWHERE = "http://127.0.0.1:9/soap/server.php"


@pytest.fixture
def offline():
    return AllMySMSClient(client_code="demo", pass_code="demo-pass", endpoint=NOWHERE, timeout=1, attempts=1)


def refusal(offline, **kwargs) -> InvalidRequestError:
    kwargs.setdefault("message", "Bonjour")
    kwargs.setdefault("recipients", ["0612345678"])
    with pytest.raises(InvalidRequestError) as caught:
        offline.send_sms(**kwargs)
    assert caught.value.localized.fr and caught.value.localized.en
    return caught.value


def test_it_refuses_an_empty_message(offline):
    assert refusal(offline, message="  ").field == "message"


def test_it_refuses_a_message_longer_than_640_characters(offline):
    assert refusal(offline, message="a" * 641).field == "message"


def test_it_accepts_640_characters_in_premium_but_refuses_more_than_one_sms_in_low_cost(offline):
    assert refusal(offline, message="a" * 161, lowcost=True).field == "message"
    assert refusal(offline, message="é" * 60 + "ψ" * 11, lowcost=True).field == "message"


def test_it_refuses_control_characters_in_the_message(offline):
    assert refusal(offline, message="a\tb").field == "message"


def test_it_refuses_no_recipient(offline):
    assert refusal(offline, recipients=[]).field == "sms"


@pytest.mark.parametrize("tpoa", ["AB", "Boutique1234", "1Boutique", "Bou tique", "Boutiqué", "Bou-tique"])
def test_it_refuses_a_sender_that_breaks_the_tpoa_rules(offline, tpoa):
    assert refusal(offline, tpoa=tpoa).field == "tpoa"


def test_it_refuses_a_sender_longer_than_11_characters(offline):
    assert refusal(offline, tpoa="A" * 12).field == "tpoa"


def test_it_reports_every_invalid_number_with_its_position(offline):
    with pytest.raises(InvalidNumbersError) as caught:
        offline.send_sms(message="Hi", recipients=["0612345678", "12", "06 12", "+33 1 23 45 67 89", "abc"])
    error = caught.value
    assert error.field == "mobilePhone"
    assert [(n.index, n.phone) for n in error.invalid_numbers] == [
        (1, "12"),
        (2, "06 12"),
        (3, "+33 1 23 45 67 89"),
        (4, "abc"),
    ]
    assert error.invalid_numbers[2].reason.en == "not a mobile number"


def test_it_refuses_placeholders_without_parameters(offline):
    assert refusal(offline, message="Bonjour #param_1#").field == "params"


def test_it_refuses_a_gap_in_the_placeholders(offline):
    error = refusal(offline, message="#param_1# #param_3#", recipients=[SmsRecipient("0612345678", ("a", "b", "c"))])
    assert error.field == "dynamic"


def test_it_refuses_a_dynamic_count_that_disagrees_with_the_message(offline):
    assert refusal(offline, message="#param_1#", dynamic=2).field == "dynamic"


def test_it_refuses_parameters_for_a_message_without_placeholders(offline):
    assert refusal(offline, recipients=[SmsRecipient("0612345678", ("x",))]).field == "params"


def test_it_checks_the_length_of_each_recipients_rendered_message(offline):
    recipients = [SmsRecipient("0612345678", ("court",)), SmsRecipient("0612345679", ("x" * 200,))]
    assert refusal(offline, message="Hi #param_1#", recipients=recipients, lowcost=True).field == "message"


def test_the_stop_mention_counts_in_the_length(offline):
    assert refusal(offline, message="a" * 150, tpoa="Boutique", lowcost=True).field == "message"


@pytest.mark.parametrize("date", ["2026-13-01 10:00:00", "demain", "2026-01-01"])
def test_it_refuses_a_badly_formatted_date(offline, date):
    assert refusal(offline, date=date).field == "date"


def test_dates_are_written_in_paris_time():
    from backoffice.providers.allmysms.checks import format_send_date

    assert format_send_date(dt.datetime(2026, 7, 14, 8, 0, tzinfo=dt.UTC)) == "2026-07-14 10:00:00"
    assert format_send_date(dt.datetime(2026, 1, 14, 8, 0)) == "2026-01-14 08:00:00"
    assert format_send_date("14-07-2026 10:00:00") == "2026-07-14 10:00:00"


def test_a_sub_account_without_a_required_field_is_refused_before_sending(offline):
    with pytest.raises(InvalidRequestError) as caught:
        offline.create_sub_account(
            first_name="Jean",
            last_name="",
            society="ACME",
            mobile="0612345678",
            email="j@a.fr",
            login="jd",
            password="x",
        )
    assert caught.value.field == "lastName"
