from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from planwatch.web.accounts import first_password
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a password the administrator chose: the person replaces it at the next sign-in
            first_password.mark(obj, request.user)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and str(request.user.pk) != str(id):
            first_password.mark(User.objects.get(pk=id), request.user)
        return response


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("when", "actor", "actor_department", "event_label", "summary", "change")
    list_filter = ("event", "model")
    search_fields = ("summary", "actor", "comment")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued here and shown once; afterwards only their first characters identify them."""

    list_display = ("prefix", "user", "note", "created")
    fields = ("user", "note", "prefix", "created")
    readonly_fields = ("prefix", "created")

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "user") if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        issued = ApiToken.issue(obj.user, note=obj.note)
        obj.pk, obj.key_hash, obj.prefix, obj.created = (
            issued.pk,
            issued.key_hash,
            issued.prefix,
            issued.created,
        )
        messages.warning(
            request, f"新令牌（只显示这一次，请立即复制并妥善保存；系统只保存其摘要）：{issued.key}"
        )


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    """Failed sign-ins; deleting a user name's rows lifts its lock-out at once."""

    list_display = ("when", "username", "address")
    search_fields = ("username", "address")


admin.site.unregister(User)
admin.site.register(User, PlanWatchUserAdmin)
admin.site.register(Department)
admin.site.login_form = AdminLoginForm  # the admin's sign-in is throttled like the site's
admin.site.site_header = "PlanWatch 规划纲要实施监测评估系统 · 系统管理"
admin.site.site_title = "PlanWatch 系统管理"
