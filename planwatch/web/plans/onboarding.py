"""Onboarding a plan (计划接入向导): from the imported file to its first open round, each step saying what is left.

① 上传并解析 → ② 核对解析结果 → ③ 分解指标和任务 (lead and supporting departments) → ④ 选择公开内容 →
⑤ 开启首个填报轮次. The pages live under `/plans/<id>/onboarding/`; every save is a model save (audited), and a
change of supporting departments, which a model save does not see, is written to the audit log here.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from planwatch.vocabulary import UNSTATED
from planwatch.web.accounts import audit
from planwatch.web.accounts.models import Department
from planwatch.web.accounts.permissions import planner_required
from planwatch.web.monitoring.models import ReportingRound
from planwatch.web.plans.models import Plan
from planwatch.web.plans.onboarding_forms import (
    AssignmentTableForm,
    BulkAssignForm,
    FirstRoundForm,
    PublicForm,
    default_round_year,
)
from planwatch.web.projects.models import Project, TaskAssignment

log = logging.getLogger("planwatch.plans")


@dataclass
class Step:
    number: str
    title: str
    done: bool
    left: str  # what is left to do, or what was done
    link: str = ""
    link_text: str = ""


def key_tasks(plan: Plan):
    """The tasks decomposed to departments (重点任务): the titled ones (a lead phrase in bold), or, in a plan whose
    paragraphs have no titles, every paragraph."""
    tasks = plan.tasks.select_related("chapter").order_by("order")
    titled = tasks.filter(title__gt="")
    return titled if titled.exists() else tasks


def _first_assignments(plan: Plan) -> dict[int, TaskAssignment]:
    """Each task's first assignment (earliest year): the lead and supporting departments onboarding sets."""
    found: dict[int, TaskAssignment] = {}
    for assignment in (
        TaskAssignment.objects.filter(task__plan=plan)
        .prefetch_related("supporting")
        .order_by("task_id", "year", "id")
    ):
        found.setdefault(assignment.task_id, assignment)
    return found


def unassigned_indicators(plan: Plan | None) -> int:
    """How many of the plan's main indicators have no lead department yet (the empty states' next step)."""
    return plan.indicators.filter(department__isnull=True).count() if plan else 0


def counts(plan: Plan) -> dict[str, int]:
    tasks = key_tasks(plan)
    assigned_tasks = tasks.filter(assignments__isnull=False).distinct().count()
    indicators = plan.indicators.count()
    return {
        "indicators": indicators,
        "indicators_unassigned": unassigned_indicators(plan),
        "tasks": tasks.count(),
        "tasks_unassigned": tasks.count() - assigned_tasks,
        "public_indicators": plan.indicators.filter(published=True).count(),
        "projects": plan.projects.count(),
        "public_projects": plan.projects.filter(published=True).count(),
        "warnings": len(plan.reader_warnings or []),
        "confirmed": plan.indicators.filter(confirmed=True).count(),
        "unstated": plan.indicators.filter(attribute=UNSTATED).count(),
    }


def steps(plan: Plan, numbers: dict[str, int] | None = None) -> list[Step]:
    n = numbers or counts(plan)
    base = f"/plans/{plan.pk}"
    round_ = plan.rounds.order_by("-is_open", "year").first()
    unassigned = n["indicators_unassigned"] + n["tasks_unassigned"]
    return [
        Step(
            "①",
            "上传并解析",
            True,
            f"已导入“{plan.source_name}”：{plan.chapters.count()}章，{n['indicators']}项主要指标，"
            f"{n['tasks']}项重点任务，{n['projects']}个项目",
        ),
        Step(
            "②",
            "核对解析结果",
            plan.parse_checked,
            "已确认核对完毕"
            if plan.parse_checked
            else f"解析提示{n['warnings']}条，已核对指标{n['confirmed']}/{n['indicators']}项"
            + (f"，{n['unstated']}项指标属性未标明、待选定" if n.get("unstated") else "")
            + "；核对后请确认“核对完毕”",
            f"{base}/review/",
            "去核对",
        ),
        Step(
            "③",
            "分解指标和任务",
            unassigned == 0,
            "尚有"
            + "、".join(
                f"{count}{what}"
                for count, what in (
                    (n["indicators_unassigned"], "项指标"),
                    (n["tasks_unassigned"], "项重点任务"),
                )
                if count
            )
            + "未指定牵头部门"
            if unassigned
            else "每项指标和重点任务都已指定牵头部门",
            f"{base}/onboarding/assign/",
            "去分解",
        ),
        Step(
            "④",
            "选择公开内容",
            plan.public_chosen,
            (
                f"已选定：公开{n['public_indicators']}项指标、{n['public_projects']}个项目"
                if plan.public_chosen
                else f"尚未选定；当前公开{n['public_indicators']}项指标、{n['public_projects']}个项目"
            ),
            f"{base}/onboarding/public/",
            "去选择",
        ),
        Step(
            "⑤",
            "开启首个填报轮次",
            round_ is not None,
            f"已开启：{round_.title}（截止 {round_.deadline:%Y-%m-%d}）" if round_ else "尚未开启填报轮次",
            f"{base}/monitoring/rounds/",
            "填报轮次",
        ),
    ]


@require_safe
@planner_required
def onboarding(request):
    """The checklist of the plan's onboarding, with the confirmation of step ② and the form of step ⑤."""
    plan = request.plan
    today = timezone.localdate()
    year = default_round_year((plan.period_start, plan.period_end), today)
    form = FirstRoundForm(
        initial={"year": year, "deadline": datetime.date(year + 1, 3, 31)},
        period=(plan.period_start, plan.period_end),
    )
    return _checklist(request, plan, form)


def _checklist(request, plan: Plan, round_form, status: int = 200):
    found = steps(plan)
    return render(
        request,
        "plans/onboarding.html",
        {
            "plan": plan,
            "steps": found,
            "left": sum(not s.done for s in found),
            "round_form": round_form,
            "unstated": plan.indicators.filter(attribute=UNSTATED),
        },
        status=status,
    )


@planner_required
def confirm_checked(request):
    """POST `checked=1`: the office confirms the parse review (核对完毕); `checked=0` takes it back."""
    plan = request.plan
    if request.method == "POST":
        plan.parse_checked = request.POST.get("checked", "1") == "1"
        plan.save(update_fields=["parse_checked"])
        messages.success(request, "已确认解析结果核对完毕" if plan.parse_checked else "已撤回“核对完毕”")
    return redirect(f"/plans/{plan.pk}/onboarding/")


@planner_required
def open_first_round(request):
    """POST: the first reporting round (year within the period, deadline); the departments may then report."""
    plan = request.plan
    if request.method != "POST":
        return redirect(f"/plans/{plan.pk}/onboarding/")
    form = FirstRoundForm(request.POST, period=(plan.period_start, plan.period_end))
    if not form.is_valid():
        log.info("first round of plan %s refused: %s", plan.pk, form.errors.as_text().replace("\n", " "))
        messages.error(request, "未开启填报轮次：请按标出的栏目修改")
        return _checklist(request, plan, form, status=400)
    year, deadline = form.cleaned_data["year"], form.cleaned_data["deadline"]
    if plan.rounds.filter(year=year, is_open=True).exists():
        messages.error(request, f"{year}年度的填报轮次已经开放，无需重复开启")
    else:
        ReportingRound.objects.create(
            plan=plan, year=year, deadline=deadline, title=f"{year}年度监测数据填报"
        )
        messages.success(request, f"已开启{year}年度填报，截止{deadline:%Y-%m-%d}")
    return redirect(f"/plans/{plan.pk}/onboarding/")


# --- ③ 分解指标和任务 -------------------------------------------------------------------------------------------


def _rows(plan: Plan) -> tuple[list[dict], list[dict]]:
    indicators = [
        {
            "key": f"i{i.pk}",
            "object": i,
            "label": f"指标{i.number}“{i.name}”",
            "lead": i.department_id,
            "supporting": {d.pk for d in i.supporting.all()},
        }
        for i in plan.indicators.prefetch_related("supporting")
    ]
    first = _first_assignments(plan)
    tasks = []
    for task in key_tasks(plan):
        assignment = first.get(task.pk)
        tasks.append(
            {
                "key": f"t{task.pk}",
                "object": task,
                "chapter": task.chapter,
                "assignment": assignment,
                "label": f"任务“{task.title or task.text[:20]}”",
                "lead": assignment.department_id if assignment else None,
                "supporting": {d.pk for d in assignment.supporting.all()} if assignment else set(),
                "locked_lead": assignment
                is not None,  # an assigned task keeps a lead: change it, not clear it
            }
        )
    return indicators, tasks


def _audit_supporting(obj, label: str, before: set[int], after: set[int], names: dict[int, str]) -> None:
    """A change of supporting departments (配合部门), which the model-save audit does not see."""
    if before == after:
        return
    shown_before = {"配合部门": sorted(names[i] for i in before)}
    shown_after = {"配合部门": sorted(names[i] for i in after)}
    audit.record_event(
        "supporting",
        user=audit.current_user(),
        summary=f"{label}“{str(obj)[:150]}”",
        change=audit.change_words(shown_before, shown_after),
        plan=getattr(obj, "plan", None) or getattr(getattr(obj, "task", None), "plan", None),
        before=shown_before,
        after=shown_after,
        action="update",
        model=label,
        obj=obj,
    )


def _set_indicator(indicator, lead: int | None, supporting: set[int], before: set[int], names) -> bool:
    changed = False
    if indicator.department_id != lead:
        indicator.department_id = lead
        indicator.save()
        changed = True
    if supporting != before:
        indicator.supporting.set(supporting)
        _audit_supporting(indicator, "主要指标", before, supporting, names)
        changed = True
    return changed


def _set_task(
    plan, task, assignment, lead: int | None, supporting: set[int], before: set[int], names
) -> bool:
    if lead is None:
        return False
    changed = False
    if assignment is None:
        assignment = TaskAssignment.objects.create(task=task, department_id=lead, year=plan.period_start)
        changed = True
    elif assignment.department_id != lead:
        assignment.department_id = lead
        assignment.save()
        changed = True
    if supporting != before:
        assignment.supporting.set(supporting)
        _audit_supporting(assignment, "任务分解", before, supporting, names)
        changed = True
    return changed


@planner_required
def assign(request):
    """Every indicator and key task with a select per row; 按章节批量指定 above; the counts still unassigned."""
    plan = request.plan
    departments = list(Department.objects.active())  # a deactivated department is given no new work
    names = dict(Department.objects.values_list("pk", "name"))
    indicators, tasks = _rows(plan)
    chapters = plan.chapters.filter(pk__in={row["chapter"].pk for row in tasks})
    bulk = BulkAssignForm(chapters=chapters, departments=departments)
    table = None
    status = 200
    if request.method == "POST" and request.POST.get("action") == "bulk":
        bulk = BulkAssignForm(request.POST, chapters=chapters, departments=departments)
        if bulk.is_valid():
            done = _apply_bulk(plan, bulk.cleaned_data, indicators, tasks, names)
            messages.success(request, f"已批量指定{done}项")
            return redirect(f"/plans/{plan.pk}/onboarding/assign/")
        messages.error(request, "未批量指定：请按标出的栏目修改")
        status = 400
    elif request.method == "POST":
        table = AssignmentTableForm(request.POST, rows=indicators + tasks, departments=departments)
        if table.is_valid():
            done = 0
            shown = set(request.POST.getlist("row"))  # rows the page showed; a row not sent is left alone
            with transaction.atomic():
                for row in indicators:
                    if row["key"] not in shown:
                        continue
                    lead, supporting = table.choice(row["key"])
                    done += _set_indicator(row["object"], lead, supporting, row["supporting"], names)
                for row in tasks:
                    if row["key"] not in shown:
                        continue
                    lead, supporting = table.choice(row["key"])
                    done += _set_task(
                        plan, row["object"], row["assignment"], lead, supporting, row["supporting"], names
                    )
            messages.success(request, f"已保存分工：{done}项有改动")
            return redirect(f"/plans/{plan.pk}/onboarding/assign/")
        for errors in table.errors.values():
            for error in errors:
                messages.error(request, error)
        log.info("assignments of plan %s refused: %s", plan.pk, table.errors.as_text().replace("\n", " "))
        status = 400
    n = counts(plan)
    return render(
        request,
        "plans/onboarding_assign.html",
        {
            "plan": plan,
            "departments": departments,
            "indicators": indicators,
            "tasks": tasks,
            "bulk": bulk,
            "counts": n,
        },
        status=status,
    )


def _apply_bulk(plan, data: dict, indicators, tasks, names) -> int:
    lead = int(data["lead"])
    supporting = {int(v) for v in data["supporting"]} - {lead}
    only_unassigned = data["only_unassigned"]
    done = 0
    with transaction.atomic():
        if data["target"] == "indicators":
            for row in indicators:
                if only_unassigned and row["lead"] is not None:
                    continue
                done += _set_indicator(row["object"], lead, supporting, row["supporting"], names)
        else:
            chapter_id = int(data["target"].removeprefix("chapter-"))
            for row in tasks:
                if row["chapter"].pk != chapter_id or (only_unassigned and row["lead"] is not None):
                    continue
                done += _set_task(
                    plan, row["object"], row["assignment"], lead, supporting, row["supporting"], names
                )
    return done


# --- ④ 选择公开内容 -----------------------------------------------------------------------------------------------


@planner_required
def choose_public(request):
    """Check boxes for the indicators and projects the public pages show; saving marks the step chosen."""
    plan = request.plan
    indicators = list(plan.indicators.all())
    projects = list(Project.objects.filter(plan=plan))
    status = 200
    if request.method == "POST":
        form = PublicForm(request.POST, indicators=indicators, projects=projects)
        if form.is_valid():
            shown_indicators = {int(v) for v in form.cleaned_data["indicators"]}
            shown_projects = {int(v) for v in form.cleaned_data["projects"]}
            with transaction.atomic():
                for item in indicators:
                    if item.published != (item.pk in shown_indicators):
                        item.published = item.pk in shown_indicators
                        item.save()
                for item in projects:
                    if item.published != (item.pk in shown_projects):
                        item.published = item.pk in shown_projects
                        item.save()
                plan.public_chosen = True
                plan.save(update_fields=["public_chosen"])
            messages.success(
                request, f"已选定公开内容：{len(shown_indicators)}项指标、{len(shown_projects)}个项目"
            )
            return redirect(f"/plans/{plan.pk}/onboarding/")
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        status = 400
    return render(
        request,
        "plans/onboarding_public.html",
        {"plan": plan, "indicators": indicators, "projects": projects},
        status=status,
    )
