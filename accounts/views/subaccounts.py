from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from backoffice.providers.errors import ProviderError

from .. import services
from ..forms import SubAccountCreateForm, SubAccountEditForm, SubAccountRetryForm
from ..gateways import error_text, provider_session
from ..models import Provider, ProviderConnection
from ..roles import ALL_ROLES, MANAGERS, has_role, role_required
from ..selectors import audit_events, connections_enabled, subaccount_get, subaccounts_search

PAGE_SIZE = 20
# MDWorks' field names (as its client's errors give them) -> the edit form's.
MDWORKS_FORM_FIELDS = {"name": "name", "email": "contact_email", "quota": "quota", "pool_id": "ip_pool",
                       "password": "mdworks_password"}  # fmt: skip


def _pools(request, connection: ProviderConnection | None):
    """IP pools of the MDWorks connection (the sub-account's, or for a new one the
    first enabled); a failure is shown, not hidden."""
    connection = connection or connections_enabled(Provider.MDWORKS).first()
    if connection is None:
        return []
    try:
        with provider_session(connection) as client:
            return client.list_pools()
    except ProviderError as error:
        messages.error(request, _("MDWorks IP pools unavailable: %(error)s") % {"error": error_text(error)})
        return []


def _report(request, outcomes) -> None:
    for outcome in outcomes:
        values = {"provider": Provider(outcome.provider).label, "message": outcome.message, "field": outcome.field}
        if outcome.ok:
            messages.success(request, _("%(provider)s: %(message)s") % values)
        elif outcome.field:
            messages.error(request, _("%(provider)s refused (field %(field)s): %(message)s") % values)
        else:
            messages.error(request, _("%(provider)s refused: %(message)s") % values)


@role_required(*ALL_ROLES)
def subaccount_list(request):
    query, status = request.GET.get("q", "").strip(), request.GET.get("status", "")
    page = Paginator(subaccounts_search(user=request.user, query=query, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # htmx asks for the table only; restoring history asks for the whole page.
    partial = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
    template = "accounts/_subaccount_table.html" if partial else "accounts/subaccount_list.html"
    response = render(request, template, {"page": page, "query": query, "status": status,
                                          "can_manage": has_role(request.user, *MANAGERS)})  # fmt: skip
    patch_vary_headers(response, ["HX-Request"])
    return response


@role_required(*ALL_ROLES)
def subaccount_detail(request, pk: int):
    sub_account = subaccount_get(user=request.user, pk=pk)
    manager = has_role(request.user, *MANAGERS)
    history = audit_events(target_type="subaccount", target_id=str(pk))[:50] if manager else []
    return render(request, "accounts/subaccount_detail.html", {
        "sub_account": sub_account, "can_manage": manager, "history": history,
        "retry_form": SubAccountRetryForm(sub_account=sub_account) if manager else None,
    })  # fmt: skip


@sensitive_post_parameters()
@role_required(*MANAGERS)
def subaccount_create(request):
    form = SubAccountCreateForm(request.POST or None, pools=_pools(request, None))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sub_account, outcomes = services.subaccount_create(
                actor=request.user, name=data["name"], contact_email=data["contact_email"], quota=data["quota"],
                ip_pool_id=data["ip_pool"], ip_pool_name=form.pool_names.get(data["ip_pool"], ""),
                members=data["members"],
                mdworks=services.MDWorksRequest(data["mdworks_connection"], data["mdworks_login"])
                if data["on_mdworks"] else None,
                mdworks_password=data["mdworks_password"],
                allmysms=services.AllMySMSRequest(data["allmysms_connection"], data["allmysms_login"],
                                                  form.allmysms_profile())
                if data["on_allmysms"] else None,
                allmysms_password=data["allmysms_password"],
            )  # fmt: skip
        except IntegrityError:  # the same login, saved by a simultaneous request
            form.add_error(None, _("Another sub-account uses this login on this connection."))
        else:
            _report(request, outcomes)
            return redirect("accounts:subaccount_detail", pk=sub_account.pk)
    return render(request, "accounts/subaccount_form.html", {"form": form, "creating": True})


@sensitive_post_parameters()
@role_required(*MANAGERS)
def subaccount_edit(request, pk: int):
    sub_account = subaccount_get(user=request.user, pk=pk)
    pools = _pools(request, sub_account.mdworks_connection)
    form = SubAccountEditForm(request.POST or None, sub_account=sub_account, pools=pools)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.subaccount_update(
                actor=request.user, sub_account=sub_account, name=data["name"],
                contact_email=data["contact_email"], quota=data["quota"], ip_pool_id=data["ip_pool"],
                ip_pool_name=form.pool_names.get(data["ip_pool"], ""), members=data["members"],
                mdworks_password=data.get("mdworks_password", ""),
            )  # fmt: skip
        except ProviderError as error:
            messages.error(request, _("MDWorks refused the change, nothing was changed: %(error)s") % {
                "error": error_text(error)})  # fmt: skip
            if error.field in MDWORKS_FORM_FIELDS:
                form.add_error(MDWORKS_FORM_FIELDS[error.field], error_text(error))
        else:
            messages.success(request, _("Sub-account “%(name)s” saved.") % {"name": sub_account.name})
            return redirect("accounts:subaccount_detail", pk=sub_account.pk)
    return render(request, "accounts/subaccount_form.html", {"form": form, "sub_account": sub_account})


@sensitive_post_parameters()
@role_required(*MANAGERS)
def subaccount_retry(request, pk: int):
    sub_account = subaccount_get(user=request.user, pk=pk)
    form = SubAccountRetryForm(request.POST or None, sub_account=sub_account)
    if request.method == "POST" and form.is_valid():
        _report(request, services.subaccount_provision(
            actor=request.user, sub_account=sub_account,
            mdworks_password=form.cleaned_data.get("mdworks_password", ""),
            allmysms_password=form.cleaned_data.get("allmysms_password", ""),
        ))  # fmt: skip
    elif request.method == "POST":
        for name, errors in form.errors.items():
            for error in errors:
                label = form.fields[name].label if name in form.fields else ""
                messages.error(request, _("%(label)s: %(message)s") % {"label": label, "message": error})
    return redirect("accounts:subaccount_detail", pk=sub_account.pk)


@role_required(*MANAGERS)
def subaccount_delete(request, pk: int):
    sub_account = subaccount_get(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            note = services.subaccount_delete(actor=request.user, sub_account=sub_account)
        except ProviderError as error:
            messages.error(request, _("MDWorks refused the deletion, the sub-account is kept: %(error)s") % {
                "error": error_text(error)})  # fmt: skip
            return redirect("accounts:subaccount_detail", pk=pk)
        messages.success(request, _("Sub-account deleted.") + (f" {note}" if note else ""))
        return redirect("accounts:subaccount_list")
    return render(request, "accounts/subaccount_delete.html", {"sub_account": sub_account})


@role_required(*MANAGERS)
def subaccount_import(request, connection_pk: int):
    connection = get_object_or_404(ProviderConnection, pk=connection_pk, provider=Provider.MDWORKS)
    if request.method == "POST":
        ids = [int(value) for value in request.POST.getlist("user_id") if value.isdigit()]
        try:
            imported = services.subaccounts_import(actor=request.user, connection=connection, user_ids=ids)
        except ProviderError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("%(count)s sub-accounts imported.") % {"count": len(imported)})
            return redirect("accounts:subaccount_list")
    try:
        with provider_session(connection) as client:
            users = client.list_users()
    except ProviderError as error:
        messages.error(request, error_text(error))
        users = []
    linked = set(connection.mdworks_sub_accounts.values_list("mdworks_user_id", flat=True))
    return render(request, "accounts/subaccount_import.html", {
        "connection": connection, "users": [(user, user.id in linked) for user in users],
    })  # fmt: skip
