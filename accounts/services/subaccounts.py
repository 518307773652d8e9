"""Sub-accounts kept in step with their remote accounts on MDWorks and AllMySMS.

The local row is written first and each provider's remote id is saved as soon as
that provider accepts, so that when one provider accepts and another refuses we
keep what exists and can retry the rest. A retry never creates a second remote
account: MDWorks is searched by login first, and an AllMySMS login that "already
exists" after a doubtful attempt is adopted rather than duplicated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from backoffice.providers.errors import InvalidRequestError, ProviderError, TransientError

from ..audit import audit_record
from ..gateways import provider_session
from ..models import Provider, ProviderConnection, SubAccount


@dataclass(frozen=True)
class MDWorksRequest:
    connection: ProviderConnection
    login: str


@dataclass(frozen=True)
class AllMySMSRequest:
    connection: ProviderConnection
    login: str
    # first_name, last_name, society, mobile and the spec's optional fields
    profile: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ProvisioningOutcome:
    provider: str
    ok: bool
    message: str


@transaction.atomic
def _subaccount_save_new(*, actor, fields: dict, members, mdworks, allmysms) -> SubAccount:
    sub_account = SubAccount.objects.create(
        **fields,
        mdworks_connection=mdworks.connection if mdworks else None,
        mdworks_login=mdworks.login if mdworks else "",
        allmysms_connection=allmysms.connection if allmysms else None,
        allmysms_login=allmysms.login if allmysms else "",
        allmysms_profile=dict(allmysms.profile) if allmysms else {},
    )
    sub_account.members.set(members)
    audit_record(actor=actor, action="subaccount.create", target=sub_account, detail=fields)
    return sub_account


def subaccount_create(
    *,
    actor,
    name: str,
    contact_email: str,
    quota: int,
    ip_pool_id: int | None = None,
    ip_pool_name: str = "",
    members=(),
    mdworks: MDWorksRequest | None = None,
    mdworks_password: str = "",
    allmysms: AllMySMSRequest | None = None,
    allmysms_password: str = "",
) -> tuple[SubAccount, list[ProvisioningOutcome]]:
    fields = {"name": name, "contact_email": contact_email, "quota": quota,
              "ip_pool_id": ip_pool_id, "ip_pool_name": ip_pool_name}  # fmt: skip
    sub_account = _subaccount_save_new(actor=actor, fields=fields, members=members, mdworks=mdworks, allmysms=allmysms)
    outcomes = subaccount_provision(
        actor=actor, sub_account=sub_account, mdworks_password=mdworks_password, allmysms_password=allmysms_password
    )
    return sub_account, outcomes


def subaccount_provision(
    *, actor, sub_account: SubAccount, mdworks_password: str = "", allmysms_password: str = ""
) -> list[ProvisioningOutcome]:
    """Create the remote accounts still pending; each outcome says what happened."""
    outcomes = []
    if sub_account.mdworks_pending:
        outcomes.append(_provision_mdworks(actor, sub_account, mdworks_password))
    if sub_account.allmysms_pending:
        outcomes.append(_provision_allmysms(actor, sub_account, allmysms_password))
    return outcomes


def _outcome(actor, sub_account, provider: str, action: str, error: ProviderError | None, message: str = ""):
    message = error.in_language(get_language()) if error else message
    audit_record(actor=actor, action=action, target=sub_account, provider=provider, success=error is None,
                 message=message, detail={"code": error.code if error else None})  # fmt: skip
    return ProvisioningOutcome(provider, error is None, message)


def _provision_mdworks(actor, sub_account: SubAccount, password: str) -> ProvisioningOutcome:
    connection = sub_account.mdworks_connection
    try:
        with provider_session(connection) as client:
            existing = next((u for u in client.list_users() if u.login == sub_account.mdworks_login), None)
            if existing is not None:
                # An earlier attempt may have gone through without our hearing the answer.
                user_id, message = existing.id, _("Existing MDWorks user %(id)s linked.") % {"id": existing.id}
            else:
                user_id = client.create_user(
                    login=sub_account.mdworks_login, password=password, quota=sub_account.quota,
                    name=sub_account.name, email=sub_account.contact_email, pool_id=sub_account.ip_pool_id,
                )  # fmt: skip
                message = _("MDWorks user %(id)s created.") % {"id": user_id}
    except ProviderError as error:
        return _outcome(actor, sub_account, Provider.MDWORKS, "subaccount.provider_create", error)
    sub_account.mdworks_user_id = user_id
    sub_account.save(update_fields=["mdworks_user_id", "updated_at"])
    return _outcome(actor, sub_account, Provider.MDWORKS, "subaccount.provider_create", None, message)


def _provision_allmysms(actor, sub_account: SubAccount, password: str) -> ProvisioningOutcome:
    connection = sub_account.allmysms_connection
    profile = {k: v for k, v in sub_account.allmysms_profile.items() if k != "uncertain"}
    try:
        with provider_session(connection) as client:
            created = client.create_sub_account(
                login=sub_account.allmysms_login, password=password, email=sub_account.contact_email, **profile
            )
        message = created.message.in_language(get_language())
    except InvalidRequestError as error:
        if not (error.field == "login" and sub_account.allmysms_profile.get("uncertain")):
            return _outcome(actor, sub_account, Provider.ALLMYSMS, "subaccount.provider_create", error)
        # The login exists because our earlier, unanswered attempt created it.
        message = _("The AllMySMS sub-account created by the earlier attempt is linked.")
    except TransientError as error:
        if error.may_have_been_applied:
            sub_account.allmysms_profile = {**sub_account.allmysms_profile, "uncertain": True}
            sub_account.save(update_fields=["allmysms_profile", "updated_at"])
        return _outcome(actor, sub_account, Provider.ALLMYSMS, "subaccount.provider_create", error)
    except ProviderError as error:
        return _outcome(actor, sub_account, Provider.ALLMYSMS, "subaccount.provider_create", error)
    sub_account.allmysms_created = True
    sub_account.allmysms_profile = profile
    sub_account.save(update_fields=["allmysms_created", "allmysms_profile", "updated_at"])
    return _outcome(actor, sub_account, Provider.ALLMYSMS, "subaccount.provider_create", None, message)


def subaccount_update(
    *,
    actor,
    sub_account: SubAccount,
    name: str,
    contact_email: str,
    quota: int,
    ip_pool_id: int | None,
    ip_pool_name: str = "",
    members=None,
    mdworks_password: str = "",
) -> SubAccount:
    """MDWorks first: when it refuses, nothing changes here either (ProviderError)."""
    new = {"name": name, "contact_email": contact_email, "quota": quota, "ip_pool_id": ip_pool_id}
    changed = {key: value for key, value in new.items() if getattr(sub_account, key) != value}
    if sub_account.mdworks_user_id is not None:
        remote = {"name": "name", "contact_email": "email", "quota": "quota", "ip_pool_id": "pool_id"}
        changes = {remote[key]: value for key, value in changed.items() if value is not None}
        if mdworks_password:
            changes["password"] = mdworks_password
        if changes:
            connection = sub_account.mdworks_connection
            try:
                with provider_session(connection) as client:
                    client.update_user(sub_account.mdworks_user_id, **changes)
            except ProviderError as error:
                _outcome(actor, sub_account, Provider.MDWORKS, "subaccount.provider_update", error)
                raise
            _outcome(actor, sub_account, Provider.MDWORKS, "subaccount.provider_update", None,
                     _("MDWorks user updated: %(fields)s.") % {"fields": ", ".join(sorted(changes))})  # fmt: skip
    with transaction.atomic():
        for key, value in new.items():
            setattr(sub_account, key, value)
        sub_account.ip_pool_name = ip_pool_name
        sub_account.save()
        if members is not None:
            sub_account.members.set(members)
        audit_record(actor=actor, action="subaccount.update", target=sub_account,
                     detail={"changed": changed, "password_changed": bool(mdworks_password)})  # fmt: skip
    return sub_account


def subaccount_delete(*, actor, sub_account: SubAccount) -> str:
    """Delete on MDWorks, then here. AllMySMS has no deletion call: its sub-account
    stays, and the returned note says so."""
    if sub_account.mdworks_user_id is not None:
        connection = sub_account.mdworks_connection
        try:
            with provider_session(connection) as client:
                client.delete_user(sub_account.mdworks_user_id)
        except ProviderError as error:
            _outcome(actor, sub_account, Provider.MDWORKS, "subaccount.provider_delete", error)
            raise
        _outcome(actor, sub_account, Provider.MDWORKS, "subaccount.provider_delete", None,
                 _("MDWorks user %(id)s deleted.") % {"id": sub_account.mdworks_user_id})  # fmt: skip
    note = ""
    if sub_account.allmysms_created:
        note = _("AllMySMS offers no deletion: the sub-account %(login)s remains there.") % {
            "login": sub_account.allmysms_login
        }
    with transaction.atomic():
        audit_record(actor=actor, action="subaccount.delete", target=sub_account, message=note)
        sub_account.delete()
    return note


@transaction.atomic
def subaccounts_import(*, actor, connection: ProviderConnection, user_ids: list[int]) -> list[SubAccount]:
    """Bring MDWorks users that exist already under management here; users already
    linked to a sub-account are skipped."""
    with provider_session(connection) as client:
        remote = {user.id: user for user in client.list_users()}
    linked = set(SubAccount.objects.filter(mdworks_connection=connection).values_list("mdworks_user_id", flat=True))
    imported = []
    for user_id in user_ids:
        user = remote.get(user_id)
        if user is None or user_id in linked:
            continue
        sub_account = SubAccount.objects.create(
            name=user.name or user.login, contact_email=user.email or "", quota=user.quota,
            ip_pool_id=user.pool_id, mdworks_connection=connection, mdworks_user_id=user.id,
            mdworks_login=user.login,
        )  # fmt: skip
        audit_record(actor=actor, action="subaccount.import", target=sub_account, provider=Provider.MDWORKS,
                     detail={"mdworks_user_id": user.id, "login": user.login})  # fmt: skip
        imported.append(sub_account)
    return imported
