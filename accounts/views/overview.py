from django.shortcuts import render

from ..models import ProviderConnection
from ..roles import ALL_ROLES, MANAGERS, has_role, role_required
from ..selectors import subaccounts_visible_to


@role_required(*ALL_ROLES)
def index(request):
    """Managers see connections and sub-accounts; marketing users their own sub-accounts."""
    manager = has_role(request.user, *MANAGERS)
    return render(request, "accounts/index.html", {
        "connections": ProviderConnection.objects.all() if manager else [],
        "sub_accounts": subaccounts_visible_to(request.user)[:10],
        "is_manager_view": manager,
    })  # fmt: skip
