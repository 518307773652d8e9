import httpx
import pytest

from backoffice.providers.sandbox import Fault
from backoffice.providers.sandbox.app import ProviderSandbox, Request, Response, SandboxApp, SandboxContext
from backoffice.providers.sandbox.server import SandboxServer


class EchoSandbox(ProviderSandbox):
    name = "echo"

    def reset(self):
        self.calls = 0

    def handle(self, request: Request) -> Response:
        self.calls += 1
        return Response(b"<answer>" + request.body + b"</answer>")


@pytest.fixture
def echo_server():
    app = SandboxApp(SandboxContext(hang_seconds=3), providers=())
    app.providers["echo"] = EchoSandbox(app.context)
    with SandboxServer(app=app) as server:
        yield server


def test_it_routes_a_request_to_the_provider_mounted_under_its_prefix(echo_server):
    answer = httpx.post(f"{echo_server.url}/echo/anything", content=b"hello")
    assert answer.status_code == 200
    assert answer.content == b"<answer>hello</answer>"


def test_it_answers_404_for_an_unknown_prefix(echo_server):
    assert httpx.get(f"{echo_server.url}/nobody/").status_code == 404


def test_the_control_api_arms_a_fault_for_the_next_request_only(echo_server):
    armed = httpx.post(f"{echo_server.url}/_sandbox/faults", json={"provider": "echo", "fault": "html_page"})
    assert armed.status_code == 200
    assert httpx.post(f"{echo_server.url}/echo/").headers["content-type"].startswith("text/html")
    assert httpx.post(f"{echo_server.url}/echo/", content=b"x").content == b"<answer>x</answer>"


def test_a_truncated_answer_is_the_real_answer_cut_in_half(echo_server):
    echo_server.app.inject("echo", Fault.TRUNCATED)
    whole = b"<answer>0123456789</answer>"
    assert httpx.post(f"{echo_server.url}/echo/", content=b"0123456789").content == whole[: len(whole) // 2]


def test_a_reset_fault_aborts_the_connection(echo_server):
    echo_server.app.inject("echo", Fault.RESET)
    with pytest.raises(httpx.TransportError):
        httpx.post(f"{echo_server.url}/echo/")


def test_a_hang_outlasts_the_client_timeout(echo_server):
    echo_server.app.inject("echo", Fault.HANG)
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(f"{echo_server.url}/echo/", timeout=0.5)


def test_a_fault_can_be_limited_to_requests_matching_a_text(echo_server):
    echo_server.app.inject("echo", Fault.SERVER_ERROR, match="getAcks")
    assert httpx.post(f"{echo_server.url}/echo/", content=b"sendSms").status_code == 200
    assert httpx.post(f"{echo_server.url}/echo/", content=b"getAcks").status_code == 500


def test_advancing_the_clock_runs_the_events_that_fall_due(echo_server):
    clock = echo_server.app.context.clock
    ran = []
    clock.call_later(3600, lambda: ran.append("ack"))
    clock.run_due()
    assert ran == []
    httpx.post(f"{echo_server.url}/_sandbox/clock", json={"advance": 3601})
    assert ran == ["ack"]


def test_the_control_api_refuses_bad_json_with_a_400(echo_server):
    assert httpx.post(f"{echo_server.url}/_sandbox/clock", content=b"{not json").status_code == 400
    assert httpx.post(f"{echo_server.url}/_sandbox/clock", json={"advance": "soon"}).status_code == 400
