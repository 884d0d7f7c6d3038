"""{% offered_reports plan year as offered %}: the reports that fit the year, and why the others do not."""

from __future__ import annotations

from django import template

from planwatch.report import KIND_ZH, KINDS, kind_refusal, report_kinds_for

register = template.Library()


@register.simple_tag
def offered_reports(plan, year) -> dict:
    """{"kinds": [(kind, 年度监测报告, [parts the office has still to write]), …] that fit `year`,
    "refused": [one Chinese line per kind that does not]}."""
    from planwatch.web.evaluations.reports import unwritten_parts

    period = (plan.period_start, plan.period_end)
    year = int(year)
    fitting = report_kinds_for(period, year)
    return {
        "kinds": [
            (
                kind,
                KIND_ZH[kind] if kind != "annual" else f"{year}年度监测报告",
                unwritten_parts(plan, year, kind),
            )
            for kind in fitting
        ],
        "refused": [
            f"{KIND_ZH[kind]}：{kind_refusal(period, year, kind)}" for kind in KINDS if kind not in fitting
        ],
    }
