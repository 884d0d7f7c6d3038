"""What a department and a reviewer see beside a figure: last year's approved value, the target and the value its
expected path gives for the year (from the core's evaluation), and the change from last year."""

from __future__ import annotations

from planwatch.evaluate.units import normalize
from planwatch.web.evaluations.service import evaluation_data, verdict_for
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans import links


def _evaluated(data: dict | None, indicator, series: str) -> dict | None:
    row = verdict_for(data, indicator)
    if row is None or not series:
        return row
    return next((part for part in row.get("parts", []) if part.get("name") == series), None)


def change_text(value: float | None, last: float | None, unit: str) -> str:
    """+0.3个百分点 for a figure in %, +120家 otherwise; empty when either figure is missing."""
    if value is None or last is None:
        return ""
    change = round(value - last, 6)
    if normalize(unit or "") == "%":
        return f"{change:+g}个百分点"
    return f"{change:+g}{unit}"


class Beside:
    """The context of figures of one plan and year, the evaluation read once for all of them."""

    def __init__(self, plan, year: int):
        self.year = year
        self.data, _ = evaluation_data(plan, year)
        self.plan_id = plan.pk
        self.partners = links.partners(plan)

    def last_year(self, indicator, measure: str, series: str) -> Observation | None:
        """Last year's approved figure, where the indicator's group keeps it (another plan's, for a base year)."""
        if indicator.plan_id == self.plan_id:
            others = self.partners.get(indicator.pk, [])
        else:  # a figure kept on another plan's indicator, reviewed in this plan's queue
            others = links.linked_others(indicator)
        return (
            Observation.objects.filter(
                indicator=links.storage_indicator(indicator, self.year - 1, others),
                year=self.year - 1,
                measure=measure,
                series=series or "",
                state=Observation.APPROVED,
            )
            .order_by("-vintage", "-id")
            .first()
        )

    def of(self, indicator, measure: str, series: str, value: float | None) -> dict:
        last = self.last_year(indicator, measure, series)
        row = _evaluated(self.data, indicator, series)
        target = (row or {}).get("target", {}).get("value") if row else None
        expected = (row or {}).get("expected_path", {}).get(str(self.year)) if row else None
        unit = "%" if measure in ("growth_rate", "reduction_rate") else indicator.unit
        if expected is None and measure == "growth_rate" and indicator.kind == "annual_growth_rate":
            expected = target  # a yearly growth target expects that growth every year (the core's chart line)
        return {
            "last": last,
            "target": target if target is not None else (None if series else indicator.target_value),
            "target_text": indicator.target_text if not series else "",
            "expected": expected,
            "unit": unit,
            "change": change_text(value, last.value if last else None, unit),
        }
