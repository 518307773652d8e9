"""Reads of the accounts app. Tenancy is enforced here: a marketing user only
ever gets the sub-accounts they are a member of."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import AuditEvent, CreditBalance, Provider, ProviderConnection, SubAccount
from .roles import MANAGERS, has_role


def subaccounts_visible_to(user) -> QuerySet[SubAccount]:
    queryset = SubAccount.objects.select_related("mdworks_connection", "allmysms_connection")
    if has_role(user, *MANAGERS):
        return queryset
    return queryset.filter(members=user)


def subaccount_get(*, user, pk: int) -> SubAccount:
    """404 for a sub-account the user may not see: never another tenant's data."""
    return get_object_or_404(subaccounts_visible_to(user), pk=pk)


def subaccounts_search(*, user, query: str = "", status: str = "") -> QuerySet[SubAccount]:
    """``status``: on "mdworks" or on "allmysms", or "pending" (creation to finish)."""
    queryset = subaccounts_visible_to(user)
    if query:
        queryset = queryset.filter(
            Q(name__icontains=query) | Q(contact_email__icontains=query)
            | Q(mdworks_login__icontains=query) | Q(allmysms_login__icontains=query)
        )  # fmt: skip
    if status == Provider.MDWORKS:
        queryset = queryset.filter(mdworks_connection__isnull=False)
    elif status == Provider.ALLMYSMS:
        queryset = queryset.filter(allmysms_connection__isnull=False)
    elif status == "pending":
        queryset = queryset.filter(
            Q(mdworks_connection__isnull=False, mdworks_user_id__isnull=True)
            | Q(allmysms_connection__isnull=False, allmysms_created=False)
        )
    return queryset.distinct().order_by("name")


def connections_enabled(provider: str) -> QuerySet[ProviderConnection]:
    return ProviderConnection.objects.filter(provider=provider, enabled=True)


def connections_with_balance_errors() -> QuerySet[ProviderConnection]:
    return ProviderConnection.objects.filter(enabled=True).exclude(balances_error="")


def balances_with_history() -> list[CreditBalance]:
    return list(
        CreditBalance.objects.select_related("connection")
        .prefetch_related("history")
        .filter(connection__enabled=True, reported=True)
        .order_by("connection__provider", "connection__label", "label")
    )


def audit_events(*, actor: str = "", action: str = "", provider: str = "", outcome: str = "",
                 target_type: str = "", target_id: str = "") -> QuerySet[AuditEvent]:  # fmt: skip
    queryset = AuditEvent.objects.all()
    if actor:
        queryset = queryset.filter(actor_name__icontains=actor)
    if action:
        queryset = queryset.filter(action__startswith=action)
    if provider:
        queryset = queryset.filter(provider=provider)
    if outcome in ("ok", "failed"):
        queryset = queryset.filter(success=outcome == "ok")
    if target_type and target_id:
        queryset = queryset.filter(target_type=target_type, target_id=target_id)
    return queryset
