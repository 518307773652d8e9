from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("accounts/", include("accounts.urls")),
    path("contacts/", include("contacts.urls")),
    path("campaigns/", include("campaigns.urls")),
    # The language can be chosen on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
