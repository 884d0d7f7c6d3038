"""The dashboard (一屏观全域) and the evaluations page (run for a year, verdict table, overrides)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from planwatch.web.accounts.permissions import planner_required, role_of, sees_everything, visible_to
from planwatch.web.evaluations.charts import chart_data
from planwatch.web.evaluations.models import STATUS_CHOICES, EvaluationRun, VerdictOverride
from planwatch.web.evaluations.verdicts import (
    attention_order,
    current_year,
    evaluation_mode,
    evaluation_with_overrides,
    summary_counts,
)
from planwatch.web.monitoring.lateness import late_departments
from planwatch.web.monitoring.models import Observation
from planwatch.web.pagecache import render_cached
from planwatch.web.plans.models import Indicator, Plan
from planwatch.web.plans.scope import current_plan
from planwatch.web.projects.models import PROJECT_STATUSES


def _plan(request) -> Plan | None:
    return current_plan(request)


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
        if requested.isdigit() and plan.base_year <= int(requested) <= plan.period_end
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
    evaluation, error = evaluation_with_overrides(plan, year)
    indicators = list(visible_to(request.user, plan.indicators.select_related("department")))
    verdicts = {row["number"]: row for row in (evaluation or {}).get("indicators", [])}
    observations: dict[int, list] = {}
    for row in Observation.objects.filter(indicator__plan=plan, state=Observation.APPROVED, year__lte=year):
        observations.setdefault(row.indicator_id, []).append(row)
    cards = []
    for indicator in indicators:
        verdict = verdicts.get(indicator.number) or {
            "number": indicator.number,
            "shown_status": "no_data",
            "attribute": indicator.attribute,
        }
        rows = observations.get(indicator.pk, [])
        cards.append(
            {
                "indicator": indicator,
                "verdict": verdict,
                "illustrative": any(o.is_illustrative for o in rows),
                "chart": json.dumps(chart_data(indicator, rows, plan, verdict), ensure_ascii=False),
            }
        )
    cards.sort(key=lambda card: attention_order(card["verdict"]))
    shown = [card["verdict"] for card in cards if card["verdict"].get("shown_status_zh")]
    projects = visible_to(request.user, plan.projects.all())
    project_totals = _project_totals(projects)
    context = {
        "plan": plan,
        "year": year,
        "years": list(range(plan.period_start, plan.period_end + 1)),
        "evaluation": evaluation,
        "error": error,
        "cards": cards,
        "counts": summary_counts(shown),
        "binding_counts": summary_counts([v for v in shown if v.get("attribute") == "binding"]),
        "lagging_binding": [
            c
            for c in cards
            if c["verdict"].get("attribute") == "binding"
            and c["verdict"].get("shown_status") in ("lagging", "not_achieved")
        ],
        "late": late_departments(plan) if sees_everything(request.user) else [],
        "project_totals": project_totals,
        "any_illustrative": any(card["illustrative"] for card in cards),
        "time_progress": (evaluation or {}).get("time_progress"),
    }
    return context


def _project_totals(projects) -> dict:
    labels = dict(PROJECT_STATUSES)
    rows = (
        projects.values("status").annotate(count=Count("id"), investment=Sum("investment")).order_by("status")
    )
    by_status = [
        {
            "status": labels.get(r["status"], r["status"]),
            "count": r["count"],
            "investment": r["investment"] or 0,
        }
        for r in rows
    ]
    return {
        "by_status": by_status,
        "count": sum(r["count"] for r in by_status),
        "investment": sum(r["investment"] for r in by_status),
    }


@require_safe
def evaluations_page(request):
    if not request.user.is_authenticated:
        return redirect(f"/accounts/login/?next={request.path}")
    if not sees_everything(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("评估结果仅对规划科和领导开放")
    plan = _plan(request)
    if plan is None:
        return render(request, "evaluations/empty.html")
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else current_year(plan)
    evaluation, error = evaluation_with_overrides(plan, year)
    runs = EvaluationRun.objects.filter(plan=plan).select_related("run_by")[:10]
    overrides = VerdictOverride.objects.filter(indicator__plan=plan).select_related(
        "indicator", "created_by"
    )[:50]
    rows = sorted((evaluation or {}).get("indicators", []), key=attention_order)
    ids = dict(plan.indicators.values_list("number", "pk"))
    for row in rows:
        row["indicator_id"] = ids.get(row.get("number"))
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
            "statuses": STATUS_CHOICES,
            "mode": evaluation_mode(plan, year),
            "counts": summary_counts(rows) if rows else [],
            "can_override": role_of(request.user) in ("planning", "administrator"),
        },
    )


@planner_required
def run_evaluation(request):
    if request.method != "POST":
        return redirect("evaluations")
    plan = get_object_or_404(Plan, pk=request.POST.get("plan"))
    year = request.POST.get("year", "")
    if not year.isdigit():
        messages.error(request, "评估年份必须是四位数字年份")
        return redirect("evaluations")
    evaluation, error = evaluation_with_overrides(plan, int(year), fresh=True)  # archived: computed now
    if error:
        messages.error(request, error)
    else:
        EvaluationRun.objects.create(
            plan=plan,
            year=int(year),
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
    status = request.POST.get("status", "")
    reason = request.POST.get("reason", "").strip()
    year = request.POST.get("year", "")
    if status not in dict(STATUS_CHOICES) or not reason or not year.isdigit():
        messages.error(request, "人工评价需要选择评价等级、填写年份，并写明理由")
        return redirect(f"/evaluations/?plan={indicator.plan_id}&year={year}")
    evaluation, _ = evaluation_with_overrides(indicator.plan, int(year))
    computed = ""
    for row in (evaluation or {}).get("indicators", []):
        if row.get("number") == indicator.number:
            computed = row.get("status", "")
    VerdictOverride.objects.create(
        indicator=indicator,
        year=int(year),
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
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("评估结果仅对规划科和领导开放")
    run = get_object_or_404(EvaluationRun, pk=run_id)
    return render(request, "evaluations/run.html", {"run": run, "rows": run.result.get("indicators", [])})
