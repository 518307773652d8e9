"""The credits refresh job: current balances per counter, history on change only,
so that running it twice in a row changes no balance and adds no history."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from backoffice.providers.errors import ProviderError

from ..crypto import CredentialsUnreadableError
from ..gateways import Balance, error_text, gateway_for
from ..models import CreditBalance, CreditSnapshot, ProviderConnection

logger = logging.getLogger(__name__)
# The precision of CreditBalance.amount: compare what will be stored, not what was read.
AMOUNT_STEP = Decimal("0.001")


@dataclass
class RefreshReport:
    changed: int = 0
    unchanged: int = 0
    failed: dict[int, str] = field(default_factory=dict)  # connection id -> error


def _stored_values(given: Balance) -> dict:
    def quantize(value: Decimal | None) -> Decimal | None:
        return None if value is None else Decimal(value).quantize(AMOUNT_STEP)

    return {"label": given.label, "amount": quantize(given.amount), "unit": given.unit,
            "expires_on": given.expires_on, "overdraft": quantize(given.overdraft), "reported": True}  # fmt: skip


@transaction.atomic
def balances_store(*, connection: ProviderConnection, balances: list[Balance], fetched_at) -> tuple[int, int]:
    """Store what the provider said at ``fetched_at``; returns (changed, unchanged).
    The connection row is locked, and a result older than the last one stored is
    dropped, so overlapping runs neither double-count nor step back in time."""
    locked = ProviderConnection.objects.select_for_update().get(pk=connection.pk)
    if locked.balances_checked_at and locked.balances_checked_at > fetched_at:
        return 0, 0
    current = {balance.key: balance for balance in locked.balances.all()}
    changed = unchanged = 0
    for given in balances:
        values = _stored_values(given)
        stored = current.pop(given.key, None)
        if stored is None:
            stored = CreditBalance.objects.create(connection=locked, key=given.key, changed_at=fetched_at, **values)
        elif all(getattr(stored, name) == value for name, value in values.items()):
            unchanged += 1
            continue
        else:
            amount_changed = stored.amount != values["amount"]
            for name, value in values.items():
                setattr(stored, name, value)
            stored.changed_at = fetched_at
            stored.save()
            if not amount_changed:
                changed += 1
                continue
        CreditSnapshot.objects.create(balance=stored, amount=values["amount"], recorded_at=fetched_at)
        changed += 1
    # Counters the provider no longer reports are hidden, their history kept.
    gone = [balance.pk for balance in current.values() if balance.reported]
    CreditBalance.objects.filter(pk__in=gone).update(reported=False)
    ProviderConnection.objects.filter(pk=locked.pk).update(balances_checked_at=fetched_at, balances_error="")
    return changed + len(gone), unchanged


def credits_refresh(*, connection_ids: list[int] | None = None) -> RefreshReport:
    """Refresh every enabled connection; one failing does not stop the others, and
    its error is kept on the connection for the Credits page."""
    report = RefreshReport()
    connections = ProviderConnection.objects.filter(enabled=True)
    if connection_ids is not None:
        connections = connections.filter(pk__in=connection_ids)
    for connection in connections:
        fetched_at = timezone.now()
        try:
            balances = gateway_for(connection).balances(connection)
        except (ProviderError, CredentialsUnreadableError) as error:
            message = error_text(error) if isinstance(error, ProviderError) else str(error)
            logger.warning("credits refresh failed for connection %s: %s", connection.pk, message)
            ProviderConnection.objects.filter(pk=connection.pk).update(balances_error=message)
            report.failed[connection.pk] = message
            continue
        changed, unchanged = balances_store(connection=connection, balances=balances, fetched_at=fetched_at)
        report.changed += changed
        report.unchanged += unchanged
    return report
