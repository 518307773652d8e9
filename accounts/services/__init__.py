"""Writes of the accounts app (HackSoft style: keyword-only ``<thing>_<action>``)."""

from .connections import connection_create, connection_set_enabled, connection_test, connection_update
from .credits import balances_store, credits_refresh
from .subaccounts import (
    AllMySMSRequest,
    MDWorksRequest,
    ProvisioningOutcome,
    subaccount_create,
    subaccount_delete,
    subaccount_provision,
    subaccount_update,
    subaccounts_import,
)

__all__ = [
    "AllMySMSRequest",
    "MDWorksRequest",
    "ProvisioningOutcome",
    "balances_store",
    "connection_create",
    "connection_set_enabled",
    "connection_test",
    "connection_update",
    "credits_refresh",
    "subaccount_create",
    "subaccount_delete",
    "subaccount_provision",
    "subaccount_update",
    "subaccounts_import",
]
