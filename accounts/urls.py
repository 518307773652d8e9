from django.urls import path

from .views import audit, auth, balances, connections, overview, subaccounts

app_name = "accounts"

urlpatterns = [
    path("", overview.index, name="index"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("profile/", auth.profile, name="profile"),
    path("password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("connections/", connections.connection_list, name="connection_list"),
    path("connections/new/<str:provider>/", connections.connection_create, name="connection_create"),
    path("connections/<int:pk>/", connections.connection_edit, name="connection_edit"),
    path("connections/<int:pk>/toggle/", connections.connection_toggle, name="connection_toggle"),
    path("connections/<int:pk>/test/", connections.connection_test, name="connection_test"),
    path("connections/<int:connection_pk>/import/", subaccounts.subaccount_import, name="subaccount_import"),
    path("sub-accounts/", subaccounts.subaccount_list, name="subaccount_list"),
    path("sub-accounts/new/", subaccounts.subaccount_create, name="subaccount_create"),
    path("sub-accounts/<int:pk>/", subaccounts.subaccount_detail, name="subaccount_detail"),
    path("sub-accounts/<int:pk>/edit/", subaccounts.subaccount_edit, name="subaccount_edit"),
    path("sub-accounts/<int:pk>/retry/", subaccounts.subaccount_retry, name="subaccount_retry"),
    path("sub-accounts/<int:pk>/delete/", subaccounts.subaccount_delete, name="subaccount_delete"),
    path("credits/", balances.credit_balances, name="credits"),
    path("audit/", audit.audit_trail, name="audit"),
]
