"""Broken and hostile answers end in a clear ProviderError within the timeout,
never a hang, never an entity resolved; only what cannot have sent is retried."""

import socket

import pytest

from backoffice.providers.allmysms import AllMySMSClient
from backoffice.providers.errors import ProviderError, TransientError
from backoffice.providers.sandbox import Fault


@pytest.fixture
def no_other_network(sandbox, monkeypatch):
    """Refuse, and record, every connection but the sandbox's."""
    refused = []
    real_connect = socket.socket.connect

    def guarded_connect(sock, address):
        if tuple(address[:2]) != (sandbox.host, sandbox.port):
            refused.append(address)
            raise ConnectionRefusedError(address)
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    return refused


@pytest.fixture
def once(endpoint):
    """A client that does not retry: each fault is seen as it is."""
    return AllMySMSClient(client_code="demo", pass_code="demo-pass", endpoint=endpoint, timeout=1, attempts=1)


@pytest.mark.parametrize("fault", list(Fault))
def test_every_fault_is_a_transient_error_on_a_read(sandbox, once, no_other_network, fault):
    sandbox.app.inject("allmysms", fault)
    with pytest.raises(TransientError) as caught:
        once.get_info()
    assert str(caught.value).startswith("allmysms")
    assert no_other_network == []


@pytest.mark.parametrize("fault", list(Fault))
def test_every_fault_is_a_transient_error_on_a_send(sandbox, fast_client, no_other_network, fault):
    sandbox.app.inject("allmysms", fault, match="sendSms")
    with pytest.raises(TransientError) as caught:
        fast_client.send_sms(message="Hi", recipients=["0612345671"])
    assert caught.value.may_have_been_applied
    assert no_other_network == []


def test_the_server_error_is_the_providers_soap_fault(sandbox, once):
    sandbox.app.inject("allmysms", Fault.SERVER_ERROR)
    with pytest.raises(TransientError) as caught:
        once.get_info()
    assert caught.value.code == "SOAP-ENV:Server"  # the fault zeep read from the HTTP 500
    assert "Internal Server Error" in caught.value.message  # the fault's own faultstring


def test_a_send_whose_answer_was_lost_is_not_sent_again(sandbox, fast_client, platform):
    sandbox.app.inject("allmysms", Fault.TRUNCATED, match="sendSms")
    with pytest.raises(TransientError):
        fast_client.send_sms(message="Hi", recipients=["0612345671"])
    sent = [c for c in platform.campaigns.values() if c.recipients]
    assert len(sent) == 1  # the sandbox did send it, once: the client did not try again
    assert platform.accounts["demo"].credits == 999


def test_reads_are_retried_after_a_transient_fault(sandbox, fast_client):
    sandbox.app.inject("allmysms", Fault.RESET, match="getInfo")
    assert fast_client.get_info().credits == 1000


def test_a_read_that_hangs_is_retried_after_the_timeout(sandbox, fast_client):
    sandbox.app.inject("allmysms", Fault.HANG, match="getAcks")
    assert fast_client.get_acks("ap_999").status_code == "1"


def test_an_unreachable_endpoint_is_a_transient_error_that_never_left():
    client = AllMySMSClient(
        client_code="demo", pass_code="x", endpoint="http://127.0.0.1:9/soap/server.php", timeout=1, attempts=1
    )
    with pytest.raises(TransientError) as caught:
        client.send_sms(message="Hi", recipients=["0612345671"])
    assert not caught.value.may_have_been_applied


def test_the_sandbox_answers_a_call_it_cannot_read_with_a_client_fault(sandbox, endpoint):
    import httpx

    answer = httpx.post(endpoint, content=b"<not-soap/>")
    assert answer.status_code == 500 and b"SOAP-ENV:Client" in answer.content


def test_an_answer_of_an_unknown_status_is_a_provider_error(sandbox, once, monkeypatch):
    from backoffice.providers.allmysms import sandbox as sandbox_module

    monkeypatch.setitem(sandbox_module.AllMySMSSandbox.OPERATIONS, "getInfo", ("getInfo", lambda *a: {"status": "304"}))
    with pytest.raises(ProviderError) as caught:
        once.get_info()
    assert caught.value.code == "304" and not isinstance(caught.value, TransientError)
