"""What the accounts app needs of each provider, behind one small interface:
which credentials it takes, how to build its client from a connection, its
cheapest read (the connection test), and its credit counters.

The provider clients raise only ``ProviderError``; nothing here catches them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from backoffice.providers.allmysms import AllMySMSClient
from backoffice.providers.ecampaign import ECampaignClient
from backoffice.providers.errors import ProviderError
from backoffice.providers.mdworks import MDWorksClient

from .crypto import CredentialsUnreadableError
from .models import Provider

if TYPE_CHECKING:
    import datetime as dt

    from .models import ProviderConnection

CLIENT_TIMEOUT = 20.0


@dataclass(frozen=True)
class CredentialField:
    name: str
    label: str
    secret: bool = True


@dataclass(frozen=True)
class Balance:
    key: str
    label: str
    amount: Decimal
    unit: str
    expires_on: dt.date | None = None
    overdraft: Decimal | None = None


class Gateway:
    provider: Provider
    default_endpoint: str
    sandbox_path: str
    credential_fields: tuple[CredentialField, ...]
    login_field: str  # the credential that identifies the account and may be shown

    def sandbox_endpoint(self, sandbox_url: str | None = None) -> str:
        return f"{sandbox_url or settings.SANDBOX_URL}{self.sandbox_path}"

    def login_of(self, credentials: dict[str, str]) -> str:
        return credentials[self.login_field]

    def client(self, connection: ProviderConnection):
        raise NotImplementedError

    @contextmanager
    def session(self, connection: ProviderConnection) -> Iterator:
        """The provider's client for one piece of work, its connections closed after."""
        client = self.client(connection)
        try:
            yield client
        finally:
            if hasattr(client, "close"):
                client.close()

    def check(self, connection: ProviderConnection) -> str:
        """Call the cheapest read; return what it says, in plain words."""
        raise NotImplementedError

    def balances(self, connection: ProviderConnection) -> list[Balance]:
        raise NotImplementedError


class AllMySMSGateway(Gateway):
    provider = Provider.ALLMYSMS
    default_endpoint = "http://api.msinnovations.com/soap/server.php"
    sandbox_path = "/allmysms/soap/server.php"
    credential_fields = (
        CredentialField("client_code", gettext_lazy("Client code (login)"), secret=False),
        CredentialField("pass_code", gettext_lazy("Pass code (API key)")),
    )
    login_field = "client_code"

    def client(self, connection):
        credentials = connection.credentials
        return AllMySMSClient(
            client_code=credentials["client_code"], pass_code=credentials["pass_code"],
            endpoint=connection.endpoint, timeout=CLIENT_TIMEOUT,
        )  # fmt: skip

    def check(self, connection) -> str:
        with self.session(connection) as client:
            info = client.get_info()
        return _("Connected; %(status)s; %(credits)s SMS credits left.") % {
            "status": info.message.in_language(get_language()).lower(),
            "credits": number_format(info.credits or 0, decimal_pos=0, use_l10n=True, force_grouping=True),
        }

    def balances(self, connection) -> list[Balance]:
        with self.session(connection) as client:
            info = client.get_info()
        return [Balance("credits", "SMS", Decimal(str(info.credits or 0)), "credits")]


class ECampaignGateway(Gateway):
    provider = Provider.ECAMPAIGN
    default_endpoint = "http://api.ecampaign.prosoluce.fr"
    sandbox_path = "/ecampaign"
    credential_fields = (
        CredentialField("user", gettext_lazy("User"), secret=False),
        CredentialField("password", gettext_lazy("Password")),
    )
    login_field = "user"

    def client(self, connection):
        credentials = connection.credentials
        return ECampaignClient(
            user=credentials["user"], password=credentials["password"], base_url=connection.endpoint,
            timeout=CLIENT_TIMEOUT,
        )  # fmt: skip

    def check(self, connection) -> str:
        with self.session(connection) as client:
            routes = client.get_credits()
        if not routes:
            return _("Connected; no route with credits on this account.")
        listing = ", ".join(f"{route.name} ({route.channel_raw}): {route.credits}" for route in routes)
        return _("Connected; credits per route: %(routes)s.") % {"routes": listing}

    def balances(self, connection) -> list[Balance]:
        with self.session(connection) as client:
            routes = client.get_credits()
        return [
            Balance(
                key=f"route:{route.route_id}",
                label=f"{route.name} ({route.channel_raw})",
                amount=route.credits,
                unit="credits",
                expires_on=route.expires_at.date() if route.expires_at else None,
                overdraft=route.allowed_overdraft,
            )
            for route in routes
        ]


class MDWorksGateway(Gateway):
    provider = Provider.MDWORKS
    default_endpoint = "https://www.mdworks.fr"
    sandbox_path = "/mdworks"
    credential_fields = (CredentialField("api_key", gettext_lazy("API key")),)
    login_field = "api_key"

    def login_of(self, credentials: dict[str, str]) -> str:
        # The API key is the only identity MDWorks gives. Shown: its last characters and
        # a short fingerprint, so two keys never look alike and the key never shows.
        key = credentials["api_key"]
        return f"…{key[-4:]} #{hashlib.sha256(key.encode()).hexdigest()[:8]}"

    def client(self, connection):
        return MDWorksClient(
            api_key=connection.credentials["api_key"], base_url=connection.endpoint, timeout=CLIENT_TIMEOUT
        )

    def check(self, connection) -> str:
        with self.session(connection) as client:
            users = client.list_users()
        return _("Connected; %(count)s sub-accounts on this account.") % {"count": len(users)}

    def balances(self, connection) -> list[Balance]:
        with self.session(connection) as client:
            users = client.list_users()
        return [Balance(f"quota:user:{user.id}", user.login, Decimal(user.quota), "emails") for user in users]


GATEWAYS: dict[str, Gateway] = {
    gateway.provider: gateway for gateway in (AllMySMSGateway(), ECampaignGateway(), MDWorksGateway())
}


def gateway_for(connection_or_provider) -> Gateway:
    provider = getattr(connection_or_provider, "provider", connection_or_provider)
    return GATEWAYS[provider]


def provider_session(connection: ProviderConnection):
    """``with provider_session(connection) as client:`` the connection's provider client."""
    return gateway_for(connection).session(connection)


def error_text(error: ProviderError | CredentialsUnreadableError) -> str:
    """What a provider failure means, in the user's language."""
    if isinstance(error, CredentialsUnreadableError):
        return _("The stored credentials cannot be read with the configured keys: enter them again.")
    return error.in_language(get_language())
