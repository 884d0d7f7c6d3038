"""The report's tables: the indicator table (表1) and the annexes (附表), each with typed values for Excel."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from planwatch.evaluate.observations import ILLUSTRATIVE_CAVEAT
from planwatch.report.facts import IndicatorFacts, number
from planwatch.report.model import ILLUSTRATIVE_MARK, ILLUSTRATIVE_NOTE, Marked, Table

INDICATOR_HEADER = ["序号", "指标", "单位", "属性", "基期值", "目标值", "本期值", "完成进度", "评价"]
OVERRIDE_MARK = "△"
ADJUSTED_MARK = "（调整）"
CORRECTED_MARK = "（更正）"
MEASURE_ZH = {
    "level": "水平值",
    "growth_rate": "增长率",
    "amount": "当年量",
    "reduction_rate": "降低率",
    "allocation": "下达指标",
}


@dataclass
class ObservationRow:
    number: int
    name: str
    year: int
    measure: str
    series: str | None
    value: float
    unit: str
    source: str
    vintage: date | None
    note: str
    illustrative: bool
    used: bool  # the latest vintage of its year, the one the evaluation reads


def indicator_table(facts: list[IndicatorFacts], base_year: int, year: int, illustrative: bool) -> Table:
    """表1 主要指标完成情况: the rows in the order given, the verdict in words."""
    rows, values = [], []
    for fact in facts:
        verdict = fact.verdict_text + (OVERRIDE_MARK if fact.overridden else "")
        rows.append(
            [
                str(fact.number),
                fact.name,
                fact.unit or "—",
                fact.attribute_zh,
                fact.baseline,
                fact.target + (ADJUSTED_MARK if fact.adjusted else CORRECTED_MARK if fact.corrected else ""),
                fact.current,
                fact.progress,
                verdict,
            ]
        )
        values.append(
            [
                fact.number,
                fact.name,
                fact.unit,
                fact.attribute_zh,
                fact.baseline,
                fact.target,
                fact.current,
                _typed(fact.progress_value, fact.illustrative)
                if fact.progress_value is not None
                else fact.progress,
                verdict,
                _warning_zh(fact.warning),
                fact.explanation.replace(ILLUSTRATIVE_CAVEAT, ""),  # the 含示例数据 column says it
                fact.override_reason or "",
                "是" if fact.illustrative else "",
                _typed(fact.baseline_value, ILLUSTRATIVE_MARK in fact.baseline),
                _typed(fact.current_value, fact.illustrative),
                fact.current_year,
            ]
        )
    notes = [
        f"基期值一般为{base_year}年数值；本期值为{year}年数据，括注年份的为最近可得年份数据。",
        "完成进度的算法和评价依据见附表1。",
    ]
    if any(f.adjusted for f in facts):
        sources = []
        for wording, revised in (("规划调整后的目标", False), ("规划修订版本的目标", True)):
            versions = "、".join(
                sorted({f.target_version for f in facts if f.adjusted and f.revised == revised})
            )
            if versions:
                sources.append(f"{wording}（{versions}）")
        notes.append(f"目标值标“{ADJUSTED_MARK}”的，采用{'或'.join(sources)}。")
    if any(f.corrected for f in facts):
        versions = "、".join(sorted({f.target_version for f in facts if f.corrected}))
        notes.append(f"目标值标“{CORRECTED_MARK}”的，为规划部门人工更正的目标（{versions}）。")
    if any(f.overridden for f in facts):
        notes.append(f"评价后标“{OVERRIDE_MARK}”的，经规划部门人工调整，理由见附表1。")
    # the illustrative-data caveat is stated once, on the cover; every page's header repeats what ※ means
    return Table(
        "indicators",
        "表1　主要指标完成情况",
        INDICATOR_HEADER,
        rows,
        [1.0, 3.5, 1.3, 1.6, 1.3, 1.8, 1.8, 1.9, 2.3],
        note="注：" + "".join(notes),
        align="clcccccrc",
        sheet="主要指标",
        values=values,
        sheet_header=INDICATOR_HEADER
        + ["预警", "评价依据", "人工调整理由", "含示例数据", "基期数值", "本期数值", "本期年份"],
    )


def _typed(value, illustrative: bool):
    """A number for the workbook, wrapped so that Excel shows ※ beside it when it is illustrative."""
    return Marked(value) if illustrative and value is not None else value


_WARNING_ZH = {"green": "绿", "yellow": "黄", "red": "红"}


def _warning_zh(warning: str | None) -> str:
    return _WARNING_ZH.get(warning or "", "")


def observation_rows(plan, facts: list[IndicatorFacts], observations, year: int) -> list[ObservationRow]:
    """Every observation up to the evaluation year; without an observations object, the figures the verdicts used."""
    names = {f.number: f.name for f in facts}
    units = {f.number: f.unit for f in facts}
    rows: list[ObservationRow] = []
    if observations is not None:
        latest = set()
        for obs in observations:
            current = observations.series(obs.indicator, obs.measure, obs.series).get(obs.year)
            if current is obs:
                latest.add(id(obs))
        for obs in observations:
            if obs.indicator not in names or obs.year > year:
                continue
            rows.append(
                ObservationRow(
                    obs.indicator,
                    names[obs.indicator],
                    obs.year,
                    obs.measure,
                    obs.series,
                    obs.value,
                    obs.unit or units.get(obs.indicator, ""),
                    obs.source or "",
                    obs.vintage,
                    obs.note or "",
                    bool(getattr(obs, "illustrative", False)),
                    id(obs) in latest,
                )
            )
    else:
        for fact in facts:
            for figure in (getattr(fact.result, "baseline", None), getattr(fact.result, "current", None)):
                if figure is None:
                    continue
                rows.append(
                    ObservationRow(
                        fact.number,
                        fact.name,
                        figure.year,
                        "level",
                        None,
                        figure.value,
                        fact.unit,
                        figure.source or "",
                        figure.vintage,
                        "",
                        figure.illustrative,
                        True,
                    )
                )
    rows.sort(key=lambda r: (r.number, r.series or "", r.measure, r.year, r.vintage or date.min))
    return rows


def annex_observations(rows: list[ObservationRow], illustrative: bool) -> Table:
    """附表2: every observation with its source and vintage."""
    table_rows, values = [], []
    for index, row in enumerate(rows, 1):
        what = MEASURE_ZH.get(row.measure, row.measure) + (f"（{row.series}）" if row.series else "")
        shown = number(row.value) + (ILLUSTRATIVE_MARK if row.illustrative else "")
        source = _short_source(row.source) or "—"
        vintage = row.vintage.isoformat() if row.vintage else "—"
        note = row.note if row.used else "；".join(filter(None, ["已被修订，未采用", row.note]))
        table_rows.append(
            [f"{row.number}. {row.name}", str(row.year), what, shown, row.unit or "—", source, vintage, note]
        )
        values.append(
            [
                index,
                row.number,
                row.name,
                row.year,
                MEASURE_ZH.get(row.measure, row.measure),
                row.series or "",
                _typed(row.value, row.illustrative),
                row.unit,
                row.source,
                row.vintage,
                row.note,
                "是" if row.used else "否",
                "是" if row.illustrative else "",
            ]
        )
    note = "注：数据版本为数据报送或修订日期；同一年份有多个版本的，评价采用最新版本。"
    if illustrative:
        note += ILLUSTRATIVE_NOTE
    return Table(
        "observations",
        "主要指标监测数据及来源",
        ["指标", "年份", "类型", "数值", "单位", "来源", "数据版本", "备注"],
        table_rows,
        [3.7, 1.3, 1.6, 1.5, 1.5, 3.0, 2.5, 2.2],
        note=note,
        align="lccrclcl",
        sheet="监测数据",
        printed=False,  # raw observations belong in the workbook only
        values=values,
        sheet_header=[
            "序号",
            "指标序号",
            "指标",
            "年份",
            "类型",
            "分项",
            "数值",
            "单位",
            "来源",
            "数据版本",
            "备注",
            "最新版本",
            "示例数据",
        ],
    )


def _short_source(source: str) -> str:
    """A web address shortened to its host for the printed annex (the workbook keeps it whole)."""
    match = re.match(r"https?://([^/]+)(/.*)?$", source.strip())
    if not match:
        return source
    return match.group(1) + ("/…" if match.group(2) and match.group(2) != "/" else "")


def annex_explanations(facts: list[IndicatorFacts]) -> Table:
    """附表1: each verdict with the numbers and rule that produced it."""
    rows, marked = [], False
    for fact in facts:
        # the caveat is stated once in the note; the verdict built from illustrative values carries ※
        # an override's sentence (both verdicts, the reason) follows the caveat in the core's explanation
        caveat = ILLUSTRATIVE_CAVEAT in fact.explanation
        basis = fact.explanation.replace(ILLUSTRATIVE_CAVEAT, "") or "—"
        marked = marked or caveat
        verdict = (
            fact.status_zh
            + (OVERRIDE_MARK if fact.overridden else "")
            + (ILLUSTRATIVE_MARK if caveat else "")
        )
        rows.append([str(fact.number), fact.name, verdict, basis])
    caveat_note = f"评价后标“{ILLUSTRATIVE_MARK}”的，所用数据含示例数据。" if marked else ""
    return Table(
        "explanations",
        "附表1　主要指标评价依据",
        ["序号", "指标", "评价", "评价依据"],
        rows,
        [1.0, 3.6, 1.9, 9.4],
        note="注：完成进度一般为(本期值－基期值)÷(目标值－基期值)；年均增长率、累计、逐年约束等指标按上表所列依据计算。"
        "评价为期中的，完成进度与时序进度相差不超过10个百分点为基本符合预期。" + caveat_note,
        align="clcl",
    )
