"""One assigned task: its yearly milestones (set by the planning office) and the departments' reports on them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from planwatch.web.accounts.permissions import (
    is_planner,
    login_required,
    may_report_on,
    visible_with_supporting,
)
from planwatch.web.projects.forms import MilestoneReportForm, TaskMilestoneForm
from planwatch.web.projects.models import TaskAssignment, TaskMilestone


def _visible_assignment(user, assignment_id: int) -> TaskAssignment:
    assignment = (
        visible_with_supporting(
            user, TaskAssignment.objects.select_related("task", "task__plan", "task__chapter", "department")
        )
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        raise Http404("没有这项任务，或您无权查看")
    return assignment


def _may_report(user, assignment: TaskAssignment) -> bool:
    return may_report_on(user, assignment.department, list(assignment.supporting.all()))


def _page(request, assignment, milestone_form=None, report_forms=None, status=200):
    plan = assignment.task.plan
    milestones = list(assignment.milestones.select_related("reported_by"))
    report_forms = report_forms or {}
    return render(
        request,
        "projects/task.html",
        {
            "assignment": assignment,
            "plan": plan,
            "supporting": assignment.supporting.all(),
            "statuses": TaskAssignment.STATUSES,
            "may_report": _may_report(request.user, assignment),
            "milestones": [
                (m, report_forms.get(m.pk) or MilestoneReportForm(instance=m, prefix=f"m{m.pk}"))
                for m in milestones
            ],
            "milestone_form": milestone_form
            or TaskMilestoneForm(
                initial={"year": assignment.year}, period=(plan.period_start, plan.period_end)
            ),
        },
        status=status,
    )


@login_required
def update_task(request, assignment_id: int):
    """GET: the task with its milestones; POST: its lead or a supporting department updates the task's status."""
    assignment = _visible_assignment(request.user, assignment_id)
    if request.method != "POST":
        return _page(request, assignment)
    if not _may_report(request.user, assignment):
        raise PermissionDenied("只能更新本部门牵头或配合的任务")
    status = request.POST.get("status", "")
    if status not in dict(TaskAssignment.STATUSES):
        messages.error(request, "请选择任务状态")
        return redirect("tasks")
    assignment.status = status
    assignment.progress_note = request.POST.get("progress_note", "").strip()
    assignment.save()
    messages.success(request, "已更新任务进展")
    return redirect("tasks")


@login_required
def task_milestones(request, assignment_id: int):
    """POST: the planning office sets a yearly milestone; the lead or a supporting department reports on one."""
    assignment = _visible_assignment(request.user, assignment_id)
    if request.method != "POST":
        return redirect("task-update", assignment_id=assignment.pk)
    plan = assignment.task.plan
    milestone_id = request.POST.get("milestone", "")
    if not milestone_id:
        if not is_planner(request.user):
            raise PermissionDenied("年度节点由规划科设定")
        form = TaskMilestoneForm(request.POST, period=(plan.period_start, plan.period_end))
        if not form.is_valid():
            messages.error(request, "节点未保存：请按标出的栏目修改")
            return _page(request, assignment, milestone_form=form, status=400)
        milestone = form.save(commit=False)
        milestone.assignment, milestone.set_by = assignment, request.user
        milestone.save()
        messages.success(request, f"已设定{milestone.year}年节点")
        return redirect("task-update", assignment_id=assignment.pk)
    if not _may_report(request.user, assignment):
        raise PermissionDenied("只能报送本部门牵头或配合的任务")
    milestone = get_object_or_404(TaskMilestone, pk=milestone_id, assignment=assignment)
    form = MilestoneReportForm(request.POST, instance=milestone, prefix=f"m{milestone.pk}")
    if not form.is_valid():
        messages.error(request, "报送未保存：请按标出的栏目修改")
        return _page(request, assignment, report_forms={milestone.pk: form}, status=400)
    milestone = form.save(commit=False)
    milestone.reported_by, milestone.reported_at = request.user, timezone.now()
    milestone.illustrative = False  # a department's own report replaces the demo's illustrative one
    milestone.save()
    messages.success(request, f"已报送{milestone.year}年节点完成情况")
    return redirect("task-update", assignment_id=assignment.pk)
