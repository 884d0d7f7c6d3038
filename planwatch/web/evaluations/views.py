"""The dashboard (一屏观全域) and the evaluations page (run for a year, verdict table, overrides)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from planwatch.evaluate.service import SHORTFALL, count_statuses
from planwatch.vocabulary import status_choices
from planwatch.web.accounts.permissions import (
    is_planner,
    planner_required,
    role_of,
    sees_everything,
    visible_to,
)
from planwatch.web.evaluations.forms import OverrideForm, RunForm, first_error
from planwatch.web.evaluations.models import EvaluationRun, VerdictOverride
from planwatch.web.evaluations.service import (
    chart_json,
    current_year,
    evaluation_data,
    indicator_rows,
    verdict_for,
)
from planwatch.web.monitoring.lateness import late_departments
from planwatch.web.pagecache import render_cached
from planwatch.web.params import is_number
from planwatch.web.plans.figures import base_in_place_of_figures
from planwatch.web.plans.models import Indicator, Plan
from planwatch.web.plans.onboarding import unassigned_indicators
from planwatch.web.plans.scope import current_plan
from planwatch.web.projects.models import Project

log = logging.getLogger("planwatch.evaluations")


def _plan(request) -> Plan | None:
    return current_plan(request)


def _illustrative(row: dict) -> bool:
    """The verdict used an illustrative figure, or the chart shows one."""
    chart = row.get("chart") or {}
    return bool(row.get("illustrative")) or any(
        p[2] for points in chart.get("observed", {}).values() for p in points
    )


@require_safe
def dashboard(request):
    if role_of(request.user) is None:  # anonymous, or an account nobody gave a role: the public pages
        return redirect("public-home")
    plan = _plan(request)
    if plan is None:
        return render(request, "evaluations/empty.html")
    requested = request.GET.get("year", "")
    chosen = (
        int(requested)
        if is_number(requested) and plan.base_year <= int(requested) <= plan.period_end
        else None
    )
    return render_cached(
        request,
        "evaluations/dashboard.html",
        plan.pk,
        (chosen,),
        lambda: _dashboard_context(request, plan, chosen),
        title="总览",
        charts=True,
    )


def _dashboard_context(request, plan: Plan, chosen: int | None) -> dict:
    year = chosen or current_year(plan)
    evaluation, error = evaluation_data(plan, year)
    # by id: the numbers of an earlier year's version may differ, and a row it held may be dropped since
    indicators = {
        i.pk: i
        for i in visible_to(
            request.user, Indicator.all_objects.filter(plan=plan).select_related("department")
        )
    }
    for indicator in indicators.values():
        indicator.plan = plan  # read by base_in_place_of_figures: no query (and no plan file) per card
    cards = []
    for row in indicator_rows(evaluation):  # the core's order: binding shortfalls first
        found = indicators.get(row.get("indicator_id"))
        if found is not None:
            chart = chart_json(row)
            cards.append(
                {
                    "indicator": found,
                    "verdict": row,
                    "illustrative": _illustrative(row),
                    "chart": chart,
                    "base": "" if chart else base_in_place_of_figures(found, row),
                }
            )
    shown = [card["verdict"] for card in cards]
    projects = visible_to(request.user, plan.projects.all())
    return {
        "plan": plan,
        "year": year,
        "years": list(range(plan.period_start, plan.period_end + 1)),
        "evaluation": evaluation,
        "error": error,
        "cards": cards,
        "counts": count_statuses(v["status"] for v in shown),
        "binding_counts": count_statuses(v["status"] for v in shown if v.get("attribute") == "binding"),
        "lagging_binding": [
            c
            for c in cards
            if c["verdict"].get("attribute") == "binding" and c["verdict"]["status"] in SHORTFALL
        ],
        "late": late_departments(plan) if sees_everything(request.user) else [],
        "unassigned": unassigned_indicators(plan),
        "project_totals": _project_totals(projects),
        "any_illustrative": any(card["illustrative"] for card in cards),
        "time_progress": (evaluation or {}).get("time_progress"),
        "plan_version": (evaluation or {}).get("plan_version"),
        "not_in_force": [
            o for o in (evaluation or {}).get("not_in_force", []) if o.get("indicator_id") in indicators
        ],
    }


def _project_totals(projects) -> dict:
    labels = dict(Project._meta.get_field("status").choices)
    rows = (
        projects.values("status").annotate(count=Count("id"), investment=Sum("investment")).order_by("status")
    )
    by_status = [
        {
            "status": labels.get(r["status"], r["status"]),
            "count": r["count"],
            "investment": r["investment"],  # None: no project of this status states its investment
        }
        for r in rows
    ]
    return {
        "by_status": by_status,
        "count": sum(r["count"] for r in by_status),
        "investment": sum(r["investment"] or 0 for r in by_status),
    }


@require_safe
def evaluations_page(request):
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    if not sees_everything(request.user):
        raise PermissionDenied("评估结果仅对规划科和领导开放")
    plan = _plan(request)
    if plan is None:
        return render(request, "evaluations/empty.html")
    year = int(request.GET["year"]) if is_number(request.GET.get("year", "")) else current_year(plan)
    evaluation, error = evaluation_data(plan, year)
    runs = EvaluationRun.objects.filter(plan=plan).select_related("run_by")[:10]
    overrides = VerdictOverride.objects.filter(indicator__plan=plan).select_related(
        "indicator", "created_by"
    )[:50]
    rows = indicator_rows(evaluation)
    for row in rows:
        row["target_used"] = (evaluation or {}).get("targets_used", {}).get(str(row.get("number")))
    return render(
        request,
        "evaluations/evaluations.html",
        {
            "plan": plan,
            "year": year,
            "years": list(range(plan.period_start, plan.period_end + 1)),
            "evaluation": evaluation,
            "rows": rows,
            "error": error,
            "runs": runs,
            "overrides": overrides,
            "statuses": status_choices(),
            "mode": (evaluation or {}).get("mode_zh", ""),
            "counts": (evaluation or {}).get("counts", []),
            "can_override": is_planner(request.user),
        },
    )


@planner_required
def run_evaluation(request):
    if request.method != "POST":
        return redirect("evaluations")
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("evaluations")
    plan = get_object_or_404(Plan, pk=form.cleaned_data["plan"])
    year = form.cleaned_data["year"]
    evaluation, error = evaluation_data(plan, year, fresh=True)  # archived: computed now
    if error:
        messages.error(request, error)
    else:
        EvaluationRun.objects.create(
            plan=plan,
            year=year,
            run_by=request.user,
            result=evaluation,
            targets_used=evaluation.get("targets_used", {}),
            observations_used=evaluation.get("observations_used", []),
        )
        messages.success(request, f"已完成{year}年评估并存档（{timezone.localtime():%Y-%m-%d %H:%M}）")
    return redirect(f"/evaluations/?plan={plan.pk}&year={year}")


@planner_required
def override_verdict(request, indicator_id: int):
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    if request.method != "POST":
        return redirect("evaluations")
    form = OverrideForm(request.POST)
    if not form.is_valid():
        log.info("override of indicator %s refused: %s", indicator.pk, first_error(form))
        messages.error(request, f"人工评价未保存：{first_error(form)}")
        return redirect(f"/evaluations/?plan={indicator.plan_id}&year={request.POST.get('year', '')[:4]}")
    year, status, reason = (form.cleaned_data[k] for k in ("year", "status", "reason"))
    evaluation, _ = evaluation_data(indicator.plan, year)
    computed = (verdict_for(evaluation, indicator) or {}).get("computed_status", "")
    VerdictOverride.objects.create(
        indicator=indicator,
        year=year,
        status=status,
        reason=reason,
        computed_status=computed,
        created_by=request.user,
    )
    messages.success(request, f"已记录“{indicator.name}”{year}年的人工评价，系统评价一并保留")
    return redirect(f"/evaluations/?plan={indicator.plan_id}&year={year}")


@require_safe
def evaluation_run(request, run_id: int):
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    if not sees_everything(request.user):
        raise PermissionDenied("评估结果仅对规划科和领导开放")
    run = get_object_or_404(EvaluationRun, pk=run_id)
    return render(request, "evaluations/run.html", {"run": run, "rows": run.result.get("indicators", [])})
