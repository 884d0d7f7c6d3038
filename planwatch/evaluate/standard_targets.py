"""Targets set by a national standard: 全面达到国家二级标准，部分指标达到国家一级标准 (GB 3095-2012)."""

from __future__ import annotations

from planwatch.evaluate import standards, text
from planwatch.evaluate.context import Context
from planwatch.evaluate.results import IndicatorResult
from planwatch.evaluate.verdicts import classify_progress, final_verdict
from planwatch.evaluate.warnings import warning_for

_GRADE_ZH = {1: "一级", 2: "二级"}


def evaluate_standard(ctx: Context) -> IndicatorResult:
    requirements = standards.requirements(ctx.indicator.target_text)
    if not requirements:
        return ctx.result("no_data", [f"未能从“{ctx.indicator.target_text}”识别所依据的标准等级，请人工评价"])
    pollutants = standards.pollutants_named(ctx.indicator.name)
    series = {p: ctx.values("level", p) for p in pollutants}
    complete = [
        y for y in range(ctx.base_year + 1, ctx.eval_year + 1) if all(y in s for s in series.values())
    ]
    data_year, missing = ctx.data_year(complete)
    if data_year is None:
        lacking = [p for p, s in series.items() if not s or max(s) < ctx.eval_year]
        reason = missing if complete else f"尚无{'、'.join(pollutants)}同一年份的全部监测值"
        return ctx.result("no_data", [reason + (f"（缺{'、'.join(lacking)}）" if lacking else "")])
    values = {p: ctx.figure(series[p][data_year]).value for p in pollutants}
    baselines = {p: ctx.baseline(p) for p in pollutants}
    tau = ctx.tau(data_year)

    listed = "、".join(f"{p} {text.number(v)}" for p, v in values.items())
    sentences = [f"{data_year}年{listed}（CO为毫克/立方米，其余微克/立方米）"]
    met_all = True
    progress_parts = []
    rows = []
    for requirement in requirements:
        met = standards.requirement_met(requirement, values)
        met_all = met_all and met
        shares = {}
        for pollutant, value in values.items():
            limit = standards.limit_of(pollutant, requirement.grade)
            base = baselines[pollutant].value if baselines[pollutant] else None
            shares[pollutant] = standards.compliance_progress(value, base, limit)
        known = [s for s in shares.values() if s is not None]
        if met:
            part = 1.0
        elif not known:
            part = None
        else:
            part = min(known) if requirement.every else max(known)
        progress_parts.append(part)
        over = [
            f"{p} {text.number(v)}>{text.number(standards.limit_of(p, requirement.grade))}"
            for p, v in values.items()
            if not standards.within(p, v, requirement.grade)
        ]
        inside = [p for p, v in values.items() if standards.within(p, v, requirement.grade)]
        detail = ("满足" if met else "未满足") + (
            f"（超标：{'、'.join(over)}）"
            if requirement.every and over
            else f"（{'、'.join(inside)}）"
            if not requirement.every and inside
            else ""
        )
        sentences.append(f"{requirement.text}：{detail}")
        rows.append({"grade": requirement.grade, "every": requirement.every, "met": met})
    progress = None if any(p is None for p in progress_parts) else min(progress_parts)
    fields = dict(
        data_year=data_year,
        time_progress=tau,
        progress=progress,
        expected_progress=tau,
        baseline_text="—",
        current_text=_short(values, requirements),
        details={
            "standard": "GB 3095-2012",
            "values": values,
            "requirements": rows,
            "limits": {
                p: [standards.GB3095_2012[p].grade_1, standards.GB3095_2012[p].grade_2] for p in pollutants
            },
        },
    )
    binding = ctx.indicator.attribute == "binding"
    if ctx.final:
        status = final_verdict(met_all, progress, ctx.rules.nearly_achieved)
    elif met_all:
        status = "achieved_early"
    elif progress is None:
        return ctx.result("no_data", [*sentences, "超标污染物缺少基期值，无法计算进度"], **fields)
    else:
        status = classify_progress(progress, tau, ctx.rules.tolerance)
        sentences.append(f"超标项达标进度{text.percent(progress)}，时序进度{text.percent(tau)}")
    return ctx.result(status, sentences, warning=warning_for(status, binding, met_all, False), **fields)


def _short(values: dict[str, float], requirements: list[standards.Requirement]) -> str:
    """6项中6项达二级、3项达一级."""
    counts = []
    for grade in sorted({r.grade for r in requirements}, reverse=True):
        inside = sum(standards.within(p, v, grade) for p, v in values.items())
        counts.append(f"{inside}项达{_GRADE_ZH[grade]}")
    return f"{len(values)}项中" + "、".join(counts)
