"""The credits refresh job: current balances per counter, history on change only,
so that running it twice in a row changes nothing the second time."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from backoffice.providers.errors import ProviderError

from ..gateways import Balance, gateway_for
from ..models import CreditBalance, CreditSnapshot, ProviderConnection

logger = logging.getLogger(__name__)


@dataclass
class RefreshReport:
    changed: int = 0
    unchanged: int = 0
    failed: dict[int, str] = field(default_factory=dict)  # connection id -> error


@transaction.atomic
def balances_store(*, connection: ProviderConnection, balances: list[Balance]) -> tuple[int, int]:
    """Store what the provider says; returns (changed, unchanged). The connection row
    is locked so that overlapping runs apply one after the other."""
    ProviderConnection.objects.select_for_update().get(pk=connection.pk)
    now = timezone.now()
    current = {balance.key: balance for balance in connection.balances.all()}
    changed = unchanged = 0
    for given in balances:
        stored = current.pop(given.key, None)
        values = {"label": given.label, "amount": given.amount, "unit": given.unit,
                  "expires_on": given.expires_on, "overdraft": given.overdraft}  # fmt: skip
        if stored is None:
            stored = CreditBalance.objects.create(connection=connection, key=given.key, changed_at=now, **values)
        elif all(getattr(stored, name) == value for name, value in values.items()):
            unchanged += 1
            continue
        else:
            amount_changed = stored.amount != given.amount
            for name, value in values.items():
                setattr(stored, name, value)
            stored.changed_at = now
            stored.save()
            if not amount_changed:
                changed += 1
                continue
        CreditSnapshot.objects.create(balance=stored, amount=given.amount, recorded_at=now)
        changed += 1
    # Counters the provider no longer reports (a deleted sub-account's quota).
    CreditBalance.objects.filter(pk__in=[balance.pk for balance in current.values()]).delete()
    return changed + len(current), unchanged


def credits_refresh(*, connection_ids: list[int] | None = None) -> RefreshReport:
    report = RefreshReport()
    connections = ProviderConnection.objects.filter(enabled=True)
    if connection_ids is not None:
        connections = connections.filter(pk__in=connection_ids)
    for connection in connections:
        try:
            balances = gateway_for(connection).balances(connection)
        except ProviderError as error:
            logger.warning("credits refresh failed for connection %s: %s", connection.pk, error)
            report.failed[connection.pk] = str(error)
            continue
        changed, unchanged = balances_store(connection=connection, balances=balances)
        report.changed += changed
        report.unchanged += unchanged
    return report
