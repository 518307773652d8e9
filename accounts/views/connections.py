from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from .. import services
from ..crypto import CredentialsUnreadableError
from ..forms import ConnectionForm
from ..gateways import GATEWAYS, error_text
from ..models import ProviderConnection
from ..roles import MANAGERS, role_required


@role_required(*MANAGERS)
def connection_list(request):
    return render(request, "accounts/connection_list.html", {
        "connections": ProviderConnection.objects.all(), "providers": GATEWAYS.values(),
    })  # fmt: skip


@sensitive_post_parameters()
@role_required(*MANAGERS)
def connection_create(request, provider: str):
    if provider not in GATEWAYS:
        return redirect("accounts:connection_list")
    form = ConnectionForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        connection = services.connection_create(
            actor=request.user, provider=provider, label=data["label"], endpoint=data["endpoint"],
            credentials=form.credentials(), enabled=data["enabled"],
            low_credit_threshold=data["low_credit_threshold"],
        )  # fmt: skip
        messages.success(request, _("Connection “%(label)s” saved. Test it to check the credentials.") % {
            "label": connection.label})  # fmt: skip
        return redirect("accounts:connection_list")
    return render(request, "accounts/connection_form.html", {"form": form, "gateway": GATEWAYS[provider]})


@sensitive_post_parameters()
@role_required(*MANAGERS)
def connection_edit(request, pk: int):
    connection = get_object_or_404(ProviderConnection, pk=pk)
    initial = {"label": connection.label, "endpoint": connection.endpoint, "enabled": connection.enabled,
               "low_credit_threshold": connection.low_credit_threshold}  # fmt: skip
    gateway = GATEWAYS[connection.provider]
    form = ConnectionForm(request.POST or None, provider=connection.provider, connection=connection, initial=initial)
    if not form.stored:
        messages.error(request, error_text(CredentialsUnreadableError()))
    form.initial.update({f"credential_{c.name}": form.stored.get(c.name, "")
                         for c in gateway.credential_fields if not c.secret})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.connection_update(
            actor=request.user, connection=connection, label=data["label"], endpoint=data["endpoint"],
            credentials=form.credentials(), enabled=data["enabled"],
            low_credit_threshold=data["low_credit_threshold"],
        )  # fmt: skip
        messages.success(request, _("Connection “%(label)s” saved.") % {"label": connection.label})
        return redirect("accounts:connection_list")
    return render(request, "accounts/connection_form.html", {
        "form": form, "gateway": gateway, "connection": connection,
    })  # fmt: skip


@require_POST
@role_required(*MANAGERS)
def connection_toggle(request, pk: int):
    connection = get_object_or_404(ProviderConnection, pk=pk)
    services.connection_set_enabled(actor=request.user, connection=connection, enabled=not connection.enabled)
    if connection.enabled:
        messages.success(request, _("Connection “%(label)s” enabled.") % {"label": connection.label})
    else:
        messages.warning(request, _("Connection “%(label)s” disabled.") % {"label": connection.label})
    return redirect("accounts:connection_list")


@require_POST
@role_required(*MANAGERS)
def connection_test(request, pk: int):
    """Calls the provider; answers a row fragment for htmx, or redirects."""
    connection = get_object_or_404(ProviderConnection, pk=pk)
    ok, message = services.connection_test(actor=request.user, connection=connection)
    if request.headers.get("HX-Request"):
        return render(request, "accounts/_connection_row.html", {"connection": connection})
    (messages.success if ok else messages.error)(request, _("%(label)s: %(message)s") % {
        "label": connection.label, "message": message})  # fmt: skip
    return redirect("accounts:connection_list")
