"""The main indicator table (主要指标) as Indicators: name, unit, attribute, kind, target, baseline.

Works on district tables (序号 | 指标名称 | 单位 | 属性 | 2025年目标) and national-style ones
(类别 | 指标 | 2020年 | 2025年 | 年均/累计 | 属性, with `*` base values and 〔〕 cumulative targets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.extract.target_cells import classify, direction_of
from planwatch.extract.target_cells import comparator as _comparator
from planwatch.extract.target_cells import parts as _parts
from planwatch.extract.target_cells import reference as _reference
from planwatch.plan.model import Baseline, Indicator, Plan, Table, TargetValue

_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_YEAR_HEADER = re.compile(r"((?:19|20)\d{2})\s*年?")
_CUMULATIVE = re.compile(rf"^[〔［\[]\s*({_NUMBER})\s*[〕］\]]$")
_BOUND = re.compile(rf"^(>=|<=|≥|≤|>|<|＞|＜)?\s*({_NUMBER})\s*(\*)?\s*(以上|以下|以内|左右)?$")
_UNIT_IN_NAME = re.compile(r"[（(]([^（）()]{1,12})[）)]$")
_UNIT_WORDS = re.compile(
    r"^(%|‰|[万亿千百]?[元人户家个件所项吨亩米岁年天小时]|.*[/／].*|.*平方.*|.*立方.*|.*公里.*)$"
)

_NUMBERED_NAME = re.compile(r"^(\d{1,3})\s*[.．、]\s*(\S.*)$")


@dataclass
class _Columns:
    number: int | None = None
    category: int | None = None
    name: int | None = None
    unit: int | None = None
    attribute: int | None = None
    target: int | None = None
    target_year: int | None = None
    base: int | None = None
    base_year: int | None = None
    period: int | None = None  # 年均/累计 column of national-style tables


def find_columns(header: list[str], period_end: int) -> _Columns:
    columns = _Columns()
    years: list[tuple[int, int, str]] = []
    for index, cell in enumerate(header):
        if re.search(r"序号|编号", cell):
            columns.number = index
        elif "类别" in cell or "领域" in cell or "维度" in cell:
            columns.category = index
        elif "指标" in cell and columns.name is None:
            columns.name = index
        elif cell.startswith("单位") or cell == "计量单位":
            columns.unit = index
        elif "属性" in cell:
            columns.attribute = index
        elif "年均" in cell or "累计" in cell:
            columns.period = index
        elif _YEAR_HEADER.search(cell):
            years.append((int(_YEAR_HEADER.search(cell).group(1)), index, cell))
        elif "目标" in cell:
            columns.target = index
        elif "基期" in cell or "现状" in cell:
            columns.base = index
    if years:
        target = max(years, key=lambda y: (y[0] if y[0] <= period_end else -1, "目标" in y[2]))
        if columns.target is None:
            columns.target, columns.target_year = target[1], target[0]
        earlier = [y for y in years if y[0] < target[0]]
        if earlier and columns.base is None:
            columns.base, columns.base_year = max(earlier)[1], max(earlier)[0]
    return columns


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def split_name_unit(name: str, unit: str) -> tuple[str, str]:
    """National tables write the unit in the name: 森林覆盖率（%） → (森林覆盖率, %)."""
    if unit:
        return name, unit
    match = _UNIT_IN_NAME.search(name)
    if match and _UNIT_WORDS.match(match.group(1)):
        return name[: match.start()].strip(), match.group(1)
    return name, unit


def _baseline(cell: str, year: int | None, line: int) -> Baseline | None:
    bound = _BOUND.match(cell.replace(" ", ""))
    if not bound or year is None:
        return None
    starred = bool(bound.group(3))  # a value marked * is for the year before the base year
    return Baseline(
        value=float(bound.group(2)), year=year - 1 if starred else year, line=line, quote=cell, confidence=1.0
    )


def indicators_from_table(table: Table, plan: Plan) -> list[Indicator]:
    columns = find_columns(table.header, plan.period_end)
    target_year = columns.target_year or plan.period_end
    base_year = columns.base_year or plan.period_start - 1
    indicators: list[Indicator] = []
    relative_texts: list[tuple[Indicator, str]] = []
    for index, row in enumerate(table.rows):
        line = table.row_lines[index] if index < len(table.row_lines) else table.line
        name, unit = split_name_unit(_cell(row, columns.name), _cell(row, columns.unit))
        numbered = _NUMBERED_NAME.match(name)
        if numbered:  # national tables number the rows inside the name: 1.国内生产总值增长
            name = numbered.group(2)
        if not name:
            continue
        target_text = _cell(row, columns.target)
        from_period = False
        if (not target_text or target_text in ("—", "-", "——")) and columns.period is not None:
            target_text, from_period = _cell(row, columns.period), True
        baseline = _baseline(_cell(row, columns.base), base_year, line) if columns.base is not None else None
        kind = classify(name, unit, target_text, from_period, baseline.value if baseline else None)
        direction = direction_of(name, target_text, kind)
        value, comparator = None, None
        cumulative = _CUMULATIVE.match(target_text.replace(" ", ""))
        bound = _BOUND.match(target_text.replace(" ", ""))
        if cumulative:
            value, comparator = float(cumulative.group(1)), ">="
        elif bound and kind not in ("qualitative", "compound"):
            value, comparator = float(bound.group(2)), _comparator(target_text, direction)
        elif kind == "allocation":
            comparator = "<=" if direction == "down" else ">="
        number_text = _cell(row, columns.number) or (numbered.group(1) if numbered else "")
        attribute = _cell(row, columns.attribute)
        indicator = Indicator(
            number=int(_number(number_text)) if _number(number_text) else len(indicators) + 1,
            name=name,
            unit=unit,
            attribute="binding" if "约束" in attribute else "expected",
            kind=kind,
            target_text=target_text,
            target_year=target_year,
            target=TargetValue(value=value, comparator=comparator),
            parts=_parts(name, target_text) if kind == "compound" else [],
            baseline=baseline,
            direction=direction,
            category=_cell(row, columns.category) or None,
            base_year=base_year,
            line=line,
        )
        indicators.append(indicator)
        if kind == "relative":
            relative_texts.append((indicator, target_text))
    for indicator, text in relative_texts:
        indicator.reference = _reference(text, [i for i in indicators if i is not indicator])
    return indicators


def main_indicator_table(plan: Plan) -> Table | None:
    tables = [t for t in plan.tables if t.kind == "indicators"]
    return max(tables, key=lambda t: len(t.rows)) if tables else None


def extract_indicators(plan: Plan) -> list[Indicator]:
    table = main_indicator_table(plan)
    return indicators_from_table(table, plan) if table else []
