"""Who may see and change what. Every view and API endpoint asks these functions, not the menus."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from planwatch.vocabulary import ROLE_ZH
from planwatch.web.accounts.models import ADMINISTRATOR, LEADER, PLANNING_OFFICE, REPORTER


def role_of(user) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if user.is_superuser:
        return ADMINISTRATOR
    # An account nobody gave a role (no profile) is a member of the public, never a reader of everything.
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


def department_of(user):
    profile = getattr(user, "profile", None) if user is not None and user.is_authenticated else None
    return profile.department if profile else None


# What each role may do: one row per role. A new role is a new row (and its label in planwatch.vocabulary.ROLE_ZH).
MANAGE = "manage"  # the plan, rounds, reviews, evaluations, adjustments (规划科)
REPORT = "report"  # figures, tasks and projects of the user's own department (责任部门)
READ_ALL = "read_all"  # every indicator, evaluation and report of the plan (领导、人大)
CAPABILITIES: dict[str, frozenset[str]] = {
    ADMINISTRATOR: frozenset({MANAGE, READ_ALL}),
    PLANNING_OFFICE: frozenset({MANAGE, READ_ALL}),
    REPORTER: frozenset({REPORT}),
    LEADER: frozenset({READ_ALL}),
}


def may(user, capability: str) -> bool:
    """Whether the user's role has the capability (the public and accounts without a role have none)."""
    return capability in CAPABILITIES.get(role_of(user) or "", frozenset())


def is_planner(user) -> bool:
    """Planning office and administrators manage the plan, rounds, reviews and evaluations."""
    return may(user, MANAGE)


def is_reporter(user) -> bool:
    return may(user, REPORT)


def sees_everything(user) -> bool:
    return may(user, READ_ALL)


def visible_to(user, queryset, department_field: str = "department"):
    """Narrow a queryset to what the user may see: a reporter sees only their own department's objects."""
    if sees_everything(user):
        return queryset
    department = department_of(user)
    if is_reporter(user) and department is not None:
        return queryset.filter(**{department_field: department})
    return queryset.none()


def visible_with_supporting(
    user, queryset, department_field: str = "department", supporting_field: str = "supporting"
):
    """Like `visible_to`, but a reporter also sees what their department supports (配合部门)."""
    if sees_everything(user):
        return queryset
    department = department_of(user)
    if is_reporter(user) and department is not None:
        mine = Q(**{department_field: department}) | Q(**{supporting_field: department})
        return queryset.filter(pk__in=queryset.filter(mine).values("pk"))
    return queryset.none()


def may_report_on(user, lead, supporting=()) -> bool:
    """The lead department's or a supporting department's reporter, or the planning office."""
    if may_report_for(user, lead):
        return True
    mine = department_of(user)
    return is_reporter(user) and mine is not None and mine in supporting


def may_report_for(user, department) -> bool:
    """Reporters enter data for their own department; the planning office may enter for anyone."""
    if is_planner(user):
        return True
    return is_reporter(user) and department is not None and department_of(user) == department


NO_ROLE_MESSAGE = "您的账号尚未分配角色，请联系系统管理员"


def account_required(view):
    """Signed in, with a role or without one (their own password); anonymous visitors go to the sign-in page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def login_required(view):
    """Signed in with a role; anonymous visitors go to the sign-in page, accounts without a role get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if role_of(request.user) is None:
            raise PermissionDenied(NO_ROLE_MESSAGE)
        return view(request, *args, **kwargs)

    return wrapper


def planner_required(view):
    """Only the planning office (and administrators); others get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_planner(request.user):
            raise PermissionDenied("仅规划科可执行此操作")
        return view(request, *args, **kwargs)

    return wrapper


def reporter_or_planner_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (is_planner(request.user) or is_reporter(request.user)):
            raise PermissionDenied("仅责任部门填报员或规划科可执行此操作")
        return view(request, *args, **kwargs)

    return wrapper


def role_context(request) -> dict:
    user = getattr(request, "user", None)
    role = role_of(user)
    return {
        "role": role,
        "is_planner": is_planner(user),
        "is_reporter": is_reporter(user),
        "sees_everything": sees_everything(user),
        "my_department": department_of(user),
        "role_zh": ROLE_ZH.get(role or "", ""),
        "may_manage_people": _may_manage_people(role),
    }


def _may_manage_people(role: str | None) -> bool:
    if role == ADMINISTRATOR:
        return True
    if role != PLANNING_OFFICE:
        return False
    from planwatch.web.accounts.people import planners_may_manage_people

    return planners_may_manage_people()


def four_eyes_refusal(user, observation) -> str | None:
    """Why `user` may not approve `observation` under its plan's four-eyes rule (双人复核), or None."""
    plan = observation.indicator.plan
    if not getattr(plan, "four_eyes", True) or observation.submitted_by_id is None:
        return None
    if observation.submitted_by_id != user.pk:
        return None
    return (
        "四眼原则：该数据由您本人填报提交，不能由您审核通过；请由规划科另一位同事审核"
        "（规划管理员可在“指标核对”的评估参数中关闭此规则）。"
    )
