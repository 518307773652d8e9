from django.shortcuts import render

from accounts.roles import ALL_ROLES, MANAGERS, has_role, role_required
from accounts.selectors import balances_with_history, subaccounts_visible_to


@role_required(*ALL_ROLES)
def dashboard(request):
    manager = has_role(request.user, *MANAGERS)
    return render(request, "dashboard.html", {
        "balances": balances_with_history() if manager else [],
        "sub_accounts": subaccounts_visible_to(request.user)[:5],
        "is_manager_view": manager,
    })  # fmt: skip
