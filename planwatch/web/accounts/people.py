"""Users and departments managed on the system's own pages (人员与部门), not only in Django's admin.

The administrator manages them, and the planning office too when the administrator allows it (系统设置
“允许规划科管理人员”). Nobody raises their own role, grants a role above their own, or demotes or
deactivates the last active administrator. Accounts are auth's, outside the audited apps: each change is
written to the audit log here (never the password).
"""

from __future__ import annotations

import logging
import secrets
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from planwatch.vocabulary import ROLE_ZH
from planwatch.web.accounts import audit, first_password
from planwatch.web.accounts.models import ADMINISTRATOR, Department, Profile
from planwatch.web.accounts.people_forms import (
    ROLE_RANK,
    DepartmentForm,
    NewPersonForm,
    PeopleSettingForm,
    PersonForm,
)
from planwatch.web.accounts.permissions import PLANNING_OFFICE, role_of

log = logging.getLogger("planwatch.accounts")
User = get_user_model()


def planners_may_manage_people() -> bool:
    from planwatch.web.plans.models import SystemSetting

    return bool(SystemSetting.objects.values_list("planners_manage_people", flat=True).first())


def may_manage_people(user) -> bool:
    role = role_of(user)
    return role == ADMINISTRATOR or (role == PLANNING_OFFICE and planners_may_manage_people())


def people_manager_required(view):
    """The administrator, or the planning office while the administrator allows it; others get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_manage_people(request.user):
            if role_of(request.user) == PLANNING_OFFICE:
                raise PermissionDenied("系统管理员尚未允许规划科管理人员与部门")
            raise PermissionDenied("人员与部门由系统管理员管理")
        return view(request, *args, **kwargs)

    return wrapper


def _active_administrators():
    return User.objects.filter(is_active=True).filter(Q(is_superuser=True) | Q(profile__role=ADMINISTRATOR))


def _snapshot(account) -> dict:
    """What the audit log keeps of an account (never its password)."""
    profile = getattr(account, "profile", None)
    return {
        "用户名": account.username,
        "姓名": account.first_name,
        "角色": ROLE_ZH.get(role_of(account) or "", "未分配"),
        "部门": profile.department.name if profile and profile.department else "",
        "启用": account.is_active,
    }


def _audit(account, action: str, before: dict | None, after: dict | None) -> None:
    """A change of a user account (the model signals do not audit Django's users), as a 用户与部门 event."""
    verb = {"create": "新增用户", "update": "修改用户"}.get(action, "用户")
    audit.record_event(
        "account",
        user=audit.current_user(),
        summary=f"{verb}“{account.first_name or account.username}”（{account.username}）",
        change=audit.change_words(before, after),
        before=before,
        after=after,
        action=action,
        model="用户",
        obj=account,
    )


def _may_touch(manager, account) -> str | None:
    """Why `manager` may not change `account`, or None: the office never changes an administrator's account."""
    if role_of(manager) != ADMINISTRATOR and role_of(account) == ADMINISTRATOR:
        return "只有系统管理员可以修改系统管理员的账号"
    return None


def _refusal(manager, account, role: str, active: bool) -> str | None:
    """Why this change of role or state is refused: raising one's own role, or losing the last administrator."""
    current = role_of(account) if account is not None else None
    if (
        account is not None
        and account.pk == manager.pk
        and ROLE_RANK.get(role, 0) > ROLE_RANK.get(current, 0)
    ):
        return "不能提升自己的角色"
    if ROLE_RANK.get(role, 0) > ROLE_RANK.get(role_of(manager), 0):
        return "不能授予高于自己的角色"
    losing = current == ADMINISTRATOR and account.is_active and (role != ADMINISTRATOR or not active)
    if losing and not _active_administrators().exclude(pk=account.pk).exists():
        return "这是最后一位启用的系统管理员，不能降级或停用；请先设置另一位系统管理员"
    return None


def _one_time_password() -> str:
    return secrets.token_urlsafe(12)


def _apply(account, data: dict) -> None:
    """Store the form's display name, state, role and department; the administrator role opens Django's admin."""
    account.first_name = data["display_name"].strip()
    account.is_active = data["is_active"]
    role = data["role"]
    account.is_superuser = account.is_staff = role == ADMINISTRATOR
    account.save()
    profile = Profile.objects.filter(user=account).first() or Profile(user=account)
    profile.role, profile.department = role, data.get("department")
    with audit.written_by_caller(profile):  # the page writes the one event of this change (_audit)
        profile.save()
    account.profile = profile


@require_safe
@people_manager_required
def people(request):
    accounts = User.objects.select_related("profile", "profile__department").order_by("username")
    return render(
        request,
        "accounts/people.html",
        {
            "accounts": [(a, ROLE_ZH.get(role_of(a) or "", "未分配角色")) for a in accounts],
            "departments": Department.objects.order_by("-is_active", "id"),
            "kinds": dict(Department._meta.get_field("kind").choices),
            "setting_form": PeopleSettingForm(
                initial={"planners_manage_people": planners_may_manage_people()}
            )
            if role_of(request.user) == ADMINISTRATOR
            else None,
        },
    )


@people_manager_required
def new_person(request):
    manager_role = role_of(request.user)
    form = NewPersonForm(request.POST or None, manager_role=manager_role)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        refused = _refusal(request.user, None, data["role"], data["is_active"])
        if refused:
            form.add_error("role", refused)
        else:
            password = data["password"] or _one_time_password()
            with transaction.atomic():
                account = User(username=data["username"])
                account.set_password(password)
                _apply(account, data)
                first_password.mark(account, request.user)
                _audit(account, "create", None, _snapshot(account))
            messages.success(request, f"已建立账号“{account.username}”")
            return _password_page(request, account, password if not data["password"] else None)
    if request.method == "POST":
        log.info("new account refused: %s", form.errors.as_text().replace("\n", " "))
    return render(
        request, "accounts/person.html", {"form": form, "account": None}, status=_status(request, form)
    )


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


def _password_page(request, account, password: str | None):
    """The account's page after saving; a generated password is shown here once, never stored in clear."""
    return render(request, "accounts/password_once.html", {"account": account, "password": password})


@people_manager_required
def edit_person(request, user_id: int):
    account = get_object_or_404(User.objects.select_related("profile"), pk=user_id)
    refused = _may_touch(request.user, account)
    if refused:
        raise PermissionDenied(refused)
    profile = getattr(account, "profile", None)
    initial = {
        "display_name": account.first_name,
        "department": profile.department_id if profile else None,
        "role": role_of(account),
        "is_active": account.is_active,
    }
    form = PersonForm(
        request.POST or None, initial=initial, manager_role=role_of(request.user), account=account
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        refused = _refusal(request.user, account, data["role"], data["is_active"])
        if refused:
            form.add_error(
                "role" if data["is_active"] or account.pk == request.user.pk else "is_active", refused
            )
        else:
            before = _snapshot(account)
            with transaction.atomic():
                _apply(account, data)
                after = _snapshot(account)
                if after != before:
                    _audit(account, "update", before, after)
            messages.success(request, f"已保存账号“{account.username}”")
            return redirect("people")
    if request.method == "POST":
        log.info("account %s change refused: %s", account.pk, form.errors.as_text().replace("\n", " "))
    return render(
        request, "accounts/person.html", {"form": form, "account": account}, status=_status(request, form)
    )


@people_manager_required
def reset_password(request, user_id: int):
    """POST: a new one-time password, shown once on the answer page; the old one stops working."""
    account = get_object_or_404(User, pk=user_id)
    if request.method != "POST":
        return redirect("person-edit", user_id=account.pk)
    refused = _may_touch(request.user, account)
    if refused:
        raise PermissionDenied(refused)
    password = _one_time_password()
    with transaction.atomic():
        account.set_password(password)
        account.save(update_fields=["password"])
        first_password.mark(account, request.user)
        _audit(account, "update", {"密码": "（原密码）"}, {"密码": "（已重置为一次性密码）"})
    messages.success(request, f"已重置“{account.username}”的密码")
    return _password_page(request, account, password)


@people_manager_required
def department(request, department_id: int | None = None):
    """Create a department (GET shows the form) or rename one; model saves are audited."""
    found = get_object_or_404(Department, pk=department_id) if department_id else None
    form = DepartmentForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"已{'保存' if found else '建立'}部门“{saved.name}”")
        return redirect("people")
    if request.method == "POST":
        log.info("department refused: %s", form.errors.as_text().replace("\n", " "))
    return render(
        request,
        "accounts/department.html",
        {"form": form, "department": found},
        status=_status(request, form),
    )


def people_setting(request):
    """POST, administrator only: whether the planning office may manage people and departments."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if role_of(request.user) != ADMINISTRATOR:
        raise PermissionDenied("只有系统管理员可以修改这项设置")
    if request.method == "POST":
        from planwatch.web.plans.models import SystemSetting

        form = PeopleSettingForm(request.POST)
        form.is_valid()  # a lone check box: always valid
        setting = SystemSetting.objects.first() or SystemSetting()
        setting.planners_manage_people = form.cleaned_data["planners_manage_people"]
        setting.save()  # audited as a model save
        messages.success(
            request,
            "已允许规划科管理人员与部门"
            if setting.planners_manage_people
            else "规划科不再可以管理人员与部门",
        )
    return redirect("people")
