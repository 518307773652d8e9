from django.core.paginator import Paginator
from django.shortcuts import render

from ..forms import AuditFilterForm
from ..roles import Role, role_required
from ..selectors import audit_events


@role_required(Role.ADMIN)
def audit_trail(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(audit_events(**filters).select_related("actor"), 50).get_page(request.GET.get("page"))
    kept = request.GET.copy()
    kept.pop("page", None)
    return render(request, "accounts/audit.html", {
        "form": form, "page": page, "filters": kept.urlencode() + "&" if kept else "",
    })  # fmt: skip
