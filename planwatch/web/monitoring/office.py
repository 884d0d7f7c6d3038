"""The planning office's pages around a round: validation rules per indicator, completeness and 催报; and the
departments' inbox of reminders."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from planwatch.evaluate.plausibility import DEFAULT_JUMP_FACTOR, MIN_CHANGES
from planwatch.web.accounts.models import Department
from planwatch.web.accounts.permissions import (
    department_of,
    is_planner,
    planner_required,
    reporter_or_planner_required,
)
from planwatch.web.monitoring import reminders
from planwatch.web.monitoring.forms import ReminderForm, RuleForm
from planwatch.web.monitoring.models import Reminder, ValidationRule
from planwatch.web.params import is_number
from planwatch.web.plans.scope import current_plan


def _prefix(plan) -> str:
    return f"/plans/{plan.pk}" if plan else ""


@planner_required
def rules(request):
    """GET: every indicator with its rule (or the defaults); POST: save one indicator's rule."""
    plan = current_plan(request)
    indicators = list(plan.indicators.select_related("department").order_by("number")) if plan else []
    form, invalid_for = None, None
    if request.method == "POST" and plan is not None:
        form = RuleForm(request.POST)
        if form.is_valid():
            indicator = get_object_or_404(plan.indicators, pk=form.cleaned_data["indicator"])
            rule, _ = ValidationRule.objects.get_or_create(indicator=indicator)
            for name in ("minimum", "maximum", "jump_factor", "source_required"):
                setattr(rule, name, form.cleaned_data[name])
            rule.save()
            messages.success(request, f"已保存指标{indicator.number}“{indicator.name}”的校验规则")
            return redirect(f"{_prefix(plan)}/monitoring/rules/#rule-{indicator.pk}")
        invalid_for = request.POST.get("indicator")
        messages.error(request, "校验规则未保存：请看标红的栏目")
    stored = {r.indicator_id: r for r in ValidationRule.objects.filter(indicator__in=indicators)}
    rows = []
    for indicator in indicators:
        rule = stored.get(indicator.pk)
        typed = form if form is not None and invalid_for == str(indicator.pk) else None
        rows.append({"indicator": indicator, "rule": rule, "form": typed})
    return render(
        request,
        "monitoring/rules.html",
        {"rows": rows, "default_jump": DEFAULT_JUMP_FACTOR, "min_changes": MIN_CHANGES},
    )


def _chosen_round(request, plan):
    chosen = request.GET.get("round", "")
    if chosen and is_number(chosen):
        found = plan.rounds.filter(pk=chosen).first()
        if found is not None:
            return found
    return plan.rounds.filter(is_open=True).first() or plan.rounds.first()


@require_safe
@planner_required
def completeness(request):
    plan = current_plan(request)
    reporting_round = _chosen_round(request, plan) if plan else None
    rows = reminders.completeness(reporting_round) if reporting_round else []
    for row in rows:
        row["message"] = reminders.default_message(reporting_round, row)
    return render(
        request,
        "monitoring/completeness.html",
        {"round": reporting_round, "rounds": plan.rounds.all() if plan else [], "rows": rows},
    )


@planner_required
def remind(request):
    plan = current_plan(request)
    if request.method != "POST" or plan is None:
        return redirect(f"{_prefix(plan)}/monitoring/completeness/")
    form = ReminderForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(str(e[0]) for e in form.errors.values()))
        return redirect(f"{_prefix(plan)}/monitoring/completeness/")
    reporting_round = get_object_or_404(plan.rounds, pk=form.cleaned_data["round"])
    department = get_object_or_404(Department.objects.active(), pk=form.cleaned_data["department"])
    row = next(
        (r for r in reminders.completeness(reporting_round) if r["department"].pk == department.pk), None
    )
    if row is None:
        messages.error(request, f"{department.name}在本规划中没有负责的指标，无需催报")
    else:
        text = form.cleaned_data["message"] or reminders.default_message(reporting_round, row)
        reminders.send(reporting_round, department, request.user, text)
        messages.success(request, f"已向{department.name}催报：{text}")
    return redirect(f"{_prefix(plan)}/monitoring/completeness/?round={reporting_round.pk}")


def _inbox_reminders(request, plan):
    found = Reminder.objects.filter(round__plan=plan).select_related("round", "department", "sent_by")
    if is_planner(request.user):
        return found
    return found.filter(department=department_of(request.user))


@require_safe
@reporter_or_planner_required
def inbox(request):
    plan = current_plan(request)
    return render(
        request,
        "monitoring/inbox.html",
        {"reminders": _inbox_reminders(request, plan)[:100], "may_mark": not is_planner(request.user)},
    )


@reporter_or_planner_required
def mark_read(request):
    plan = current_plan(request)
    if request.method == "POST" and not is_planner(request.user):
        for reminder in _inbox_reminders(request, plan).filter(read_at=None):
            reminder.read_at = timezone.now()
            reminder.save()  # one by one: the audit log records each
        messages.success(request, "催报已标为已读")
    return redirect(f"{_prefix(plan)}/monitoring/inbox/")
