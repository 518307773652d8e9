import pytest

from backoffice.providers.mdworks import MDWorksClient, MDWorksScenarioClient
from backoffice.providers.mdworks.sandbox import (
    DEMO_API_KEY,
    DEMO_MAIN_QUOTA,
    DEMO_SCENARIO_LOGIN,
    DEMO_SCENARIO_PASSWORD,
    SCENARIO_NAMESPACE,
    SCENARIO_PATH,
    MDWorksSandbox,
)


@pytest.fixture
def mdworks(sandbox) -> MDWorksSandbox:
    """The sandbox's MDWorks state, freshly reset."""
    return sandbox.app.providers["mdworks"]


@pytest.fixture
def client(sandbox):
    with MDWorksClient(api_key=DEMO_API_KEY, base_url=f"{sandbox.url}/mdworks", timeout=2.0) as client:
        yield client


@pytest.fixture
def client_knowing_quota(sandbox):
    with MDWorksClient(
        api_key=DEMO_API_KEY, base_url=f"{sandbox.url}/mdworks", timeout=2.0, main_account_quota=DEMO_MAIN_QUOTA
    ) as client:
        yield client


def scenario_client(sandbox, *, login=DEMO_SCENARIO_LOGIN, password=DEMO_SCENARIO_PASSWORD, timeout=2.0):
    return MDWorksScenarioClient(
        login=login,
        password=password,
        endpoint=f"{sandbox.url}/mdworks{SCENARIO_PATH}",
        namespace=SCENARIO_NAMESPACE,
        timeout=timeout,
    )


@pytest.fixture
def scenario(sandbox) -> MDWorksScenarioClient:
    return scenario_client(sandbox)


@pytest.fixture
def make_client(sandbox):
    """A client with other settings (key, URL, timeout), closed after the test."""
    made = []

    def make(*, api_key=DEMO_API_KEY, base_url=None, timeout=2.0):
        made.append(MDWorksClient(api_key=api_key, base_url=base_url or f"{sandbox.url}/mdworks", timeout=timeout))
        return made[-1]

    yield make
    for client in made:
        client.close()
