"""Broken and hostile answers end in a clear TransientError within the timeout;
reads are retried, sends never are unless the request provably never left."""

import datetime as dt
import io

import httpx
import pytest

from backoffice.providers.ecampaign import ECampaignClient
from backoffice.providers.ecampaign.sandbox import DEMO_PASSWORD, DEMO_USER
from backoffice.providers.ecampaign.tracking import iter_cdr
from backoffice.providers.errors import TransientError
from backoffice.providers.sandbox import Fault, faults

BROKEN = [Fault.SERVER_ERROR, Fault.HTML_PAGE, Fault.HANG, Fault.RESET, Fault.TRUNCATED]
HOSTILE = [Fault.ENTITY_BOMB, Fault.EXTERNAL_ENTITY, Fault.EXTERNAL_DTD]


@pytest.fixture
def quick_client(base_url):
    with ECampaignClient(user=DEMO_USER, password=DEMO_PASSWORD, base_url=base_url, timeout=1) as client:
        yield client


def _send(client):
    return client.send_sms(route=1001, message="Bonjour", phones=["0612345678"])


@pytest.mark.parametrize("fault", BROKEN + HOSTILE)
def test_a_send_facing_a_broken_or_hostile_answer_fails_once_and_is_not_retried(quick_client, sandbox, fault):
    sandbox.app.inject("ecampaign", fault, times=2, match="sendSMS")
    with pytest.raises(TransientError):
        _send(quick_client)
    # The second armed fault is still there: the client made one attempt only.
    with pytest.raises(TransientError):
        _send(quick_client)
    assert _send(quick_client).code == 0


@pytest.mark.parametrize("fault", BROKEN + HOSTILE)
def test_a_read_facing_one_broken_or_hostile_answer_is_retried(quick_client, sandbox, fault):
    sandbox.app.inject("ecampaign", fault, times=1)
    assert quick_client.get_credits()


@pytest.mark.parametrize("fault", [Fault.SERVER_ERROR, Fault.HTML_PAGE, Fault.TRUNCATED, *HOSTILE])
def test_a_cdr_read_incrementally_refuses_broken_and_hostile_answers(quick_client, sandbox, fault):
    sandbox.app.inject("ecampaign", fault, times=3)
    today = sandbox.app.context.clock.now().date()
    with pytest.raises(TransientError):
        quick_client.get_cdr(start_date=today, stop_date=today)


@pytest.mark.parametrize("fault", [Fault.SERVER_ERROR, Fault.HTML_PAGE, *HOSTILE])
def test_an_mp3_download_refuses_broken_and_hostile_answers(quick_client, sandbox, fault):
    sandbox.app.inject("ecampaign", fault, times=3)
    with pytest.raises(TransientError):
        quick_client.get_mp3(303, message_type="main")


def test_a_send_to_a_server_that_is_down_is_marked_as_never_applied_so_it_may_be_retried(base_url):
    client = ECampaignClient(user="demo", password="x", base_url="http://127.0.0.1:9", timeout=1)
    with client, pytest.raises(TransientError) as caught:
        _send(client)
    assert caught.value.may_have_been_applied is False


def test_an_answer_over_the_size_limit_is_refused(base_url):
    client = ECampaignClient(user="demo", password="demo-pass", base_url=base_url, max_answer_bytes=200)
    with client, pytest.raises(TransientError, match="larger than"):
        client.list_groups()


def test_a_cdr_over_its_own_size_limit_is_refused(client, sandbox):
    client.max_cdr_bytes = 100
    with pytest.raises(TransientError, match="larger than"):
        client.get_cdr(start_date=dt.date(2026, 1, 1), stop_date=dt.date(2026, 1, 2))


@pytest.mark.parametrize("hostile", ["bomb", "entity", "dtd"])
def test_the_incremental_parser_refuses_hostile_xml_without_expansion_or_network_access(receiver, hostile):
    trap = f"{receiver.url}/trap"
    content = {
        "bomb": faults.ENTITY_BOMB,
        "entity": faults.external_entity(trap),
        "dtd": faults.external_dtd(trap),
    }[hostile]
    with pytest.raises(TransientError):
        list(iter_cdr(io.BytesIO(content), max_bytes=10**6))
    assert receiver.gets == []


def test_an_answer_that_is_not_an_ecampaign_document_is_transient(base_url):
    def answer(request):
        return httpx.Response(200, content=b"<html><body>Maintenance</body></html>")

    client = ECampaignClient(user="demo", password="x", base_url=base_url)
    client._http = httpx.Client(transport=httpx.MockTransport(answer), base_url=base_url)
    with pytest.raises(TransientError, match="unexpected answer"):
        client.list_groups()
