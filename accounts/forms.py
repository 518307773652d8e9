from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from backoffice.providers.errors import InvalidRequestError
from backoffice.providers.mdworks import checks as mdworks_checks

from .crypto import CredentialsUnreadableError
from .gateways import error_text, gateway_for
from .models import Provider, ProviderConnection, SubAccount, User
from .selectors import connections_enabled


class ConnectionForm(forms.Form):
    """A provider connection; the credential fields are those of the provider's
    gateway. Secrets are never shown back: left blank on edit, they are kept."""

    label = forms.CharField(label=_("Label"), max_length=100)
    endpoint = forms.URLField(label=_("Endpoint"), max_length=300, assume_scheme="https")
    enabled = forms.BooleanField(label=_("Enabled"), required=False, initial=True)
    low_credit_threshold = forms.DecimalField(
        label=_("Warn when a balance falls below"), required=False, min_value=0, max_digits=14, decimal_places=2
    )

    def __init__(self, *args, provider: str, connection: ProviderConnection | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.gateway = gateway_for(provider)
        self.connection = connection
        self.stored = self._stored_credentials()
        # Blank secrets keep the stored ones, when there are readable stored ones.
        editing = bool(self.stored)
        self.fields["endpoint"].initial = self.gateway.default_endpoint
        for credential in self.gateway.credential_fields:
            if credential.secret:
                field = forms.CharField(
                    label=credential.label, required=not editing, strip=True,
                    widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
                    help_text=_("Leave blank to keep the stored value.") if editing else "",
                )  # fmt: skip
            else:
                field = forms.CharField(label=credential.label, max_length=150)
            self.fields[f"credential_{credential.name}"] = field

    def clean(self):
        data = super().clean()
        if self.connection is not None and data.get("endpoint") and data["endpoint"] != self.connection.endpoint:
            # Otherwise whoever may edit could send the stored secret to a server of theirs.
            for credential in self.gateway.credential_fields:
                if credential.secret and not data.get(f"credential_{credential.name}"):
                    self.add_error(f"credential_{credential.name}",
                                   _("Enter it again: the endpoint changed."))  # fmt: skip
        if not self.errors:
            self._check_unique(data)
        return data

    def _stored_credentials(self) -> dict[str, str]:
        if self.connection is None:
            return {}
        try:
            return self.connection.credentials
        except CredentialsUnreadableError:
            return {}  # unreadable with the current keys: every field must be given again

    def _check_unique(self, data) -> None:
        credentials = {**self.stored, **{name: value for name, value in self.credentials().items() if value}}
        duplicates = ProviderConnection.objects.filter(
            provider=self.gateway.provider, endpoint=data["endpoint"], login=self.gateway.login_of(credentials)
        ).exclude(pk=getattr(self.connection, "pk", None))
        if duplicates.exists():
            raise forms.ValidationError(_("A connection with this login and endpoint exists already."))

    def credentials(self) -> dict[str, str]:
        return {c.name: self.cleaned_data.get(f"credential_{c.name}", "") for c in self.gateway.credential_fields}


class SubAccountFields(forms.Form):
    """What a sub-account is, here and on MDWorks."""

    name = forms.CharField(label=_("Name"), max_length=150)
    contact_email = forms.EmailField(label=_("Contact email"))
    quota = forms.IntegerField(label=_("Quota (emails per month)"), min_value=0)
    ip_pool = forms.TypedChoiceField(label=_("IP pool"), required=False, coerce=int, empty_value=None)
    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=User.objects.filter(is_active=True).order_by("username"), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, pools=(), current_pool: tuple[int, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pool_names = {pool.id: pool.name for pool in pools}
        if current_pool and current_pool[0] not in self.pool_names:
            # The pools could not be listed: keep the current one choosable, never clear it silently.
            self.pool_names[current_pool[0]] = current_pool[1] or str(current_pool[0])
        self.fields["ip_pool"].choices = [("", _("The main account's pool")), *self.pool_names.items()]

    def check_provider_rule(self, field: str, check, *args) -> None:
        """Run one of a provider's own pre-flight checks; its refusal lands on ``field``."""
        try:
            check(*args)
        except InvalidRequestError as error:
            self.add_error(field, error_text(error))


class SubAccountCreateForm(SubAccountFields):
    on_mdworks = forms.BooleanField(label=_("Create on MDWorks (email)"), required=False)
    mdworks_connection = forms.ModelChoiceField(
        label=_("MDWorks connection"), required=False,
        queryset=connections_enabled(Provider.MDWORKS),
    )  # fmt: skip
    mdworks_login = forms.CharField(label=_("MDWorks login"), required=False, max_length=150)
    mdworks_password = forms.CharField(label=_("MDWorks password"), required=False, widget=forms.PasswordInput)

    on_allmysms = forms.BooleanField(label=_("Create on AllMySMS (SMS)"), required=False)
    allmysms_connection = forms.ModelChoiceField(
        label=_("AllMySMS connection"), required=False,
        queryset=connections_enabled(Provider.ALLMYSMS),
    )  # fmt: skip
    allmysms_login = forms.CharField(label=_("AllMySMS login"), required=False, max_length=150)
    allmysms_password = forms.CharField(label=_("AllMySMS password"), required=False, widget=forms.PasswordInput)
    first_name = forms.CharField(label=_("Contact first name"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Contact last name"), required=False, max_length=100)
    mobile = forms.CharField(label=_("Contact mobile"), required=False, max_length=30)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    address = forms.CharField(label=_("Address"), required=False, max_length=200)
    zip = forms.CharField(label=_("Postcode"), required=False, max_length=20)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    country = forms.CharField(label=_("Country"), required=False, max_length=100)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    MDWORKS_FIELDS = ("mdworks_connection", "mdworks_login", "mdworks_password")
    ALLMYSMS_REQUIRED = ("allmysms_connection", "allmysms_login", "allmysms_password", "first_name", "last_name",
                         "mobile")  # fmt: skip
    ALLMYSMS_OPTIONAL = ("phone", "address", "zip", "city", "country", "website")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # With a single connection per provider (the usual case), it is the choice.
        for name in ("mdworks_connection", "allmysms_connection"):
            field = self.fields[name]
            if field.queryset.count() == 1:
                field.initial = field.queryset.get().pk

    def clean(self):
        data = super().clean()
        if not data.get("on_mdworks") and not data.get("on_allmysms"):
            raise forms.ValidationError(_("Choose at least one provider to create the sub-account on."))
        required = (self.MDWORKS_FIELDS if data.get("on_mdworks") else ()) + (
            self.ALLMYSMS_REQUIRED if data.get("on_allmysms") else ()
        )
        for name in required:
            if not data.get(name):
                self.add_error(name, _("Required to create the sub-account on this provider."))
        self._check_login_free(data, "on_mdworks", "mdworks_connection", "mdworks_login")
        self._check_login_free(data, "on_allmysms", "allmysms_connection", "allmysms_login")
        if data.get("on_mdworks"):
            # MDWorks' own rules, checked before any call (specs/mdworks-rest-api.txt).
            if data.get("mdworks_login"):
                self.check_provider_rule("mdworks_login", mdworks_checks.check_login, data["mdworks_login"])
            if data.get("mdworks_password"):
                self.check_provider_rule("mdworks_password", mdworks_checks.check_password, data["mdworks_password"])
            if data.get("quota") is not None:
                self.check_provider_rule("quota", mdworks_checks.check_quota, data["quota"], None)
        return data

    def _check_login_free(self, data, wanted: str, connection: str, login: str) -> None:
        if not (data.get(wanted) and data.get(connection) and data.get(login)):
            return
        if SubAccount.objects.filter(**{connection: data[connection], login: data[login]}).exists():
            self.add_error(login, _("Another sub-account uses this login on this connection."))

    def allmysms_profile(self) -> dict[str, str]:
        data = self.cleaned_data
        profile = {"first_name": data["first_name"], "last_name": data["last_name"], "society": data["name"],
                   "mobile": data["mobile"]}  # fmt: skip
        profile.update({name: data[name] for name in self.ALLMYSMS_OPTIONAL if data.get(name)})
        return profile


class SubAccountEditForm(SubAccountFields):
    mdworks_password = forms.CharField(
        label=_("New MDWorks password"), required=False, widget=forms.PasswordInput,
        help_text=_("Leave blank to keep the current password."),
    )  # fmt: skip

    def __init__(self, *args, sub_account: SubAccount, **kwargs) -> None:
        kwargs.setdefault("initial", {
            "name": sub_account.name, "contact_email": sub_account.contact_email, "quota": sub_account.quota,
            "ip_pool": sub_account.ip_pool_id, "members": sub_account.members.all(),
        })  # fmt: skip
        if sub_account.ip_pool_id is not None:
            kwargs.setdefault("current_pool", (sub_account.ip_pool_id, sub_account.ip_pool_name))
        super().__init__(*args, **kwargs)
        self.sub_account = sub_account
        if sub_account.mdworks_user_id is None:
            del self.fields["mdworks_password"]

    def clean(self):
        data = super().clean()
        if self.sub_account.mdworks_user_id is not None:
            if data.get("mdworks_password"):
                self.check_provider_rule("mdworks_password", mdworks_checks.check_password, data["mdworks_password"])
            if data.get("quota") is not None:
                self.check_provider_rule("quota", mdworks_checks.check_quota, data["quota"], None)
            if data.get("ip_pool") is None and self.sub_account.ip_pool_id is not None:
                self.add_error("ip_pool", _("MDWorks cannot take a sub-account back to the main pool: choose a pool."))
        return data


class SubAccountRetryForm(forms.Form):
    """Passwords are never stored: a retry asks for those of the pending providers."""

    mdworks_password = forms.CharField(label=_("MDWorks password"), widget=forms.PasswordInput)
    allmysms_password = forms.CharField(label=_("AllMySMS password"), widget=forms.PasswordInput)

    def __init__(self, *args, sub_account: SubAccount, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not sub_account.mdworks_pending:
            del self.fields["mdworks_password"]
        if not sub_account.allmysms_pending:
            del self.fields["allmysms_password"]


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Who"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[
        ("", _("All")), ("connection.", _("Connections")), ("subaccount.", _("Sub-accounts")),
    ])  # fmt: skip
    provider = forms.ChoiceField(label=_("Provider"), required=False, choices=[("", _("All")), *Provider.choices])
    outcome = forms.ChoiceField(
        label=_("Result"), required=False, choices=[("", _("All")), ("ok", _("Succeeded")), ("failed", _("Failed"))]
    )
