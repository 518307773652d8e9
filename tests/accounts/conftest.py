import pytest

from accounts import services
from accounts.demo import SANDBOX_CREDENTIALS
from accounts.gateways import gateway_for
from accounts.roles import Role
from tests.factories import UserFactory


def sandbox_connections_create(*, actor, sandbox_url: str) -> dict:
    """One connection per provider, on the running sandbox, with its demo account."""
    return {
        provider: services.connection_create(
            actor=actor,
            provider=provider,
            label=f"Sandbox {provider}",
            endpoint=gateway_for(provider).sandbox_endpoint(sandbox_url),
            credentials=credentials,
        )
        for provider, credentials in SANDBOX_CREDENTIALS.items()
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
    return sandbox_connections_create(actor=manager, sandbox_url=sandbox.url)
