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
