"""The project library (项目库) and the decomposition of tasks to departments (重点任务分解)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from planwatch.web.accounts.models import Department
from planwatch.web.accounts.permissions import (
    department_of,
    is_planner,
    login_required,
    may_report_on,
    planner_required,
    visible_with_supporting,
)
from planwatch.web.params import is_number
from planwatch.web.plans.models import Task
from planwatch.web.plans.scope import current_plan
from planwatch.web.projects.forms import ProgressReportForm
from planwatch.web.projects.models import PROJECT_STATUSES, Milestone, Project, TaskAssignment


@require_safe
@login_required
def project_list(request):
    plan = current_plan(request)
    projects = visible_with_supporting(
        request.user, Project.objects.filter(plan=plan).select_related("department")
    )
    status = request.GET.get("status", "")
    department = request.GET.get("department", "")
    table = request.GET.get("table", "")
    query = request.GET.get("q", "").strip()
    if status:
        projects = projects.filter(status=status)
    if is_number(department):
        projects = projects.filter(department_id=int(department))
    if table:
        projects = projects.filter(source_table=table)
    if query:
        projects = projects.filter(Q(name__contains=query) | Q(description__contains=query))
    totals = projects.aggregate(count=Count("id"), investment=Sum("investment"))
    labels = dict(PROJECT_STATUSES)
    by_status = [
        {**r, "status": labels.get(r["status"], r["status"])}
        for r in projects.values("status")
        .annotate(count=Count("id"), investment=Sum("investment"))
        .order_by("status")
    ]
    return render(
        request,
        "projects/list.html",
        {
            "projects": projects,
            "totals": totals,
            "by_status": by_status,
            "statuses": PROJECT_STATUSES,
            "departments": Department.objects.all(),
            "tables": Project.objects.filter(plan=plan)  # this plan's project tables only
            .values_list("source_table", flat=True)
            .distinct()
            .order_by("source_table"),
            "filters": {"status": status, "department": department, "table": table, "q": query},
        },
    )


def _visible_project(user, project_id: int) -> Project:
    project = (
        visible_with_supporting(user, Project.objects.select_related("department", "plan"))
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        raise Http404("没有这个项目，或您无权查看")
    return project


def _may_report(user, project: Project) -> bool:
    return may_report_on(user, project.department, list(project.supporting.all()))


@login_required
def project_detail(request, project_id: int):
    """A project; its lead and supporting departments report progress for a period (形象进度, 完成投资, 状态)."""
    project = _visible_project(request.user, project_id)
    may_report = _may_report(request.user, project)
    form = ProgressReportForm(initial={"status": project.status, "progress": project.progress})
    status = 200
    if request.method == "POST":
        if not may_report:
            raise PermissionDenied("只能报送本部门牵头或配合的项目的进展")
        form = ProgressReportForm(request.POST)
        if form.is_valid():
            report = form.save(commit=False)
            report.project, report.reported_by = project, request.user
            report.department = department_of(request.user) or project.department
            report.save()
            project.progress, project.status = report.progress, report.status
            project.save()
            messages.success(request, f"已报送{report.period}项目进展")
            return redirect("project-detail", project_id=project.pk)
        messages.error(request, "报送未保存：请按标出的栏目修改")
        status = 400  # what was typed stays in the form, the wrong fields marked
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "reports": project.reports.select_related("reported_by", "department"),
            "milestones": project.milestones.all(),
            "may_report": may_report,
            "form": form,
            "supporting": project.supporting.all(),
            "statuses": PROJECT_STATUSES,
            "departments": Department.objects.active() if is_planner(request.user) else [],
            "history": project.history.all().select_related("history_user")[:20],
        },
        status=status,
    )


@planner_required
def assign_project(request, project_id: int):
    project = get_object_or_404(Project, pk=project_id)
    if request.method == "POST":
        department = request.POST.get("department", "")
        project.department = (
            Department.objects.active().filter(pk=department).first() if is_number(department) else None
        )
        status = request.POST.get("status", project.status)
        if status in dict(PROJECT_STATUSES):
            project.status = status
        project.save()
        project.supporting.set(
            Department.objects.active()
            .filter(pk__in=_ids(request.POST.getlist("supporting")))
            .exclude(pk=project.department_id)
        )
        messages.success(request, "已更新项目责任部门、配合部门和状态")
    return redirect("project-detail", project_id=project.pk)


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isascii() and v.isdigit()]


@require_safe
@login_required
def task_list(request):
    plan = current_plan(request)
    assignments = visible_with_supporting(
        request.user,
        TaskAssignment.objects.filter(task__plan=plan)
        .select_related("task", "task__chapter", "department")
        .prefetch_related("supporting", "milestones"),
    )
    department = request.GET.get("department", "")
    if is_number(department):
        assignments = assignments.filter(department_id=int(department))
    tasks = (
        plan.tasks.filter(title__gt="").select_related("chapter", "section")[:400]
        if is_planner(request.user) and plan
        else []
    )
    return render(
        request,
        "projects/tasks.html",
        {
            "assignments": [
                (a, may_report_on(request.user, a.department, list(a.supporting.all()))) for a in assignments
            ],
            "statuses": TaskAssignment.STATUSES,
            "departments": Department.objects.active(),
            "tasks": tasks,
            "department": department,
            "plan": plan,
        },
    )


@planner_required
def assign_task(request):
    if request.method != "POST":
        return redirect("tasks")
    task = get_object_or_404(Task, pk=request.POST.get("task"))
    lead = get_object_or_404(Department.objects.active(), pk=request.POST.get("department"))
    year = request.POST.get("year", "")
    if not is_number(year):
        messages.error(request, "请填写年度（四位数字）")
        return redirect("tasks")
    assignment = TaskAssignment.objects.create(
        task=task, department=lead, year=int(year), milestone=request.POST.get("milestone", "").strip()
    )
    assignment.supporting.set(
        Department.objects.active().filter(pk__in=request.POST.getlist("supporting")).exclude(pk=lead.pk)
    )
    messages.success(request, f"已将任务“{task}”分解到{lead.name}")
    return redirect("tasks")


@login_required
def milestones(request, project_id: int):
    """Add a milestone (节点) to a project, or mark one done: the project's department or the planning office."""
    project = _visible_project(request.user, project_id)
    if request.method != "POST":
        return redirect("project-detail", project_id=project.pk)
    if not _may_report(request.user, project):
        raise PermissionDenied("只能维护本部门牵头或配合的项目的节点")
    done = request.POST.get("done", "")
    if is_number(done):
        milestone = get_object_or_404(Milestone, pk=int(done), project=project)
        milestone.done = True
        milestone.save()
        messages.success(request, f"节点“{milestone.title}”已完成")
        return redirect("project-detail", project_id=project.pk)
    year, title = request.POST.get("year", "").strip(), request.POST.get("title", "").strip()
    if not is_number(year) or not title:
        messages.error(request, "请填写节点年份（四位数字）和节点内容")
    else:
        Milestone.objects.create(project=project, year=int(year), title=title[:200])
        messages.success(request, "已添加节点")
    return redirect("project-detail", project_id=project.pk)
