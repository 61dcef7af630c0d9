from django.contrib import admin

from commonroom.accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "approval_status", "is_staff", "is_active"]
    list_filter = ["approval_status", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fields = ["email", "full_name", "is_active", "is_staff", "approval_status"]
    readonly_fields = ["approval_status"]
