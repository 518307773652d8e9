"""getAcks, getPull, getInfo, deleteCampaign, getStop and createSubAccount against
the sandbox over HTTP: every status of Annexes 2 to 5 and of the report answers."""

import datetime as dt

import pytest

from backoffice.providers.allmysms import AllMySMSClient
from backoffice.providers.allmysms.sandbox import (
    CORRUPT_DATE_CAMPAIGN_ID,
    CORRUPT_STATUS_CAMPAIGN_ID,
    INACTIVE_CLIENT_CODE,
    INACTIVE_PASS_CODE,
    UNREACHABLE_REPORTS_CAMPAIGN_ID,
)
from backoffice.providers.errors import (
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
    TransientError,
)
from backoffice.providers.types import DeliveryStatus

# The sandbox decides deliveries by the last digit (see sandbox_platform.py).
DELIVERED, NOT_DELIVERED, REJECTED, UNKNOWN_NUMBER = "0612345671", "0612345658", "0612345669", "0612345670"
REPLIES, STOPS = "0612345677", "0612345666"


def demo(endpoint, pass_code="demo-pass", client_code="demo"):
    return AllMySMSClient(client_code=client_code, pass_code=pass_code, endpoint=endpoint, attempts=1)


def test_acks_progress_from_handed_to_the_operator_to_final(client, advance):
    sent = client.send_sms(
        message="Hi", recipients=[DELIVERED, NOT_DELIVERED, REJECTED, UNKNOWN_NUMBER], cli_msg_id="m-1"
    )
    assert client.get_acks(sent.campaign_id).events == ()
    advance(6)
    early = client.get_acks(sent.campaign_id)
    assert early.status_code == "0" and early.cli_msg_id == "m-1"
    assert {e.raw_code for e in early.events} == {"3"}
    assert {e.status for e in early.events} == {DeliveryStatus.SENT}
    advance(30)
    final = {e.recipient: e for e in client.get_acks(sent.campaign_id).events}
    assert final["+33612345671"].status is DeliveryStatus.DELIVERED
    assert final["+33612345658"].status is DeliveryStatus.FAILED
    assert final["+33612345669"].status is DeliveryStatus.REJECTED
    assert final["+33612345670"].raw_code == "5"
    assert final["+33612345671"].occurred_at.tzinfo is not None
    assert final["+33612345671"].message_ref == sent.campaign_id


def test_a_number_on_the_stop_list_is_rejected(client, advance):
    sent = client.send_sms(message="Hi", recipients=["0612345678"])  # a STOP of the spec's sample
    advance(40)
    (event,) = client.get_acks(sent.campaign_id).events
    assert (event.raw_code, event.status) == ("4", DeliveryStatus.REJECTED)


def test_acks_of_an_unknown_campaign_are_simply_absent(client):
    report = client.get_acks("ap_999")
    assert (report.status_code, report.events) == ("1", ())


def test_acks_with_wrong_credentials_are_refused(endpoint):
    with pytest.raises(AuthenticationError) as caught:
        demo(endpoint, pass_code="nope").get_acks("ap_1")
    assert caught.value.code == "2"


def test_acks_of_another_accounts_campaign_are_refused(client, endpoint, platform):
    client.create_sub_account(
        first_name="Ann",
        last_name="Lee",
        society="A",
        mobile="0612345678",
        email="ann@a.fr",
        login="annlee",
        password="secret99",
    )
    sent = client.send_sms(message="Hi", recipients=[DELIVERED])
    with pytest.raises(AuthenticationError):
        demo(endpoint, client_code="annlee", pass_code="secret99").get_acks(sent.campaign_id)


def test_reports_the_platform_cannot_reach_are_transient(client):
    with pytest.raises(TransientError) as caught:
        client.get_acks(UNREACHABLE_REPORTS_CAMPAIGN_ID)
    assert caught.value.code == "3"
    with pytest.raises(TransientError):
        client.get_pulls(UNREACHABLE_REPORTS_CAMPAIGN_ID)


def test_replies_arrive_after_a_minute_and_a_stop_joins_the_stop_list(client, advance):
    sent = client.send_sms(message="Hi", recipients=[REPLIES, STOPS, DELIVERED], cli_msg_id="m-2")
    assert client.get_pulls(sent.campaign_id).status_code == "1"
    advance(61)
    report = client.get_pulls(sent.campaign_id)
    assert report.cli_msg_id == "m-2"
    assert {(r.phone, r.text) for r in report.replies} == {
        ("+33612345677", "Merci, bien reçu"),
        ("+33612345666", "STOP"),
    }
    assert all(r.campaign_id == sent.campaign_id and r.received_at for r in report.replies)
    assert "+33612345666" in {stop.phone for stop in client.get_stops()}


def test_replies_with_wrong_credentials_are_refused(endpoint):
    with pytest.raises(AuthenticationError):
        demo(endpoint, pass_code="nope").get_pulls("ap_1")


def test_the_stop_list_starts_with_the_spec_sample(client):
    stops = client.get_stops()
    assert [s.phone for s in stops][:2] == ["+33612345678", "+33612345681"]
    assert stops[0].received_at == dt.datetime(2014, 1, 22, 14, 34, 12, tzinfo=stops[0].received_at.tzinfo)


def test_the_stop_list_with_wrong_credentials_is_refused(endpoint):
    with pytest.raises(AuthenticationError):
        demo(endpoint, pass_code="nope").get_stops()


def test_info_gives_the_demo_accounts_status_and_credits(client):
    info = client.get_info()
    assert (info.status_code, info.active, info.credits) == ("300", True, 1000)
    assert info.message.fr == "Compte actif"


def test_info_follows_the_credits_spent(client):
    client.send_sms(message="Hi", recipients=[DELIVERED])
    assert client.get_info().credits == 999


def test_info_shows_an_inactive_account(endpoint):
    info = demo(endpoint, client_code=INACTIVE_CLIENT_CODE, pass_code=INACTIVE_PASS_CODE).get_info()
    assert (info.status_code, info.active, info.message.en) == ("303", False, "Inactive account")


@pytest.mark.parametrize(("client_code", "pass_code", "code"), [("nobody", "x", "301"), ("demo", "wrong", "302")])
def test_info_refuses_unknown_accounts_and_wrong_pass_codes(endpoint, client_code, pass_code, code):
    with pytest.raises(AuthenticationError) as caught:
        demo(endpoint, client_code=client_code, pass_code=pass_code).get_info()
    assert caught.value.code == code and caught.value.localized.en


def scheduled(client):
    return client.send_sms(message="Hi", recipients=[DELIVERED], date=dt.datetime.now(dt.UTC) + dt.timedelta(days=1))


def test_deleting_a_scheduled_campaign_cancels_it_and_gives_the_credits_back(client, platform):
    campaign_id = scheduled(client).campaign_id
    assert client.get_info().credits == 999
    deletion = client.delete_campaign(campaign_id)
    assert (deletion.status_code, deletion.already_deleted) == ("OK", False)
    assert platform.campaigns[campaign_id].state == "deleted"
    assert client.get_info().credits == 1000


def test_deleting_twice_is_not_an_error(client):
    campaign_id = scheduled(client).campaign_id
    client.delete_campaign(campaign_id)
    assert client.delete_campaign(campaign_id).already_deleted


def test_a_deleted_campaign_is_never_sent(client, platform, advance):
    campaign_id = scheduled(client).campaign_id
    client.delete_campaign(campaign_id)
    advance(2 * 86400)
    assert platform.campaigns[campaign_id].state == "deleted"


@pytest.mark.parametrize(
    ("setup", "error", "code"),
    [
        (lambda client, advance: "ap_999", NotFoundError, "CAMPNOTFOUND"),
        (
            lambda client, advance: client.send_sms(message="Hi", recipients=[DELIVERED]).campaign_id,
            InvalidRequestError,
            "BADCAMPAIGNSENDINGTYPE",
        ),
        (lambda client, advance: CORRUPT_STATUS_CAMPAIGN_ID, InvalidRequestError, "BADCAMPAIGNSTATUS"),
        (lambda client, advance: CORRUPT_DATE_CAMPAIGN_ID, InvalidRequestError, "BADDATETOSEND"),
        (
            lambda client, advance: (scheduled(client).campaign_id, advance(86401))[0],
            InvalidRequestError,
            "CAMPALREADYSENT",
        ),
    ],
)
def test_deleting_answers_each_refusal_of_annex_4(client, advance, setup, error, code):
    campaign_id = setup(client, advance)
    with pytest.raises(error) as caught:
        client.delete_campaign(campaign_id)
    assert caught.value.code == code and caught.value.localized.fr


def test_deleting_with_wrong_credentials_finds_no_campaign(client, endpoint):
    campaign_id = scheduled(client).campaign_id
    with pytest.raises(NotFoundError):
        demo(endpoint, pass_code="nope").delete_campaign(campaign_id)


SUB_ACCOUNT = dict(
    first_name="Jean",
    last_name="Dupont-Moreau",
    society="ACME",
    mobile="0612345678",
    email="jean@acme.fr",
    login="jdupont",
    password="s3cret!x",
)


def test_it_creates_a_sub_account_with_all_16_fields_that_can_then_log_in(client, endpoint, platform):
    created = client.create_sub_account(
        **SUB_ACCOUNT,
        phone="0123456789",
        website="https://acme.fr",
        address="1 rue de la Paix",
        zip="75002",
        city="Paris",
        country="France",
        send_email_to_customer=True,
        send_email_to_master_account=True,
        post_paid=True,
    )
    assert created.login == "jdupont" and created.message.fr == "Le sous compte a bien été créé"
    account = platform.accounts["jdupont"]
    assert (account.master, account.profile["city"], account.profile["sendEmailToCustomer"]) == ("demo", "Paris", "1")
    info = demo(endpoint, client_code="jdupont", pass_code="s3cret!x").get_info()
    assert (info.active, info.credits) == (True, 0)


def test_a_new_sub_account_without_credits_cannot_send(client, endpoint):
    from backoffice.providers.errors import InsufficientCreditError

    client.create_sub_account(**SUB_ACCOUNT)
    with pytest.raises(InsufficientCreditError):
        demo(endpoint, client_code="jdupont", pass_code="s3cret!x").send_sms(message="Hi", recipients=[DELIVERED])


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"society": " "}, "bad parameters", None),
        ({"first_name": "J3an"}, "bad FIRSTNAME format", "firstName"),
        ({"last_name": "Dupont!"}, "bad LASTNAME format", "lastName"),
        ({"login": "j d"}, "bad LOGIN format", "login"),
        ({"password": "court"}, "bad PASSWORD format", "password"),
        ({"email": "jean.acme.fr"}, "bad EMAIL format", "email"),
        ({"login": "demo"}, "The login already exists", "login"),
    ],
)
def test_sub_account_refusals_of_annex_5_name_the_field(client, change, code, field):
    fields = {**SUB_ACCOUNT, **change}
    if code == "bad parameters":  # the client refuses blanks itself; send one through the wire
        fields["society"] = " "
    with pytest.raises(InvalidRequestError) as caught:
        client.create_sub_account(**fields)
    if code != "bad parameters":
        assert (caught.value.code, caught.value.field) == (code, field)
    assert caught.value.localized.fr


def test_the_sandbox_answers_bad_parameters_for_a_missing_required_field(client):
    from backoffice.providers.allmysms.client import _soap_service

    answer = _soap_service(client.endpoint, client.timeout).createSubAccount(
        clientCode="demo", passCode="demo-pass", subAccount={"firstName": "Jean"}
    )
    assert (answer.status, answer.text) == ("0", "bad parameters")


def test_creating_the_same_login_twice_is_refused(client):
    client.create_sub_account(**SUB_ACCOUNT)
    with pytest.raises(InvalidRequestError) as caught:
        client.create_sub_account(**SUB_ACCOUNT)
    assert caught.value.code == "The login already exists"


def test_creating_a_sub_account_with_wrong_master_credentials_is_an_authentication_error(endpoint):
    with pytest.raises(AuthenticationError):
        demo(endpoint, pass_code="nope").create_sub_account(**SUB_ACCOUNT)
