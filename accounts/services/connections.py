from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from backoffice.providers.errors import ProviderError

from ..audit import audit_record
from ..crypto import CredentialsUnreadableError
from ..gateways import error_text, gateway_for
from ..models import AuditAction, ProviderConnection


@transaction.atomic
def connection_create(
    *,
    actor,
    provider: str,
    label: str,
    endpoint: str,
    credentials: dict[str, str],
    enabled: bool = True,
    low_credit_threshold: Decimal | None = None,
) -> ProviderConnection:
    connection = ProviderConnection(
        provider=provider, label=label, endpoint=endpoint, enabled=enabled,
        low_credit_threshold=low_credit_threshold, login=gateway_for(provider).login_of(credentials),
    )  # fmt: skip
    connection.credentials = credentials
    connection.save()
    audit_record(actor=actor, action=AuditAction.CONNECTION_CREATE, target=connection, provider=provider,
                 detail={"label": label, "endpoint": endpoint, "enabled": enabled})  # fmt: skip
    return connection


@transaction.atomic
def connection_update(
    *,
    actor,
    connection: ProviderConnection,
    label: str,
    endpoint: str,
    credentials: dict[str, str],
    enabled: bool,
    low_credit_threshold: Decimal | None,
) -> ProviderConnection:
    """``credentials`` holds only what the user typed: a blank secret keeps the stored
    one (the form asks for the secrets again when the endpoint changes)."""
    try:
        stored = connection.credentials
    except CredentialsUnreadableError:
        stored = {}  # the form required every field then
    merged = {**stored, **{name: value for name, value in credentials.items() if value}}
    changed = [
        name for name, value in
        (("label", label), ("endpoint", endpoint), ("enabled", enabled), ("low_credit_threshold", low_credit_threshold))
        if getattr(connection, name) != value
    ]  # fmt: skip
    changed += [f"credentials.{name}" for name in merged if merged[name] != stored.get(name)]
    connection.label, connection.endpoint, connection.enabled = label, endpoint, enabled
    connection.low_credit_threshold = low_credit_threshold
    connection.credentials = merged
    connection.login = gateway_for(connection).login_of(merged)
    connection.save()
    audit_record(actor=actor, action=AuditAction.CONNECTION_UPDATE, target=connection, provider=connection.provider,
                 detail={"changed": changed})  # fmt: skip
    return connection


def connection_set_enabled(*, actor, connection: ProviderConnection, enabled: bool) -> None:
    connection.enabled = enabled
    connection.save(update_fields=["enabled", "updated_at"])
    audit_record(actor=actor, action=AuditAction.CONNECTION_ENABLE if enabled else AuditAction.CONNECTION_DISABLE,
                 target=connection, provider=connection.provider)  # fmt: skip


def connection_test(*, actor, connection: ProviderConnection) -> tuple[bool, str]:
    """Call the provider's cheapest read and keep its answer, in plain words."""
    try:
        ok, message = True, gateway_for(connection).check(connection)
    except (ProviderError, CredentialsUnreadableError) as error:
        ok, message = False, error_text(error)
    connection.last_checked_at = timezone.now()
    connection.last_check_ok, connection.last_check_message = ok, message
    connection.save(update_fields=["last_checked_at", "last_check_ok", "last_check_message"])
    audit_record(actor=actor, action=AuditAction.CONNECTION_TEST, target=connection, provider=connection.provider,
                 success=ok, message=message)  # fmt: skip
    return ok, message
