"""The planning office's page of links between plans' indicators (规划间指标关联): suggestions by name and unit,
link (a group of indicators in several plans: joining one to a group, or two groups into one), take one out.
A linked figure is reported once and read by every plan of the group (links.py)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from planwatch.web.accounts.permissions import planner_required
from planwatch.web.params import is_number
from planwatch.web.plans import links
from planwatch.web.plans.forms import IndicatorLinkForm, messages_of
from planwatch.web.plans.models import IndicatorGroup, IndicatorLink, Plan

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
        "groups": _groups(),
        "suggestions": links.suggestions(earlier, later) if pair_ok else [],
        "earlier_indicators": earlier.indicators.all() if pair_ok else [],
        "later_indicators": later.indicators.all() if pair_ok else [],
    }
    return render(request, "plans/links.html", context)


def _groups() -> list[dict]:
    """Each group with its members in the order of their plans, for the page."""
    rows = IndicatorLink.objects.select_related(
        "group__created_by", "indicator__plan", "indicator__department", "created_by"
    )
    found: dict[int, dict] = {}
    for link in rows:
        found.setdefault(link.group_id, {"group": link.group, "links": []})["links"].append(link)
    for entry in found.values():
        entry["links"].sort(key=lambda link: (link.indicator.plan.period_start, link.indicator.plan_id))
        entry["unit"] = entry["links"][0].indicator.unit
    return list(found.values())


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
    first, second = form.cleaned_data["indicators"]
    try:
        with transaction.atomic():
            group = _join(first, second, request.user)
    except IntegrityError:  # a colleague linked one of them at the same moment
        log.info("indicator link raced: %s, %s", first.pk, second.pk)
        messages.error(request, "其中一个指标刚被其他人关联，请刷新页面后重试")
        return _back(request)
    members = links.group_of(first)
    named = "、".join(f"《{i.plan}》指标{i.number}“{i.name}”" for i in members)
    messages.success(
        request,
        f"已关联：{named}。此后该指标的监测值只需填报一次，{len({i.plan_id for i in members})}个规划共用"
        f"（关联组{group.pk}）。",
    )
    return _back(request)


def _join(first, second, user) -> IndicatorGroup:
    """One group of both: a new one, the other indicator added to an existing one, or two groups merged (union)."""
    found = {
        link.indicator_id: link
        for link in IndicatorLink.objects.select_for_update().filter(indicator__in=(first, second))
    }
    one, other = found.get(first.pk), found.get(second.pk)
    if one is None and other is None:
        group = IndicatorGroup.objects.create(created_by=user)
    else:
        group = (one or other).group
    if one is not None and other is not None:
        for link in IndicatorLink.objects.filter(
            group_id=other.group_id
        ):  # saved one by one: each is audited
            link.group = group
            link.save()
        IndicatorGroup.objects.filter(pk=other.group_id).delete()
    for indicator, link in ((first, one), (second, other)):
        if link is None:
            IndicatorLink.objects.create(group=group, indicator=indicator, created_by=user)
    return group


@planner_required
def unlink_indicators(request, link_id: int):
    if request.method != "POST":
        return redirect("indicator-links")
    link = IndicatorLink.objects.select_related("indicator__plan").filter(pk=link_id).first()
    if link is None:  # already unlinked (a second click, or a colleague): nothing to do
        messages.warning(request, "该关联已不存在（可能已被解除）")
        return _back(request)
    with transaction.atomic():
        rest = list(IndicatorLink.objects.filter(group_id=link.group_id).exclude(pk=link.pk))
        text = f"《{link.indicator.plan}》“{link.indicator.name}”"
        link.delete()
        if len(rest) < 2:  # a group of one is no link: it goes, its last member with it
            for other in rest:
                text += f"与《{other.indicator.plan}》“{other.indicator.name}”"
                other.delete()
            IndicatorGroup.objects.filter(pk=link.group_id).delete()
        else:
            text += "移出关联组"
    messages.success(request, f"已解除关联：{text}。已填报的监测值全部保留在原指标下。")
    return _back(request)
