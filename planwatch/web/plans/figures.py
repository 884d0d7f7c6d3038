"""Figures of an indicator as pages show them, in the unit of its target."""

from __future__ import annotations

from planwatch.web.plans.models import Indicator
from planwatch.web.plans.templatetags.planwatch import num

RATE_KINDS = ("annual_growth_rate",)  # kinds whose target is a yearly rate: their base is a rate too


def baseline_shown(indicator: Indicator, verdict: dict | None, observed=None) -> str:
    """The base value in the unit of the target: a growth target's base is the core's rate (with the level
    beside it), never a level under a unit of %; a level target's base is the stored value, else the observed one."""
    unit = indicator.unit or ""
    if indicator.kind in RATE_KINDS:
        text = (verdict or {}).get("baseline_text") or ""
        return text if text not in ("", "—") else "—"
    year = indicator.baseline_year or indicator.plan.base_year
    if indicator.baseline_value is not None:
        return f"{num(indicator.baseline_value)}{unit}（{year}年）"
    if observed is not None:
        return f"{num(observed.value)}{observed.unit or unit}（{observed.year}年监测值，来源：{observed.source or '—'}）"
    return "—"


def base_in_place_of_figures(indicator: Indicator, verdict: dict | None) -> str:
    """`基期值 2025年 79.25岁`, shown where a card or row has no monitoring figure yet: the base the evaluation
    uses (a linked plan's figure for the base year), else the plan's own; empty when neither is known."""
    if indicator.kind in RATE_KINDS:
        return ""
    used = (verdict or {}).get("baseline") or {}
    value, year = used.get("value"), used.get("year")
    if value is None:
        value = indicator.baseline_value
        year = indicator.baseline_year or indicator.plan.base_year
    if value is None:
        return ""
    return f"基期值 {year}年 {num(value)}{indicator.unit or ''}"


def linked_base_shown(bases, unit: str) -> str | None:
    """The base the evaluation takes from a linked plan, named with its source and beside the text's own base
    when they differ; None when no linked plan holds a figure for the base year."""
    if bases is None or bases.linked is None:
        return None
    text = f"{num(bases.linked)}{unit}（基期值取自《{bases.linked_plan.title}》{bases.year}年监测值"
    if bases.differs:
        text += f"；规划文本所列基期值 {num(bases.own)}{unit}"
    return text + "）"
