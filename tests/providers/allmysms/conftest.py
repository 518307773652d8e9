import pytest

from backoffice.providers.allmysms import AllMySMSClient
from backoffice.providers.allmysms.sandbox import DEMO_CLIENT_CODE, DEMO_PASS_CODE
from backoffice.providers.sandbox import SandboxApp, SandboxContext, SandboxServer


@pytest.fixture(scope="session")
def sandbox_server():
    """The shared sandbox with only AllMySMS mounted: these tests do not depend on
    the other providers' sandboxes (the ``sandbox`` fixture resets it per test)."""
    app = SandboxApp(SandboxContext(hang_seconds=5.0), providers=["allmysms"])
    with SandboxServer(app=app) as server:
        yield server


@pytest.fixture
def endpoint(sandbox):
    return f"{sandbox.url}/allmysms/soap/server.php"


@pytest.fixture
def platform(sandbox):
    return sandbox.app.providers["allmysms"].platform


@pytest.fixture
def client(endpoint):
    return AllMySMSClient(client_code=DEMO_CLIENT_CODE, pass_code=DEMO_PASS_CODE, endpoint=endpoint, timeout=5)


@pytest.fixture
def fast_client(endpoint):
    """For fault tests: a timeout well under the sandbox's 5 s hang."""
    return AllMySMSClient(client_code=DEMO_CLIENT_CODE, pass_code=DEMO_PASS_CODE, endpoint=endpoint, timeout=1)


@pytest.fixture
def advance(sandbox):
    return sandbox.app.context.clock.advance
