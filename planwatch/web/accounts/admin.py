from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from planwatch.web.accounts.forms import AdminLoginForm, CanonicalUserCreationForm
from planwatch.web.accounts.models import ApiToken, AuditEntry, Department, LoginFailure, Profile


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    verbose_name_plural = "角色与部门"


class PlanWatchUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    add_form = CanonicalUserCreationForm
    list_display = ("username", "first_name", "last_name", "is_active", "profile")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("when", "user", "action", "model", "object_repr")
    list_filter = ("action", "model")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    """Failed sign-ins; deleting a user name's rows lifts its lock-out at once."""

    list_display = ("when", "username", "address")
    search_fields = ("username", "address")


admin.site.unregister(User)
admin.site.register(User, PlanWatchUserAdmin)
admin.site.register(Department)
admin.site.register(ApiToken)
admin.site.login_form = AdminLoginForm  # the admin's sign-in is throttled like the site's
admin.site.site_header = "PlanWatch 规划纲要实施监测评估系统 · 系统管理"
admin.site.site_title = "PlanWatch 系统管理"
