"""Authentication, the provider's error answers, broken and hostile answers."""

import httpx
import pytest

from backoffice.providers.errors import AuthenticationError, TransientError
from backoffice.providers.sandbox import Fault


def test_a_wrong_api_key_is_an_authentication_error_with_a_hint_about_declaring_the_ip(sandbox, make_client):
    client = make_client(api_key="wrong-key")
    with pytest.raises(AuthenticationError) as refused:
        client.list_users()
    assert refused.value.code == "1"
    assert refused.value.message.startswith("Error api_key invalid")
    assert "declare this server's IP" in str(refused.value)
    assert "déclarez l'IP" in refused.value.localized.fr
    assert refused.value.raw == {"error": "1", "message": "Error api_key invalid"}


def test_an_undeclared_ip_is_an_authentication_error(client, mdworks):
    mdworks.declare_ips("192.0.2.10")
    with pytest.raises(AuthenticationError) as refused:
        client.list_pools()
    assert refused.value.message.startswith("Error IP address not declared: 127.0.0.1")
    assert "Gestion du compte > API / Zapier" in refused.value.localized.fr


def test_statistics_are_open_to_an_undeclared_ip(client, mdworks):
    mdworks.declare_ips("192.0.2.10")
    assert len(client.campaign_stats()) == 2


def test_statistics_still_need_the_api_key(sandbox, make_client):
    client = make_client(api_key="wrong-key")
    with pytest.raises(AuthenticationError):
        client.campaign_stats()


@pytest.mark.parametrize(
    "fault",
    [Fault.SERVER_ERROR, Fault.HTML_PAGE, Fault.TRUNCATED, Fault.RESET, Fault.ENTITY_BOMB, Fault.EXTERNAL_ENTITY],
)
def test_a_broken_answer_to_a_write_is_transient_and_not_repeated(sandbox, client, mdworks, fault):
    sandbox.app.inject("mdworks", fault, times=3, match="user_create")
    with pytest.raises(TransientError) as failed:
        client.create_user(login="client_dupont", password="tres-secret-1", quota=10)
    assert failed.value.may_have_been_applied
    # Only one of the three armed faults was used: the write was not sent again.
    sandbox.app.context.faults.clear()
    assert len(client.list_users()) == (2 if fault is Fault.TRUNCATED else 1)


def test_a_read_is_retried_after_a_server_error(sandbox, client):
    sandbox.app.inject("mdworks", Fault.SERVER_ERROR, match="pools_list")
    assert len(client.list_pools()) == 2


def test_a_hung_provider_ends_in_a_transient_error_within_the_timeout(sandbox, make_client):
    sandbox.app.inject("mdworks", Fault.HANG, match="user_delete")
    client = make_client(timeout=0.5)
    with pytest.raises(TransientError, match="no answer in time"):
        client.delete_user(2123)


def test_an_unreachable_provider_is_transient_and_never_reached(sandbox, make_client):
    client = make_client(base_url="http://127.0.0.1:9/mdworks", timeout=0.5)
    with pytest.raises(TransientError) as failed:
        client.unsubscribe("a@example.com")
    assert failed.value.may_have_been_applied is False


def test_an_unknown_function_is_a_404_page_and_refused(sandbox, make_client):
    client = make_client(base_url=f"{sandbox.url}/mdworks/nowhere")
    with pytest.raises(TransientError, match="not JSON"):
        client.list_pools()


def test_an_answer_in_the_wrong_shape_is_refused(client, mdworks):
    mdworks.users[2123].quota = "beaucoup"
    with pytest.raises(TransientError, match="quota is not a number"):
        client.list_users()


def test_an_error_answer_without_words_is_refused(client, mdworks, monkeypatch):
    monkeypatch.setattr(type(mdworks), "FUNCTIONS", {"pools_list": lambda self, data: {"error": "1"}})
    with pytest.raises(TransientError, match="an error without a message"):
        client.list_pools()


def test_a_dated_statistic_that_is_not_a_date_is_refused(client, mdworks, monkeypatch):
    broken = [{"id": "1", "user_id": "2", "user": "x", "reference": "r", "subject": "s", "sent": "hier"}]
    monkeypatch.setattr(type(mdworks), "OPEN_FUNCTIONS", {"campaigns_stats": lambda self, data: broken})
    with pytest.raises(TransientError, match="sent is not a date"):
        client.campaign_stats()


def test_the_sandbox_accepts_the_json_body_under_a_json_or_a_form_content_type(sandbox):
    url = f"{sandbox.url}/mdworks/api_http/pools_list"
    for content_type in ("application/json", "application/x-www-form-urlencoded"):
        answer = httpx.post(url, content=b'{"api_key": "demo-api-key"}', headers={"Content-Type": content_type})
        assert [pool["id"] for pool in answer.json()] == ["527", "545"]


def test_the_sandbox_answers_errors_with_http_200(sandbox):
    answer = httpx.post(f"{sandbox.url}/mdworks/api_http/user_list", content=b"not json")
    assert answer.status_code == 200
    assert answer.json() == {"error": "1", "message": "Error api_key invalid"}
