from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from ..roles import ALL_ROLES, role_required


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@method_decorator(role_required(*ALL_ROLES), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing the password keeps this session and ends every other one: Django
    checks each session against a hash of the password on every request."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed. Your other sessions are closed."))
        return response


@role_required(*ALL_ROLES)
def profile(request):
    return render(request, "accounts/profile.html")
