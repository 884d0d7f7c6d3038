"""Deactivating (停用) and reactivating a department. Never deleted: a deactivated department leaves the assignment
choices, data entry, reminders and the completeness of new rounds, and stays in history, audit and past reports.

Before a department goes, the page lists what it still holds in every plan (indicators, tasks and projects it
leads or supports, drafts and figures waiting for review, active accounts) and hands its indicators, tasks and
projects to another department in the same step. Its accounts are deactivated with it: a reporter of a department
that no longer exists has nothing to report; a person who moves is given the new department on their account page
first. Every object handed over is one audit event (部门移交) with its departments before and after.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from planwatch.web.accounts import audit
from planwatch.web.accounts.models import ADMINISTRATOR, Department
from planwatch.web.accounts.people import _active_administrators, people_manager_required
from planwatch.web.accounts.people_forms import DeactivateDepartmentForm, ReactivateDepartmentForm
from planwatch.web.accounts.permissions import role_of

log = logging.getLogger("planwatch.accounts")
User = get_user_model()


@dataclass
class PlanHoldings:
    """What a department holds in one plan."""

    plan: object
    lead_indicators: list = field(default_factory=list)
    supported_indicators: list = field(default_factory=list)
    lead_tasks: list = field(default_factory=list)
    supported_tasks: list = field(default_factory=list)
    lead_projects: list = field(default_factory=list)
    supported_projects: list = field(default_factory=list)
    drafts: int = 0  # 草稿 and 退回待改 figures of the indicators it leads
    pending: int = 0  # submitted, not yet reviewed

    @property
    def assignments(self) -> int:
        return sum(
            len(rows)
            for rows in (
                self.lead_indicators,
                self.supported_indicators,
                self.lead_tasks,
                self.supported_tasks,
                self.lead_projects,
                self.supported_projects,
            )
        )


@dataclass
class Holdings:
    plans: list[PlanHoldings]
    users: list

    @property
    def assignments(self) -> int:
        return sum(p.assignments for p in self.plans)

    @property
    def empty(self) -> bool:
        return not self.assignments and not self.users and not any(p.drafts or p.pending for p in self.plans)


def _indicators(department):
    from planwatch.web.plans.models import Indicator

    led = Indicator.objects.filter(department=department)
    supported = Indicator.objects.filter(supporting=department).exclude(department=department)
    return led.select_related("plan"), supported.select_related("plan")


def _tasks(department):
    from planwatch.web.projects.models import TaskAssignment

    led = TaskAssignment.objects.filter(department=department)
    supported = TaskAssignment.objects.filter(supporting=department).exclude(department=department)
    return led.select_related("task__plan"), supported.select_related("task__plan")


def _projects(department):
    from planwatch.web.projects.models import Project

    led = Project.objects.filter(department=department)
    supported = Project.objects.filter(supporting=department).exclude(department=department)
    return led.select_related("plan"), supported.select_related("plan")


def holdings(department) -> Holdings:
    """Everything `department` still holds, per plan (every plan, archived ones too), and its active accounts."""
    from planwatch.web.monitoring.models import Observation

    by_plan: dict[int, PlanHoldings] = {}

    def row(plan) -> PlanHoldings:
        return by_plan.setdefault(plan.pk, PlanHoldings(plan))

    led, supported = _indicators(department)
    for indicator in led:
        row(indicator.plan).lead_indicators.append(indicator)
    for indicator in supported:
        row(indicator.plan).supported_indicators.append(indicator)
    led, supported = _tasks(department)
    for assignment in led:
        row(assignment.task.plan).lead_tasks.append(assignment)
    for assignment in supported:
        row(assignment.task.plan).supported_tasks.append(assignment)
    led, supported = _projects(department)
    for project in led:
        row(project.plan).lead_projects.append(project)
    for project in supported:
        row(project.plan).supported_projects.append(project)
    open_states = (Observation.DRAFT, Observation.REJECTED, Observation.SUBMITTED)
    for plan_id, state in Observation.objects.filter(
        indicator__department=department, state__in=open_states
    ).values_list("indicator__plan_id", "state"):
        plan_row = by_plan[plan_id]  # its indicator is one it leads, listed above
        if state == Observation.SUBMITTED:
            plan_row.pending += 1
        else:
            plan_row.drafts += 1
    users = list(User.objects.filter(profile__department=department, is_active=True).order_by("username"))
    return Holdings(sorted(by_plan.values(), key=lambda p: p.plan.pk), users)


def _departments_words(lead, supporting) -> dict:
    return {
        "牵头部门": lead.name if lead is not None else "",
        "配合部门": sorted(d.name for d in supporting),
    }


def _hand_over_one(obj, department, successor, label: str, plan) -> None:
    """Give `department`'s place on `obj` (lead or supporting) to `successor`: one audit event with both sides."""
    name = str(obj)[:150]
    supporting = set(obj.supporting.all())
    lead = successor if obj.department_id == department.pk else obj.department
    now_supporting = supporting - {department}
    if department in supporting:
        now_supporting.add(successor)
    now_supporting.discard(lead)
    before = _departments_words(obj.department, supporting)
    if obj.department_id != lead.pk:
        obj.department = lead
        with audit.written_by_caller(obj):
            obj.save()
    if now_supporting != supporting:
        obj.supporting.set(now_supporting)
    after = _departments_words(lead, now_supporting)
    audit.record_event(
        "handover",
        user=audit.current_user(),
        summary=f"{label}“{name}”",
        change=audit.change_words(before, after),
        comment=f"部门“{department.name}”停用，移交给“{successor.name}”",
        plan=plan,
        before=before,
        after=after,
        action="update",
        model=label,
        obj=obj,
    )


def hand_over(department, successor) -> int:
    """Every indicator, task and project `department` leads or supports, in every plan, to `successor`."""
    done = 0
    for label, (led, supported), plan_of in (
        ("主要指标", _indicators(department), lambda o: o.plan),
        ("任务分解", _tasks(department), lambda o: o.task.plan),
        ("项目", _projects(department), lambda o: o.plan),
    ):
        for obj in [*led, *supported]:
            _hand_over_one(obj, department, successor, label, plan_of(obj))
            done += 1
    return done


def _user_refusal(manager, users) -> str | None:
    """Why the department's accounts may not be deactivated with it by `manager`, or None."""
    if any(u.pk == manager.pk for u in users):
        return "您本人的账号属于该部门：请先在您的账号页把部门改为其他部门，再停用该部门"
    admins = [u for u in users if role_of(u) == ADMINISTRATOR]
    if admins and role_of(manager) != ADMINISTRATOR:
        return "该部门有系统管理员的账号，只有系统管理员可以停用该部门"
    ids = [u.pk for u in users]
    if admins and not _active_administrators().exclude(pk__in=ids).exists():
        return "停用该部门会停用最后一位启用的系统管理员：请先设置另一位系统管理员"
    return None


def _set_account_active(account, active: bool, department) -> None:
    """An account switched off or on with its department: one 用户 event naming the department."""
    account.is_active = active
    account.save(update_fields=["is_active"])
    before, after = {"启用": not active}, {"启用": active}
    audit.record_event(
        "account",
        user=audit.current_user(),
        summary=f"修改用户“{account.first_name or account.username}”（{account.username}）",
        change=audit.change_words(before, after),
        comment=f"随部门“{department.name}”{'重新启用' if active else '停用'}",
        before=before,
        after=after,
        action="update",
        model="用户",
        obj=account,
    )


@people_manager_required
def deactivate(request, department_id: int):
    """GET: what the department still holds; POST: hand it over (when it holds anything) and deactivate."""
    department = get_object_or_404(Department, pk=department_id)
    if not department.is_active:
        messages.info(request, f"部门“{department.name}”已停用")
        return redirect("department-reactivate", department_id=department.pk)
    held = holdings(department)
    form = DeactivateDepartmentForm(request.POST or None, department=department)
    if request.method == "POST" and form.is_valid():
        successor = form.cleaned_data["successor"]
        refused = _user_refusal(request.user, held.users)
        if held.assignments and successor is None:
            form.add_error("successor", "该部门仍有牵头或配合的指标、任务或项目：请选择接收部门")
        elif refused:
            form.add_error(None, refused)
        else:
            with transaction.atomic():
                moved = hand_over(department, successor) if successor is not None else 0
                for account in held.users:
                    _set_account_active(account, False, department)
                department.is_active = False
                department.save()  # audited by signal: 部门停用
            done = [f"已停用部门“{department.name}”"]
            if moved:
                done.append(f"{moved}项指标、任务和项目已移交“{successor.name}”")
            if held.users:
                done.append(f"停用了{len(held.users)}个账号")
            messages.success(request, "；".join(done))
            return redirect("people")
    if request.method == "POST":
        log.info(
            "department %s deactivation refused: %s", department.pk, form.errors.as_text().replace("\n", " ")
        )
    return render(
        request,
        "accounts/department_deactivate.html",
        {"department": department, "held": held, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@people_manager_required
def reactivate(request, department_id: int):
    """GET: the deactivated department and its accounts; POST: reactivate it, and the accounts ticked."""
    department = get_object_or_404(Department, pk=department_id)
    if department.is_active:
        return redirect("department-edit", department_id=department.pk)
    manager_is_admin = role_of(request.user) == ADMINISTRATOR
    form = ReactivateDepartmentForm(
        request.POST or None, department=department, manager_is_admin=manager_is_admin
    )
    if request.method == "POST" and form.is_valid():
        accounts = list(form.cleaned_data["users"])
        with transaction.atomic():
            department.is_active = True
            department.save()  # audited by signal: 部门启用
            for account in accounts:
                _set_account_active(account, True, department)
        shown = f"，并启用了{len(accounts)}个账号" if accounts else ""
        messages.success(request, f"已重新启用部门“{department.name}”{shown}")
        return redirect("people")
    return render(
        request,
        "accounts/department_reactivate.html",
        {"department": department, "form": form},
        status=400 if request.method == "POST" and form.errors else 200,
    )
