"""Sub-accounts kept in step with their remote accounts on MDWorks and AllMySMS.

The local row is written first and each provider's remote id as soon as that
provider accepts, so that when one provider accepts and another refuses we keep
what exists and can retry the rest. A retry never creates a second remote
account, and never takes over someone else's: an existing login is adopted only
when our own earlier attempt went unanswered (``*_uncertain``), and a login is
unique per connection here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from backoffice.providers.allmysms.codes import LOGIN_ALREADY_EXISTS
from backoffice.providers.errors import InvalidRequestError, NotFoundError, ProviderError, TransientError

from ..audit import audit_record
from ..gateways import error_text, provider_session
from ..models import AuditAction, Provider, ProviderConnection, SubAccount


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
    field: str | None = None  # the input the provider refused, when it said


def _record(actor, sub_account, provider: str, action: AuditAction, *, error: ProviderError | None = None,
            message: str = "") -> ProvisioningOutcome:  # fmt: skip
    """Audit one provider call made for the sub-account, and say how it went."""
    message = error_text(error) if error else message
    audit_record(actor=actor, action=action, target=sub_account, provider=provider, success=error is None,
                 message=message, detail={"code": error.code if error else None})  # fmt: skip
    return ProvisioningOutcome(provider, error is None, message, error.field if error else None)


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
    audit_record(actor=actor, action=AuditAction.SUBACCOUNT_CREATE, target=sub_account, detail=fields)
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
    """Raises IntegrityError when a login is already used here on that connection."""
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


def _mark_uncertain(sub_account: SubAccount, flag: str, error: TransientError) -> None:
    if error.may_have_been_applied:
        setattr(sub_account, flag, True)
        sub_account.save(update_fields=[flag, "updated_at"])


def _provision_mdworks(actor, sub_account: SubAccount, password: str) -> ProvisioningOutcome:
    action = AuditAction.PROVIDER_CREATE
    try:
        with provider_session(sub_account.mdworks_connection) as client:
            adopted = None
            if sub_account.mdworks_uncertain:
                # Our earlier attempt went unanswered: it may have created the user.
                adopted = next((u for u in client.list_users() if u.login == sub_account.mdworks_login), None)
            if adopted is not None:
                user_id, message = adopted.id, _("Existing MDWorks user %(id)s linked.") % {"id": adopted.id}
            else:
                user_id = client.create_user(
                    login=sub_account.mdworks_login, password=password, quota=sub_account.quota,
                    name=sub_account.name, email=sub_account.contact_email, pool_id=sub_account.ip_pool_id,
                )  # fmt: skip
                message = _("MDWorks user %(id)s created.") % {"id": user_id}
    except TransientError as error:
        _mark_uncertain(sub_account, "mdworks_uncertain", error)
        return _record(actor, sub_account, Provider.MDWORKS, action, error=error)
    except ProviderError as error:
        return _record(actor, sub_account, Provider.MDWORKS, action, error=error)
    sub_account.mdworks_user_id, sub_account.mdworks_uncertain = user_id, False
    sub_account.save(update_fields=["mdworks_user_id", "mdworks_uncertain", "updated_at"])
    return _record(actor, sub_account, Provider.MDWORKS, action, message=message)


def _provision_allmysms(actor, sub_account: SubAccount, password: str) -> ProvisioningOutcome:
    action = AuditAction.PROVIDER_CREATE
    try:
        with provider_session(sub_account.allmysms_connection) as client:
            created = client.create_sub_account(
                login=sub_account.allmysms_login, password=password, email=sub_account.contact_email,
                **sub_account.allmysms_profile,
            )  # fmt: skip
        message = created.message.in_language(get_language())
    except InvalidRequestError as error:
        # AllMySMS cannot list sub-accounts: "already exists" after our own unanswered
        # attempt is the only sign that it created the login.
        if not (error.code == LOGIN_ALREADY_EXISTS and sub_account.allmysms_uncertain):
            return _record(actor, sub_account, Provider.ALLMYSMS, action, error=error)
        message = _("The AllMySMS sub-account created by the earlier attempt is linked.")
    except TransientError as error:
        _mark_uncertain(sub_account, "allmysms_uncertain", error)
        return _record(actor, sub_account, Provider.ALLMYSMS, action, error=error)
    except ProviderError as error:
        return _record(actor, sub_account, Provider.ALLMYSMS, action, error=error)
    sub_account.allmysms_created, sub_account.allmysms_uncertain = True, False
    sub_account.save(update_fields=["allmysms_created", "allmysms_uncertain", "updated_at"])
    return _record(actor, sub_account, Provider.ALLMYSMS, action, message=message)


def _mdworks_apply(*, actor, sub_account: SubAccount, action: AuditAction, change: Callable, done: str) -> None:
    """Run one change on the sub-account's MDWorks user and record it; a refusal is
    recorded, then raised."""
    try:
        with provider_session(sub_account.mdworks_connection) as client:
            change(client)
    except ProviderError as error:
        _record(actor, sub_account, Provider.MDWORKS, action, error=error)
        raise
    _record(actor, sub_account, Provider.MDWORKS, action, message=done)


# Our field -> MDWorks' (update_user's keywords).
MDWORKS_FIELDS = {"name": "name", "contact_email": "email", "quota": "quota", "ip_pool_id": "pool_id"}


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
        # MDWorks has no way to unset a pool: the edit form refuses that change.
        changes = {MDWORKS_FIELDS[key]: value for key, value in changed.items() if value is not None}
        if mdworks_password:
            changes["password"] = mdworks_password
        if changes:
            _mdworks_apply(
                actor=actor, sub_account=sub_account, action=AuditAction.PROVIDER_UPDATE,
                change=lambda client: client.update_user(sub_account.mdworks_user_id, **changes),
                done=_("MDWorks user updated: %(fields)s.") % {"fields": ", ".join(sorted(changes))},
            )  # fmt: skip
    with transaction.atomic():
        for key, value in new.items():
            setattr(sub_account, key, value)
        sub_account.ip_pool_name = ip_pool_name
        sub_account.save()
        if members is not None:
            sub_account.members.set(members)
        audit_record(actor=actor, action=AuditAction.SUBACCOUNT_UPDATE, target=sub_account,
                     detail={"changed": changed, "password_changed": bool(mdworks_password)})  # fmt: skip
    return sub_account


def subaccount_delete(*, actor, sub_account: SubAccount) -> str:
    """Delete on MDWorks, then here; returns a note for the user. A user MDWorks no
    longer knows is taken as deleted. AllMySMS has no deletion call: its
    sub-account stays, and the note says so."""
    notes = []
    if sub_account.mdworks_user_id is not None:
        user_id = sub_account.mdworks_user_id
        try:
            _mdworks_apply(
                actor=actor, sub_account=sub_account, action=AuditAction.PROVIDER_DELETE,
                change=lambda client: client.delete_user(user_id),
                done=_("MDWorks user %(id)s deleted.") % {"id": user_id},
            )  # fmt: skip
        except NotFoundError:
            notes.append(_("MDWorks no longer knew the user %(id)s.") % {"id": user_id})
    if sub_account.allmysms_created:
        notes.append(_("AllMySMS offers no deletion: the sub-account %(login)s remains there.") % {
            "login": sub_account.allmysms_login})  # fmt: skip
    note = " ".join(notes)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditAction.SUBACCOUNT_DELETE, target=sub_account, message=note)
        sub_account.delete()
    return note


def subaccounts_import(*, actor, connection: ProviderConnection, user_ids: list[int]) -> list[SubAccount]:
    """Bring MDWorks users that exist already under management here; users already
    linked to a sub-account are skipped."""
    with provider_session(connection) as client:
        remote = {user.id: user for user in client.list_users()}  # outside the transaction: a network call
    imported = []
    with transaction.atomic():
        linked = set(connection.mdworks_sub_accounts.values_list("mdworks_user_id", flat=True))
        for user in (remote[user_id] for user_id in user_ids if user_id in remote and user_id not in linked):
            sub_account = SubAccount.objects.create(
                name=user.name or user.login, contact_email=user.email or "", quota=user.quota,
                ip_pool_id=user.pool_id, mdworks_connection=connection, mdworks_user_id=user.id,
                mdworks_login=user.login,
            )  # fmt: skip
            detail = {"mdworks_user_id": user.id, "login": user.login}
            audit_record(actor=actor, action=AuditAction.SUBACCOUNT_IMPORT, target=sub_account,
                         provider=Provider.MDWORKS, detail=detail)  # fmt: skip
            imported.append(sub_account)
    return imported
