"""A hand-made evaluation of the Songjiang plan, with counts worked out by hand for the report tests.

Mid-term (2023): 提前实现 2 (8, 21), 快于预期 5 (3, 6, 11, 15, 19), 基本符合预期 8 (2, 4, 7, 9, 10, 12, 16, 17),
滞后于预期 3 (1, 5, 13), 待录入下达指标 2 (14, 18), 暂无数据 1 (20). Binding (12–16, 18, 19, 21): 提前实现 1,
快于预期 2, 基本符合预期 2, 滞后于预期 1, 待录入 2.
Final (2025): 完成 12, 基本完成 3 (2, 7, 10), 未完成 3 (1, 5, 13; 13 is binding), 待录入 2, 暂无数据 1.
"""

from __future__ import annotations

import re
from datetime import date

from planwatch.evaluate.observations import Observation, Observations
from planwatch.evaluate.projection import Projection
from planwatch.evaluate.results import Evaluation, Figure, IndicatorResult

DEMO = "示例数据"

# number: (mid-term status, final status, baseline, yearly values 2021…2025 (growth rates for growth targets))
SPEC = {
    1: ("lagging", "not_achieved", None, [8.1, 1.5, 4.2, 4.8, 5.0]),
    2: ("on_track", "nearly_achieved", None, [7.0, 5.2, 6.0, 5.5, 5.8]),
    3: ("ahead", "achieved", 29.0, [30.5, 31.8, 32.6, 33.4, 34.0]),
    4: ("on_track", "achieved", None, [11.0, 9.0, 10.2, 10.5, 10.1]),
    5: ("lagging", "not_achieved", None, [15.0, 12.0, 14.0, 13.0, 12.5]),
    6: ("ahead", "achieved", None, [12.0, 9.0, 10.0, 8.5, 8.2]),
    7: ("on_track", "nearly_achieved", None, [8.5, 6.0, 8.0, 7.9, 7.6]),
    8: ("achieved_early", "achieved", 1755.0, [2300.0, 2900.0, 3300.0, 3500.0, 3700.0]),
    9: ("on_track", "achieved", None, []),
    10: ("on_track", "nearly_achieved", 4.32, [4.45, 4.58, 4.7, 4.8, 4.9]),
    11: ("ahead", "achieved", 50.52, [54.0, 57.0, 59.0, 61.0, 63.0]),
    12: ("on_track", "achieved", None, []),
    13: ("lagging", "not_achieved", 52.0, [52.5, 53.0, 53.2, 54.0, 55.0]),
    14: ("needs_input", "needs_input", None, []),
    15: ("ahead", "achieved", 40.0, [42.0, 43.5, 44.6, 45.2, 46.0]),
    16: ("on_track", "achieved", 18.5, [18.8, 19.12, 19.2, 19.4, 19.6]),
    17: ("on_track", "achieved", 5.95, [6.3, 6.6, 7.0, 7.4, 7.8]),
    18: ("needs_input", "needs_input", None, []),
    19: ("ahead", "achieved", None, [70.0, 80.0, 75.0, 60.0, 50.0]),
    20: ("no_data", "no_data", 84.05, []),
    21: ("achieved_early", "achieved", 0.03, [0.028, 0.025, 0.022, 0.021, 0.02]),
}
NOTES = {(1, 2022): "受疫情影响，2022年地区生产总值增速明显回落", (5, 2023): "部分重大产业项目开工推迟"}
MIDTERM_COUNTS = {
    "achieved_early": 2,
    "ahead": 5,
    "on_track": 8,
    "lagging": 3,
    "needs_input": 2,
    "no_data": 1,
}
FINAL_COUNTS = {"achieved": 12, "nearly_achieved": 3, "not_achieved": 3, "needs_input": 2, "no_data": 1}


def _observation(number, year, value, measure="level", source=DEMO, note=None, row=0):
    return Observation(
        number, year, value, measure=measure, source=source, note=note, row=row, vintage=date(year + 1, 2, 28)
    )


def sample_observations(plan) -> Observations:
    rows = []
    by_number = {i.number: i for i in plan.indicators}
    for number, (_, _, baseline, values) in SPEC.items():
        kind = by_number[number].kind
        if baseline is not None:
            rows.append(_observation(number, 2020, baseline, source="纲要（2020年）", row=len(rows) + 2))
        measure = {"annual_growth_rate": "growth_rate", "cumulative": "amount"}.get(kind, "level")
        for year, value in zip(range(2021, 2026), values, strict=False):
            rows.append(
                _observation(number, year, value, measure, note=NOTES.get((number, year)), row=len(rows) + 2)
            )
    # a revised vintage: the 2022 forest figure first reported as 19.0
    rows.append(Observation(16, 2022, 19.0, source="部门报送", vintage=date(2023, 1, 15), row=len(rows) + 2))
    return Observations(rows)


def _average(rates):
    index = 1.0
    for rate in rates:
        index *= 1 + rate / 100
    return (index ** (1 / len(rates)) - 1) * 100


def sample_evaluation(plan, year: int = 2023) -> Evaluation:
    final = year >= 2025
    results = []
    for indicator in plan.indicators:
        mid, end, baseline, values = SPEC[indicator.number]
        status = end if final else mid
        span = values[: year - 2020]
        fields = {}
        if baseline is not None:
            fields["baseline"] = Figure(baseline, 2020, "纲要（2020年）")
            fields["baseline_text"] = f"{baseline:g}"
        if indicator.kind == "annual_growth_rate" and span:
            fields["average_growth"] = _average(span)
            fields["current"] = Figure(span[-1], year, DEMO, illustrative=True)
            fields["current_text"] = f"{span[-1]:g}"
        elif span and baseline is not None and indicator.target.value is not None:
            target = indicator.target.value
            current = span[-1]
            fields["current"] = Figure(current, year, DEMO, illustrative=True)
            fields["current_text"] = f"{current:g}"
            fields["progress"] = (current - baseline) / (target - baseline)
            fields["path"] = "linear"
            slope = (current - baseline) / len(span)
            fields["projection"] = Projection(2025, current + slope * (2025 - year), "linear_fit")
        elif indicator.kind == "cumulative" and span:
            fields["current"] = Figure(sum(span), year, DEMO, illustrative=True)
            fields["current_text"] = f"{sum(span):g}"
            fields["progress"] = sum(span) / indicator.target.value
        warning = {
            "lagging": "red" if indicator.attribute == "binding" else "yellow",
            "not_achieved": "red",
        }.get(status, "green" if status not in ("no_data", "needs_input") else None)
        results.append(
            IndicatorResult(
                number=indicator.number,
                name=indicator.name,
                attribute=indicator.attribute,
                kind=indicator.kind,
                unit=indicator.unit,
                target_text=indicator.target_text,
                target_year=2025,
                status=status,
                warning=warning,
                explanation=f"第{indicator.number}项示例评价依据。",
                data_year=year if span else None,
                target_value=indicator.target.value,
                illustrative=bool(span),
                missing="allocation" if status == "needs_input" else None,  # 14 and 18: 市下达指标
                **{"progress": None, **fields},
            )
        )
    return Evaluation(plan.title, year, (year - 2020) / 5, results, 2020, 2025)


_VERDICT_COUNT = re.compile(r"(\d+)项(提前实现|快于预期|基本符合预期|滞后于预期|基本完成|未完成|完成)")
SAMPLE_MIDTERM = {"提前实现": 2, "快于预期": 5, "基本符合预期": 8, "滞后于预期": 3}
SAMPLE_FINAL = {"完成": 12, "基本完成": 3, "未完成": 3}


def verdict_counts(summary: str) -> dict[str, int]:
    """The counts of the main verdict classes in the first listing sentence of a summary (纲要提出的…)."""
    sentence = next(s for s in summary.split("。") if "纲要提出的" in s)
    return {label: int(n) for n, label in _VERDICT_COUNT.findall(sentence.split("；")[0])}
