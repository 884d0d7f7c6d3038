"""Public pages: the indicators the planning office chose to publish, no login.

Their content is cached per plan data stamp like the dashboard's (planwatch.web.pagecache): a figure approved,
an indicator published or withdrawn renews the stamp, so the public never sees a stale page.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from planwatch.evaluate.versions import DROPPED
from planwatch.web.evaluations.service import (
    chart_of,
    chosen_year,
    evaluation_data,
    not_in_force_of,
    verdict_for,
)
from planwatch.web.monitoring.models import Observation
from planwatch.web.pagecache import render_cached
from planwatch.web.plans import links
from planwatch.web.plans.figures import base_in_place_of_figures, baseline_shown, linked_base_shown
from planwatch.web.plans.models import Indicator
from planwatch.web.plans.scope import current_plan
from planwatch.web.public.basis import verdict_basis


def _approved(indicator: Indicator, others: list[Indicator], **years) -> list[Observation]:
    """The approved figures the indicator's plan reads: its own, and those a linked plan keeps for one of its years
    (the 15th plan's 2025 base is the 14th plan's figure); each of those names its plan in `kept_by`."""
    rows = list(
        Observation.objects.filter(links.read_filter(indicator, others), state=Observation.APPROVED, **years)
        .select_related("indicator__plan")
        .order_by("year", "series", "vintage", "id")
    )
    for row in rows:
        row.kept_by = row.indicator.plan if row.indicator_id != indicator.pk else None
    return rows


@require_safe
def home(request):
    plan = current_plan(request)
    if plan is None:
        return render(request, "public/home.html", {"plan": None})
    year = chosen_year(request.GET, plan)
    return render_cached(
        request,
        "public/home.html",
        plan.pk,
        (year,),
        lambda: _home_context(plan, year),
        title="公开指标",
        charts=False,
    )


def _home_context(plan, year: int) -> dict:
    evaluation, error = evaluation_data(plan, year)
    indicators = plan.indicators.filter(published=True).select_related("plan")
    verdicts = {indicator.pk: verdict_for(evaluation, indicator) for indicator in indicators}
    partners = links.partners(plan)
    rows = []
    illustrative = False
    for indicator in indicators:
        observed = _approved(indicator, partners.get(indicator.pk, []), year__lte=year)
        verdict = verdicts.get(indicator.pk) or {}
        measure = (verdict.get("chart") or {}).get("measure", "level")  # what the core charts for it
        main = [o for o in observed if o.measure == measure and not o.series]
        latest = max(main, key=lambda o: (o.year, o.vintage, o.pk)) if main else None
        verdict = verdicts.get(indicator.pk)
        # 示例 marks an illustrative value or a verdict computed from one, never an approved real figure
        illustrative = illustrative or bool(latest and latest.is_illustrative)
        illustrative = illustrative or bool(verdict and verdict.get("illustrative"))
        rows.append(
            {
                "indicator": indicator,
                "verdict": verdict,
                "latest": latest,
                "has_values": bool(observed),
                "base": "" if observed else base_in_place_of_figures(indicator, verdict),
            }
        )
    return {
        "plan": plan,
        "year": year,
        "years": list(range(plan.period_start, plan.period_end + 1)),
        "rows": rows,
        "error": error,
        "illustrative": illustrative,
        "projects": list(plan.projects.filter(published=True).only("name", "status", "progress", "category")),
    }


@require_safe
def indicator(request, indicator_id: int):
    # a dropped indicator (detached by a new version) keeps its public page for the years it was in force
    found = Indicator.all_objects.filter(pk=indicator_id, published=True).select_related("plan").first()
    if found is None:
        raise Http404("没有这个公开指标")
    year = chosen_year(request.GET, found.plan)
    return render_cached(
        request,
        "public/indicator.html",
        found.plan_id,
        (found.pk, year),
        lambda: _indicator_context(found, year),
        title=found.name,
        charts=True,
    )


def _indicator_context(found: Indicator, year: int) -> dict:
    plan = found.plan
    evaluation, error = evaluation_data(plan, year)
    verdict = verdict_for(evaluation, found)
    out = not_in_force_of(evaluation, found)
    dropped = out if out is not None and out.get("action") == DROPPED else None
    # a dropped indicator's figures up to the year it was dropped
    years = {"year__lt": dropped["since"]} if dropped else {}
    others = links.linked_others(found)
    observed = _approved(found, others, **years)
    bases = links.base_comparison(found, others)
    return {
        "dropped": dropped,
        **chart_of(plan, found, verdict, evaluation),
        "indicator": found,
        "plan": plan,
        "year": year,
        "verdict": verdict,
        "error": error,
        "observations": observed,
        "years": list(range(plan.period_start, plan.period_end + 1)),
        "basis": verdict_basis(verdict),
        "baseline_shown": linked_base_shown(bases, found.unit or "") or baseline_shown(found, verdict),
        "corrections": found.corrections(),
        "illustrative": any(o.is_illustrative for o in observed) or bool((verdict or {}).get("illustrative")),
    }
