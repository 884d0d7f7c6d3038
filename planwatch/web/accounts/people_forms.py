"""Forms of the people pages (人员与部门): accounts with their role and department, departments, the setting."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db.models import Q

from planwatch import vocabulary
from planwatch.web.accounts.models import ADMINISTRATOR, PLANNING_OFFICE, REPORTER, Department
from planwatch.web.accounts.names import MAX_LENGTH, canonical_username, find_user

# How far each role reaches: nobody grants a role above their own, nor raises their own.
ROLE_RANK = {ADMINISTRATOR: 3, PLANNING_OFFICE: 2, REPORTER: 1, "leader": 1}


def grantable_roles(manager_role: str) -> list[tuple[str, str]]:
    """The roles (with their labels) that someone of `manager_role` may give."""
    top = ROLE_RANK.get(manager_role, 0)
    return [(key, label) for key, label in vocabulary.role_choices() if ROLE_RANK.get(key, 9) <= top]


class PersonForm(forms.Form):
    """An account: user name (new accounts only), display name, department, role, active."""

    username = forms.CharField(
        label="用户名",
        max_length=MAX_LENGTH,
        help_text="登录时使用，不区分大小写和全角半角；建立后不能修改",
        error_messages={"required": "请填写用户名"},
    )
    display_name = forms.CharField(label="姓名", max_length=150, required=False)
    department = forms.ModelChoiceField(
        label="部门",
        queryset=Department.objects.all(),
        required=False,
        empty_label="（无）",
        error_messages={"invalid_choice": "所选部门不存在"},
    )
    role = forms.ChoiceField(
        label="角色", error_messages={"required": "请选择角色", "invalid_choice": "不能授予这个角色"}
    )
    is_active = forms.BooleanField(label="启用（停用后不能登录）", required=False, initial=True)

    def __init__(self, *args, manager_role: str, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account
        self.fields["role"].choices = grantable_roles(manager_role)
        # Active departments; an account of a deactivated one keeps it until it is moved.
        current = getattr(getattr(account, "profile", None), "department_id", None)
        self.fields["department"].queryset = Department.objects.filter(
            Q(is_active=True) | Q(pk=current)
        ).order_by("id")
        if account is not None:
            del self.fields["username"]

    def clean_username(self):
        name = canonical_username(self.cleaned_data.get("username"))
        if not name:
            raise ValidationError("请填写用户名")
        if find_user(name) is not None:
            raise ValidationError(f"用户名“{name}”已被使用（不区分大小写和全角半角）")
        return name

    def clean(self):
        data = super().clean()
        if data.get("role") == REPORTER and not data.get("department"):
            self.add_error("department", "责任部门填报员须属于一个部门")
        department = data.get("department")
        if department is not None and not department.is_active and data.get("is_active"):
            self.add_error(
                "department", f"部门“{department.name}”已停用：请把账号调到启用的部门，或先重新启用该部门"
            )
        return data


class NewPersonForm(PersonForm):
    """A new account, with an initial password that Django's validators check (blank: one is generated)."""

    password = forms.CharField(
        label="初始密码",
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="留空则由系统生成一次性密码，保存后仅显示一次",
    )

    def clean(self):
        data = super().clean()
        password = data.get("password")
        if password:
            probe = get_user_model()(
                username=data.get("username") or "", first_name=data.get("display_name") or ""
            )
            try:
                password_validation.validate_password(password, probe)
            except ValidationError as error:
                self.add_error("password", error)
        return data


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["code", "name", "kind"]
        labels = {"code": "代码", "name": "部门名称", "kind": "部门类型"}
        help_texts = {"code": "部门的简短代码，由小写字母、数字和连字符组成"}
        error_messages = {
            "code": {
                "invalid": "代码只能包含字母、数字、连字符和下划线",
                "unique": "这个代码已被其他部门使用",
                "required": "请填写代码",
            },
            "name": {"unique": "已有同名部门", "required": "请填写部门名称"},
        }


class PeopleSettingForm(forms.Form):
    planners_manage_people = forms.BooleanField(label="允许规划科管理人员", required=False)


class DeactivateDepartmentForm(forms.Form):
    """停用部门: the department that takes over its indicators, tasks and projects, and the confirmation."""

    successor = forms.ModelChoiceField(
        label="接收部门",
        queryset=Department.objects.none(),
        required=False,
        empty_label="（不移交）",
        help_text="该部门在所有规划中牵头或配合的指标、任务和项目，一并移交给接收部门",
        error_messages={"invalid_choice": "所选接收部门不存在或已停用"},
    )
    confirm = forms.BooleanField(
        label="确认停用（该部门的账号一并停用；部门及其历史记录保留，可重新启用）",
        error_messages={"required": "请勾选“确认停用”"},
    )

    def __init__(self, *args, department, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = Department.objects.active().exclude(pk=department.pk)


class ReactivateDepartmentForm(forms.Form):
    """重新启用部门, and which of its deactivated accounts to enable again."""

    users = forms.ModelMultipleChoiceField(
        label="同时启用这些账号",
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "所选账号不属于该部门或不能由您启用"},
    )

    def __init__(self, *args, department, manager_is_admin: bool, **kwargs):
        super().__init__(*args, **kwargs)
        accounts = get_user_model().objects.filter(profile__department=department, is_active=False)
        if not manager_is_admin:  # the office never changes an administrator's account
            accounts = accounts.exclude(is_superuser=True).exclude(profile__role=ADMINISTRATOR)
        self.fields["users"].queryset = accounts.order_by("username")
        self.fields["users"].label_from_instance = lambda u: (
            f"{u.first_name}（{u.username}）" if u.first_name else u.username
        )
