from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import crypto


class User(AbstractUser):
    """The back-office user. Its role is the group it belongs to (see ``accounts.roles``)."""


class Provider(models.TextChoices):
    ALLMYSMS = "allmysms", "AllMySMS"
    ECAMPAIGN = "ecampaign", "eCampaign"
    MDWORKS = "mdworks", "MDWorks"


class ProviderConnection(models.Model):
    """One login on one provider. Credentials are a Fernet token of a JSON object
    (see ``accounts.crypto``); ``login`` is the part that is safe to show."""

    provider = models.CharField(_("provider"), max_length=20, choices=Provider.choices)
    label = models.CharField(_("label"), max_length=100)
    endpoint = models.URLField(_("endpoint"), max_length=300)
    login = models.CharField(_("login"), max_length=150)
    credentials_encrypted = models.TextField(editable=False)
    enabled = models.BooleanField(_("enabled"), default=True)
    low_credit_threshold = models.DecimalField(
        _("low credit warning below"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_check_ok = models.BooleanField(_("last check succeeded"), null=True)
    last_check_message = models.TextField(_("last check result"), blank=True)
    # The credits job's last run for this connection, and its error if it failed.
    balances_checked_at = models.DateTimeField(_("balances checked"), null=True, blank=True)
    balances_error = models.TextField(_("balances error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("provider connection")
        verbose_name_plural = _("provider connections")
        ordering = ["provider", "label"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "endpoint", "login"], name="one_connection_per_login"),
        ]

    def __str__(self) -> str:
        return f"{self.get_provider_display()} · {self.label}"

    @property
    def credentials(self) -> dict[str, str]:
        return crypto.decrypt(self.credentials_encrypted)

    @credentials.setter
    def credentials(self, value: dict[str, str]) -> None:
        self.credentials_encrypted = crypto.encrypt(value)


class SubAccount(models.Model):
    """A client of the agency: the tenant that owns lists, templates and campaigns.
    Per provider it may have a remote identity; a provider chosen but without its
    remote id yet is *pending* (its creation failed and can be retried)."""

    name = models.CharField(_("name"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    quota = models.PositiveIntegerField(_("quota"), help_text=_("Emails per month on MDWorks."))
    ip_pool_id = models.PositiveIntegerField(_("IP pool"), null=True, blank=True)
    ip_pool_name = models.CharField(_("IP pool name"), max_length=150, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="sub_accounts", blank=True
    )
    mdworks_connection = models.ForeignKey(
        ProviderConnection, models.PROTECT, null=True, blank=True, related_name="mdworks_sub_accounts"
    )
    mdworks_user_id = models.PositiveIntegerField(_("MDWorks user id"), null=True, blank=True)
    mdworks_login = models.CharField(_("MDWorks login"), max_length=150, blank=True)
    # Set when a creation call failed in a way that may have created the remote
    # account anyway (no answer): only then may a retry adopt an existing login.
    mdworks_uncertain = models.BooleanField(default=False)
    allmysms_connection = models.ForeignKey(
        ProviderConnection, models.PROTECT, null=True, blank=True, related_name="allmysms_sub_accounts"
    )
    allmysms_login = models.CharField(_("AllMySMS login"), max_length=150, blank=True)
    allmysms_created = models.BooleanField(default=False)
    allmysms_uncertain = models.BooleanField(default=False)
    # The sub-account's details as given to AllMySMS (never its password).
    allmysms_profile = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sub-account")
        verbose_name_plural = _("sub-accounts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["mdworks_connection", "mdworks_user_id"],
                condition=Q(mdworks_user_id__isnull=False),
                name="one_sub_account_per_mdworks_user",
            ),
            models.UniqueConstraint(
                fields=["mdworks_connection", "mdworks_login"],
                condition=~Q(mdworks_login=""),
                name="one_sub_account_per_mdworks_login",
            ),
            models.UniqueConstraint(
                fields=["allmysms_connection", "allmysms_login"],
                condition=~Q(allmysms_login=""),
                name="one_sub_account_per_allmysms_login",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def mdworks_pending(self) -> bool:
        return self.mdworks_connection_id is not None and self.mdworks_user_id is None

    @property
    def allmysms_pending(self) -> bool:
        return self.allmysms_connection_id is not None and not self.allmysms_created


class CreditBalance(models.Model):
    """The current balance of one counter of a connection (AllMySMS credits, one
    eCampaign route, an MDWorks quota). Changed only when the provider's figure
    changes, and each change appends a :class:`CreditSnapshot`."""

    connection = models.ForeignKey(ProviderConnection, models.CASCADE, related_name="balances")
    key = models.CharField(max_length=100)
    label = models.CharField(_("counter"), max_length=150)
    amount = models.DecimalField(_("balance"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=30, choices=[("credits", _("credits")), ("emails", _("emails"))])
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    overdraft = models.DecimalField(_("allowed overdraft"), max_digits=14, decimal_places=3, null=True, blank=True)
    changed_at = models.DateTimeField(_("changed"))
    # False once the provider stops reporting the counter (a deleted sub-account,
    # a route without credits): hidden, its history kept.
    reported = models.BooleanField(default=True)

    class Meta:
        ordering = ["connection", "label"]
        constraints = [models.UniqueConstraint(fields=["connection", "key"], name="one_balance_per_counter")]

    def __str__(self) -> str:
        return f"{self.connection} · {self.label}: {self.amount}"

    @property
    def is_low(self) -> bool:
        threshold = self.connection.low_credit_threshold
        return threshold is not None and self.amount < threshold


class CreditSnapshot(models.Model):
    balance = models.ForeignKey(CreditBalance, models.CASCADE, related_name="history")
    amount = models.DecimalField(max_digits=14, decimal_places=3)
    recorded_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"{self.recorded_at:%Y-%m-%d %H:%M} {self.amount}"


class AuditAction(models.TextChoices):
    CONNECTION_CREATE = "connection.create", _("Connection added")
    CONNECTION_UPDATE = "connection.update", _("Connection changed")
    CONNECTION_ENABLE = "connection.enable", _("Connection enabled")
    CONNECTION_DISABLE = "connection.disable", _("Connection disabled")
    CONNECTION_TEST = "connection.test", _("Connection tested")
    SUBACCOUNT_CREATE = "subaccount.create", _("Sub-account created")
    SUBACCOUNT_UPDATE = "subaccount.update", _("Sub-account changed")
    SUBACCOUNT_DELETE = "subaccount.delete", _("Sub-account deleted")
    SUBACCOUNT_IMPORT = "subaccount.import", _("Sub-account imported")
    PROVIDER_CREATE = "subaccount.provider_create", _("Created on the provider")
    PROVIDER_UPDATE = "subaccount.provider_update", _("Changed on the provider")
    PROVIDER_DELETE = "subaccount.provider_delete", _("Deleted on the provider")


class AuditEvent(models.Model):
    """Who did what, when, with what result: every change made in the accounts
    pages and every provider call made on a user's behalf. Never a secret."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    actor_name = models.CharField(_("who"), max_length=150, blank=True)  # blank: a scheduled job
    action = models.CharField(_("action"), max_length=60, choices=AuditAction.choices, db_index=True)
    provider = models.CharField(_("provider"), max_length=20, choices=Provider.choices, blank=True)
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    target_repr = models.CharField(_("on"), max_length=200, blank=True)
    success = models.BooleanField(_("succeeded"))
    message = models.TextField(_("result"), blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_repr}"
