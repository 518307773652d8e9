from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditEvent, ProviderConnection, SubAccount, User

admin.site.register(User, UserAdmin)


@admin.register(ProviderConnection)
class ProviderConnectionAdmin(admin.ModelAdmin):
    # Credentials are edited in the back-office pages only: never shown here.
    list_display = ["label", "provider", "login", "endpoint", "enabled", "last_check_ok", "last_checked_at"]
    list_filter = ["provider", "enabled"]
    fields = ["provider", "label", "endpoint", "login", "enabled", "low_credit_threshold"]
    readonly_fields = ["provider", "login"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(SubAccount)
class SubAccountAdmin(admin.ModelAdmin):
    list_display = ["name", "contact_email", "quota", "mdworks_user_id", "allmysms_login"]
    search_fields = ["name", "contact_email", "mdworks_login", "allmysms_login"]
    filter_horizontal = ["members"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_name", "action", "provider", "target_repr", "success"]
    list_filter = ["action", "provider", "success"]
    search_fields = ["actor_name", "target_repr", "message"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
