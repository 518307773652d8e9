from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from backoffice.providers.errors import ProviderError

from .. import services
from ..forms import SubAccountCreateForm, SubAccountEditForm, SubAccountRetryForm
from ..gateways import provider_session
from ..models import Provider, ProviderConnection
from ..roles import ALL_ROLES, MANAGERS, has_role, role_required
from ..selectors import audit_events, connections_enabled, subaccount_get, subaccounts_search

PAGE_SIZE = 20


def _pools(request):
    """IP pools of the first enabled MDWorks connection; a failure is shown, not hidden."""
    connection = connections_enabled(Provider.MDWORKS).first()
    if connection is None:
        return []
    try:
        with provider_session(connection) as client:
            return client.list_pools()
    except ProviderError as error:
        messages.error(request, _("MDWorks IP pools unavailable: %(error)s") % {
            "error": error.in_language(get_language())})  # fmt: skip
        return []


def _report(request, outcomes) -> None:
    for outcome in outcomes:
        provider = Provider(outcome.provider).label
        if outcome.ok:
            messages.success(request, f"{provider} : {outcome.message}")
        else:
            messages.error(request, _("%(provider)s refused: %(message)s") % {
                "provider": provider, "message": outcome.message})  # fmt: skip


@role_required(*ALL_ROLES)
def subaccount_list(request):
    query, provider = request.GET.get("q", "").strip(), request.GET.get("provider", "")
    page = Paginator(subaccounts_search(user=request.user, query=query, provider=provider), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "accounts/_subaccount_table.html" if request.headers.get("HX-Request") else (
        "accounts/subaccount_list.html")  # fmt: skip
    return render(request, template, {"page": page, "query": query, "provider": provider,
                                      "can_manage": has_role(request.user, *MANAGERS)})  # fmt: skip


@role_required(*ALL_ROLES)
def subaccount_detail(request, pk: int):
    sub_account = subaccount_get(user=request.user, pk=pk)
    manager = has_role(request.user, *MANAGERS)
    history = audit_events(target_type="subaccount", target_id=str(pk))[:50] if manager else []
    return render(request, "accounts/subaccount_detail.html", {
        "sub_account": sub_account, "can_manage": manager, "history": history,
        "retry_form": SubAccountRetryForm(sub_account=sub_account) if manager else None,
    })  # fmt: skip


@role_required(*MANAGERS)
def subaccount_create(request):
    pools = _pools(request)
    form = SubAccountCreateForm(request.POST or None, pools=pools)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
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
        _report(request, outcomes)
        return redirect("accounts:subaccount_detail", pk=sub_account.pk)
    return render(request, "accounts/subaccount_form.html", {"form": form, "creating": True})


@role_required(*MANAGERS)
def subaccount_edit(request, pk: int):
    sub_account = subaccount_get(user=request.user, pk=pk)
    form = SubAccountEditForm(request.POST or None, sub_account=sub_account, pools=_pools(request))
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
                "error": error.in_language(get_language())})  # fmt: skip
        else:
            messages.success(request, _("Sub-account “%(name)s” saved.") % {"name": sub_account.name})
            return redirect("accounts:subaccount_detail", pk=sub_account.pk)
    return render(request, "accounts/subaccount_form.html", {"form": form, "sub_account": sub_account})


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
        messages.error(request, _("Give the passwords of the providers still to create."))
    return redirect("accounts:subaccount_detail", pk=sub_account.pk)


@role_required(*MANAGERS)
def subaccount_delete(request, pk: int):
    sub_account = subaccount_get(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            note = services.subaccount_delete(actor=request.user, sub_account=sub_account)
        except ProviderError as error:
            messages.error(request, _("MDWorks refused the deletion, the sub-account is kept: %(error)s") % {
                "error": error.in_language(get_language())})  # fmt: skip
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
            messages.error(request, error.in_language(get_language()))
        else:
            messages.success(request, _("%(count)s sub-accounts imported.") % {"count": len(imported)})
            return redirect("accounts:subaccount_list")
    try:
        with provider_session(connection) as client:
            users = client.list_users()
    except ProviderError as error:
        messages.error(request, error.in_language(get_language()))
        users = []
    linked = set(connection.mdworks_sub_accounts.values_list("mdworks_user_id", flat=True))
    return render(request, "accounts/subaccount_import.html", {
        "connection": connection, "users": [(user, user.id in linked) for user in users],
    })  # fmt: skip
