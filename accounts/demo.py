"""Demo data for ``make run``: three users (one per role), one sandbox connection
per provider and two sub-accounts. Known passwords, so that a new user can log in
at once; refused when DEBUG is off. Loading twice changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from backoffice.providers.allmysms.sandbox import DEMO_CLIENT_CODE, DEMO_PASS_CODE
from backoffice.providers.ecampaign.sandbox import DEMO_PASSWORD, DEMO_USER
from backoffice.providers.mdworks.sandbox import DEMO_API_KEY, DEMO_SUB_ACCOUNT_ID, DEMO_SUB_ACCOUNT_LOGIN

from .gateways import gateway_for
from .models import Provider, ProviderConnection, SubAccount, User
from .roles import Role


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    first_name: str
    last_name: str


DEMO_USERS = (
    DemoUser("admin", "demo-admin-2026", Role.ADMIN, "Alice", "Admin"),
    DemoUser("manager", "demo-manager-2026", Role.ACCOUNT_MANAGER, "Marc", "Gestionnaire"),
    DemoUser("marketing", "demo-marketing-2026", Role.MARKETING, "Manon", "Marketing"),
)

SANDBOX_CREDENTIALS = {
    Provider.ALLMYSMS: {"client_code": DEMO_CLIENT_CODE, "pass_code": DEMO_PASS_CODE},
    Provider.ECAMPAIGN: {"user": DEMO_USER, "password": DEMO_PASSWORD},
    Provider.MDWORKS: {"api_key": DEMO_API_KEY},
}


def demo_users_load() -> dict[Role, User]:
    """Create the demo users, or put back their role and password if they exist."""
    users = {}
    for demo in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=demo.username)
        user.first_name, user.last_name = demo.first_name, demo.last_name
        user.email = f"{demo.username}@demo.example"
        user.is_staff = user.is_superuser = demo.role is Role.ADMIN
        user.set_password(demo.password)
        user.save()
        user.groups.set([Group.objects.get(name=demo.role.value)])
        users[demo.role] = user
    return users


def demo_connections_load() -> dict[Provider, ProviderConnection]:
    """One connection per provider on the sandbox's demo accounts."""
    connections = {}
    for provider, credentials in SANDBOX_CREDENTIALS.items():
        gateway = gateway_for(provider)
        connection, created = ProviderConnection.objects.get_or_create(
            provider=provider, endpoint=gateway.sandbox_endpoint(), login=gateway.login_of(credentials),
            defaults={"label": f"Bac à sable {provider.label}", "credentials_encrypted": ""},
        )  # fmt: skip
        if created:
            connection.credentials = credentials
            connection.save(update_fields=["credentials_encrypted"])
        connections[provider] = connection
    return connections


def demo_sub_accounts_load(connections, members) -> None:
    """The sandbox's own MDWorks sub-account, and an eCampaign-only client (eCampaign
    has no sub-accounts: its campaigns use the main connection)."""
    agency, _ = SubAccount.objects.get_or_create(
        mdworks_connection=connections[Provider.MDWORKS], mdworks_user_id=DEMO_SUB_ACCOUNT_ID,
        defaults={"name": "Agence démo", "contact_email": "tech@agence-demo.fr", "quota": 20_000,
                  "ip_pool_id": 545, "ip_pool_name": "Classe 545 - Démo - Premium MTA 102",
                  "mdworks_login": DEMO_SUB_ACCOUNT_LOGIN},
    )  # fmt: skip
    shop, _ = SubAccount.objects.get_or_create(
        name="Boutique Lumière", mdworks_connection=None, allmysms_connection=None,
        defaults={"contact_email": "contact@boutique-lumiere.example", "quota": 0},
    )  # fmt: skip
    for sub_account in (agency, shop):
        sub_account.members.add(*members)


@transaction.atomic
def demo_load() -> list[DemoUser]:
    users = demo_users_load()
    connections = demo_connections_load()
    demo_sub_accounts_load(connections, [users[Role.MARKETING]])
    return list(DEMO_USERS)
