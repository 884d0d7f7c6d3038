"""Which kinds of report fit a year of the plan period (METHODOLOGY §5): an annual monitoring report for any year
of the period, the mid-term evaluation once at about the middle, the final evaluation only for the target year."""

from __future__ import annotations

from planwatch.report.model import KIND_ZH, KINDS


def midterm_year(plan_period: tuple[int, int]) -> int:
    """The year whose data the mid-term evaluation reads: the third of a five-year period (2023 of 2021–2025)."""
    start, end = plan_period
    return start + (end - start) // 2


def report_kinds_for(plan_period: tuple[int, int], year: int) -> tuple[str, ...]:
    """The kinds of report that fit `year` of a plan running from plan_period[0] to plan_period[1]."""
    start, end = plan_period
    if not start <= year <= end:
        return ()
    kinds = ["annual"]
    if year == midterm_year(plan_period) and year != end:
        kinds.append("midterm")
    if year == end:
        kinds.append("final")
    return tuple(kind for kind in KINDS if kind in kinds)


def kind_refusal(plan_period: tuple[int, int], year: int, kind: str) -> str | None:
    """Why `kind` does not fit `year`, in one Chinese line; None when it fits."""
    start, end = plan_period
    if kind not in KINDS:
        return f"报告类型应为{'、'.join(KIND_ZH.values())}之一。"
    if kind in report_kinds_for(plan_period, year):
        return None
    if not start <= year <= end:
        return f"{year}年不在规划期（{start}—{end}年）内，不能生成评估报告。"
    if kind == "midterm":
        return f"中期评估在规划期中段进行一次，以{midterm_year(plan_period)}年数据为准；{year}年可生成年度监测报告。"
    return f"总结评估只针对目标年（{end}年）；{year}年规划尚未到期，可生成年度监测报告。"
