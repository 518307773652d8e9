from django.shortcuts import render

from ..charts import balance_chart
from ..roles import MANAGERS, role_required
from ..selectors import balances_with_history, connections_with_balance_errors


@role_required(*MANAGERS)
def credit_balances(request):
    balances = balances_with_history()
    return render(request, "accounts/credits.html", {
        "balances": balances, "charts": [(balance, balance_chart(balance)) for balance in balances],
        "low": [balance for balance in balances if balance.is_low],
        "failing": connections_with_balance_errors(),
    })  # fmt: skip
