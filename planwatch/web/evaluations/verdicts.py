"""The verdicts to show: the engine's evaluation with planners' overrides laid over it (both kept)."""

from __future__ import annotations

from django.db.models import Max

from planwatch.web.evaluations.cache import stored_evaluation
from planwatch.web.evaluations.engine import EngineUnavailable, evaluate_stored
from planwatch.web.evaluations.models import STATUSES_ZH, VerdictOverride
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.models import Plan

WARNING_ZH = {"green": "绿", "yellow": "黄", "red": "红"}
LAGGING = ("lagging", "not_achieved")


def current_year(plan: Plan) -> int:
    """The latest year with approved data, within the plan period."""
    latest = Observation.objects.filter(indicator__plan=plan, state=Observation.APPROVED).aggregate(
        y=Max("year")
    )["y"]
    if latest is None:
        return plan.period_start
    return max(plan.period_start, min(latest, plan.period_end))


def evaluation_with_overrides(plan: Plan, year: int, fresh: bool = False) -> tuple[dict | None, str | None]:
    """(evaluation JSON with `override` on each overridden verdict, error message when it could not run).

    The engine's part is reused while the plan's data is unchanged (evaluations.cache); `fresh` recomputes.
    """
    try:
        data = evaluate_stored(plan, year) if fresh else stored_evaluation(plan, year, evaluate_stored)
    except EngineUnavailable:
        return None, "评估引擎尚未就绪（planwatch.evaluate 未提供 evaluate_plan），暂不能给出评价。"
    except Exception as error:  # the engine is another team's code: show the problem, keep the page up
        return None, f"评估未能完成：{error}"
    overrides = {}
    for override in VerdictOverride.objects.filter(indicator__plan=plan, year=year).select_related(
        "created_by"
    ):
        overrides.setdefault(override.indicator.number, override)
    for row in data.get("indicators", []):
        override = overrides.get(row.get("number"))
        row["computed_status_zh"] = row.get("status_zh") or STATUSES_ZH.get(row.get("status"), "")
        if override is not None:
            row["override"] = {
                "status": override.status,
                "status_zh": override.get_status_display(),
                "reason": override.reason,
                "by": override.created_by.get_full_name() or override.created_by.username
                if override.created_by
                else "",
                "at": override.created_at.isoformat(),
            }
        row["shown_status"] = override.status if override else row.get("status")
        row["shown_status_zh"] = override.get_status_display() if override else row["computed_status_zh"]
        row["warning_zh"] = WARNING_ZH.get(row.get("warning") or "", "")
    return data, None


def evaluation_mode(plan: Plan, year: int) -> str:
    """年度监测 during the period, 中期评估 in its third year, 总结评估 from its last year on."""
    if year >= plan.period_end:
        return "总结评估"
    if year == plan.period_start + 2:
        return "中期评估"
    return "年度监测"


def summary_counts(rows: list[dict]) -> list[tuple[str, str, int]]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["shown_status"]] = counts.get(row["shown_status"], 0) + 1
    return [
        (status, STATUSES_ZH.get(status, status), counts[status])
        for status in STATUSES_ZH
        if status in counts
    ]


def attention_order(row: dict) -> tuple:
    """Lagging binding indicators first, then other red/yellow warnings, then the rest in plan order."""
    lagging = row.get("shown_status") in LAGGING
    binding = row.get("attribute") == "binding"
    warning = {"red": 0, "yellow": 1}.get(row.get("warning") or "", 2)
    return (not (lagging and binding), not lagging, warning, row.get("number", 0))
