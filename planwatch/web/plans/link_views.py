"""The planning office's page of links between plans' indicators (规划间指标关联): suggestions by name and unit,
link, unlink. A linked figure is reported once and read by both plans (links.py)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from planwatch.web.accounts.permissions import planner_required
from planwatch.web.params import is_number
from planwatch.web.plans import links
from planwatch.web.plans.forms import IndicatorLinkForm, messages_of
from planwatch.web.plans.models import IndicatorLink, Plan

log = logging.getLogger("planwatch.plans")


def _chosen_plans(params) -> tuple[Plan | None, Plan | None]:
    """The two plans compared: `?earlier=&later=` when they name plans, else the two latest by first year."""
    plans = list(Plan.objects.defer("source_file", "source_text").filter(archived=False))
    by_id = {p.pk: p for p in plans}
    chosen = [
        by_id.get(int(params[k])) if is_number(params.get(k, "")) else None for k in ("earlier", "later")
    ]
    latest = sorted(plans, key=lambda p: (p.period_start, p.pk))[-2:]
    earlier = chosen[0] or (latest[0] if len(latest) == 2 else None)
    later = chosen[1] or (latest[-1] if latest else None)
    return earlier, later


@require_safe
@planner_required
def indicator_links(request):
    earlier, later = _chosen_plans(request.GET)
    pair_ok = earlier is not None and later is not None and earlier.pk != later.pk
    context = {
        "plans": Plan.objects.defer("source_file", "source_text").filter(archived=False),
        "earlier": earlier,
        "later": later,
        "pair_ok": pair_ok,
        "links": IndicatorLink.objects.select_related(
            "earlier__plan", "later__plan", "earlier__department", "later__department", "created_by"
        ),
        "suggestions": links.suggestions(earlier, later) if pair_ok else [],
        "earlier_indicators": earlier.indicators.all() if pair_ok else [],
        "later_indicators": later.indicators.all() if pair_ok else [],
    }
    return render(request, "plans/links.html", context)


def _back(request):
    earlier, later = request.POST.get("earlier_plan", ""), request.POST.get("later_plan", "")
    query = f"?earlier={earlier}&later={later}" if is_number(earlier) and is_number(later) else ""
    return redirect(f"/plans/links/{query}")


@planner_required
def link_indicators(request):
    if request.method != "POST":
        return redirect("indicator-links")
    form = IndicatorLinkForm(request.POST)
    if not form.is_valid():
        for text in messages_of(form):
            messages.error(request, text)
        log.info("indicator link refused: %s", "; ".join(messages_of(form))[:500])
        return _back(request)
    earlier, later = links.ordered(*form.cleaned_data["indicators"])
    with transaction.atomic():
        IndicatorLink.objects.create(earlier=earlier, later=later, created_by=request.user)
    messages.success(
        request,
        f"已关联：《{earlier.plan}》指标{earlier.number}“{earlier.name}”与《{later.plan}》指标{later.number}"
        f"“{later.name}”。此后该指标的监测值只需填报一次，两个规划共用。",
    )
    return _back(request)


@planner_required
def unlink_indicators(request, link_id: int):
    if request.method != "POST":
        return redirect("indicator-links")
    link = IndicatorLink.objects.select_related("earlier__plan", "later__plan").filter(pk=link_id).first()
    if link is None:  # already unlinked (a second click, or a colleague): nothing to do
        messages.warning(request, "该关联已不存在（可能已被解除）")
        return _back(request)
    text = f"《{link.earlier.plan}》“{link.earlier.name}”与《{link.later.plan}》“{link.later.name}”"
    link.delete()
    messages.success(request, f"已解除关联：{text}。已填报的监测值全部保留在原指标下。")
    return _back(request)
