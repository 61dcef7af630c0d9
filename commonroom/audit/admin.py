from django.contrib import admin

from commonroom.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = [
        "created_at",
        "action",
        "actor_email",
        "subject_email",
        "ip_address",
    ]
    list_filter = ["action"]
    search_fields = ["actor_email", "subject_email", "ip_address"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
