from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditEvent, ProviderConnection, SubAccount, User

admin.site.register(User, UserAdmin)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for reference only: changes go through the back-office pages, which keep
    the providers in step and record the audit trail."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ProviderConnection)
class ProviderConnectionAdmin(ReadOnlyAdmin):
    # Never the credentials, not even encrypted.
    list_display = ["label", "provider", "login", "endpoint", "enabled", "last_check_ok", "last_checked_at"]
    list_filter = ["provider", "enabled"]
    fields = ["provider", "label", "endpoint", "login", "enabled", "low_credit_threshold", "last_check_message"]


@admin.register(SubAccount)
class SubAccountAdmin(ReadOnlyAdmin):
    list_display = ["name", "contact_email", "quota", "mdworks_user_id", "allmysms_login"]
    search_fields = ["name", "contact_email", "mdworks_login", "allmysms_login"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor_name", "action", "provider", "target_repr", "success"]
    list_filter = ["action", "provider", "success"]
    search_fields = ["actor_name", "target_repr", "message"]
