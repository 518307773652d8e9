import pytest

from accounts import services
from accounts.models import Provider
from accounts.roles import Role
from backoffice.providers.allmysms.sandbox import DEMO_CLIENT_CODE, DEMO_PASS_CODE
from backoffice.providers.ecampaign.sandbox import DEMO_PASSWORD, DEMO_USER
from backoffice.providers.mdworks.sandbox import DEMO_API_KEY
from tests.factories import UserFactory

SANDBOX_CREDENTIALS = {
    Provider.ALLMYSMS: ({"client_code": DEMO_CLIENT_CODE, "pass_code": DEMO_PASS_CODE}, "/allmysms/soap/server.php"),
    Provider.ECAMPAIGN: ({"user": DEMO_USER, "password": DEMO_PASSWORD}, "/ecampaign"),
    Provider.MDWORKS: ({"api_key": DEMO_API_KEY}, "/mdworks"),
}


@pytest.fixture
def manager(db):
    return UserFactory(username="marc", role=Role.ACCOUNT_MANAGER)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="alice", role=Role.ADMIN, is_staff=True)


@pytest.fixture
def marketing_user(db):
    return UserFactory(username="manon", role=Role.MARKETING)


@pytest.fixture
def connections(sandbox, manager):
    """One connection per provider, on the sandbox, with its demo account."""
    return {
        provider: services.connection_create(
            actor=manager,
            provider=provider,
            label=f"Sandbox {provider}",
            endpoint=sandbox.url + path,
            credentials=credentials,
        )
        for provider, (credentials, path) in SANDBOX_CREDENTIALS.items()
    }
