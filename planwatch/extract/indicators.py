"""The main indicator table (主要指标) as Indicators: name, unit, attribute, kind, target, baseline.

Works on district tables (序号 | 指标名称 | 单位 | 属性 | 2025年目标) and national-style ones
(类别 | 指标 | 2020年 | 2025年 | 年均/累计 | 属性, with `*` base values and 〔〕 cumulative targets).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from planwatch.extract.target_cells import classify, direction_of
from planwatch.extract.target_cells import comparator as _comparator
from planwatch.extract.target_cells import parts as _parts
from planwatch.extract.target_cells import reference as _reference
from planwatch.extract.target_cells import target_number as _target_number
from planwatch.plan.model import Baseline, Indicator, Plan, Table, TargetValue
from planwatch.plan.tables import header_unit, table_end_year, table_warnings
from planwatch.vocabulary import UNSTATED

_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_YEAR_HEADER = re.compile(r"((?:19|20)\d{2})\s*年?")
_CUMULATIVE = re.compile(rf"^[〔［\[]\s*({_NUMBER})\s*[〕］\]]$")
_BOUND = re.compile(rf"^(>=|<=|≥|≤|>|<|＞|＜)?\s*({_NUMBER})\s*(\*)?\s*(以上|以下|以内|左右)?$")
_UNIT_IN_NAME = re.compile(r"[（(]([^（）()]{1,12})[）)]$")
_UNIT_WORDS = re.compile(
    r"^(%|％|‰|个百分点|[万亿千百十]*(?:元|美元|人次|人|户|家|个|件|所|项|吨|亩|米|岁|年|天|小时|张|辆|座|名|床|套|"
    r"千瓦时?|度|公顷|标箱|条|处|台|册|篇|株|次)(?:标准煤|标煤|二氧化碳|当量)?|.*[/／].*|.*平方.*|.*立方.*|.*公里.*)$"
)
# Footnote marks inside a name cell: [1], ［2］, ①, *, superscripts, an export's [footnoteRef:N].
_NAME_MARKS = re.compile(
    r"\[footnoteRef:\s*\d+\]|[\[［]\s*(?:注\s*)?\d{1,2}\s*[\]］]|[①-⑳⑴-⒇❶-❿]|[*＊※]+|[¹²³⁰-⁹]+"
)
# The same marks after a target cell's value (65①, 60[1]); a cell that is all [20] is a cumulative target.
_CELL_MARKS = re.compile(r"(?<=\S)(?:[\[［]\s*\d{1,2}\s*[\]］]|[①-⑳⑴-⒇❶-❿]|[¹²³⁰-⁹]+|\[footnoteRef:\s*\d+\])")

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
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # a cell of a thousand 9s, or "nan", is no row number


def split_name_unit(name: str, unit: str) -> tuple[str, str]:
    """National tables write the unit in the name: 森林覆盖率（%） → (森林覆盖率, %)."""
    match = _UNIT_IN_NAME.search(name)
    written = match.group(1).strip() if match else ""
    # A unit column that says the same, or nothing, leaves the name without its parentheses.
    if match and _UNIT_WORDS.match(written) and unit in ("", written):
        return name[: match.start()].strip(), written
    return name, unit


def clean_name(cell: str) -> tuple[str, str]:
    """(name, number written in it): footnote marks dropped, 1.国内生产总值增长 → (国内生产总值增长, 1)."""
    name = _NAME_MARKS.sub("", cell).strip()
    numbered = _NUMBERED_NAME.match(name)
    if numbered:  # national tables number the rows inside the name: 1.国内生产总值增长
        return numbered.group(2).strip(), numbered.group(1)
    return name, ""


def clean_target(cell: str) -> str:
    """A target or base cell without the footnote marks written after its value (65① → 65)."""
    return _CELL_MARKS.sub("", cell).strip()


def _baseline(cell: str, year: int | None, line: int, starred_year: int | None = None) -> Baseline | None:
    bound = _BOUND.match(cell.replace(" ", ""))
    if not bound or year is None:
        return None
    # A value marked * is for the year before the base year, unless the note under the table says which.
    if bound.group(3):
        year = starred_year or year - 1
    return Baseline(value=float(bound.group(2)), year=year, line=line, quote=cell, confidence=1.0)


_STARRED_YEAR = re.compile(r"[*＊][^。；;，,]{0,12}?(?:为|是|系)\s*((?:19|20)\d{2})\s*年")


def table_note(plan: Plan, table: Table) -> str | None:
    """The note block right under a table (注：①〔〕内为五年累计数；②带*的为2019年数据)."""
    last = max(table.row_lines, default=table.line)
    items = list(plan.preface)
    for chapter in plan.chapters:
        items += chapter.items
        for section in chapter.sections:
            items += section.items
    # The last row spans a line per cell in a text export: the note is the first paragraph after it.
    reach = last + 2 * len(table.header) + 4
    following = sorted((item for item in items if last < item.line <= reach), key=lambda item: item.line)
    if following and following[0].text.lstrip().startswith(("注", "说明", "备注")):
        return following[0].text
    return None


def column_warnings(table: Table, columns: _Columns) -> list[str]:
    """Header cells of the main table that no column rule understood, and columns it cannot do without."""
    used = {
        columns.number,
        columns.category,
        columns.name,
        columns.unit,
        columns.attribute,
        columns.target,
        columns.base,
        columns.period,
    }
    warnings = [
        f"第{table.line}行：主要指标表的“{cell}”列未能识别，已忽略"
        for index, cell in enumerate(table.header)
        if cell and index not in used and not re.search(r"备注|说明|来源|责任|(?:19|20)\d{2}", cell)
    ]
    if columns.name is None:
        warnings.append(f"第{table.line}行：主要指标表没有“指标”列，无法读取指标名称")
    if columns.target is None and columns.period is None:
        warnings.append(f"第{table.line}行：主要指标表没有目标值列（如“2025年目标”），目标值未能读取")
    return warnings


def indicators_from_table(table: Table, plan: Plan) -> list[Indicator]:
    columns = find_columns(table.header, plan.period_end)
    target_year = columns.target_year or plan.period_end
    base_year = columns.base_year or plan.period_start - 1
    note = table_note(plan, table)
    stated = _STARRED_YEAR.search(note) if note else None
    starred_year = int(stated.group(1)) if stated else None
    indicators: list[Indicator] = []
    relative_texts: list[tuple[Indicator, str]] = []
    shared_unit = header_unit(table) or ""
    for index, row in enumerate(table.rows):
        row = _aligned(row, len(table.header), columns)
        line = table.row_lines[index] if index < len(table.row_lines) else table.line
        name, written_number = clean_name(_cell(row, columns.name))
        name, unit = split_name_unit(name, _NAME_MARKS.sub("", _cell(row, columns.unit)))
        unit = unit or shared_unit
        if not name or _is_header_like(name, row):
            continue
        target_text = clean_target(_cell(row, columns.target))
        from_period = False
        if (not target_text or target_text in ("—", "-", "——")) and columns.period is not None:
            target_text, from_period = clean_target(_cell(row, columns.period)), True
        baseline = (
            _baseline(clean_target(_cell(row, columns.base)), base_year, line, starred_year)
            if columns.base is not None
            else None
        )
        period_header = _cell(table.header, columns.period) if from_period else ""
        kind = classify(
            name, unit, target_text, from_period, baseline.value if baseline else None, period_header
        )
        direction = direction_of(name, target_text, kind)
        value, comparator = None, None
        cumulative = _CUMULATIVE.match(target_text.replace(" ", ""))
        # the commitment's number: `>7、力争…` → 7, `6%左右，力争7%` → 6, `每年不低于1.5` → 1.5
        committed = _target_number(target_text)
        if cumulative:
            value, comparator = float(cumulative.group(1)), ">="
        elif committed is not None and kind not in ("qualitative", "compound"):
            value, comparator = committed, _comparator(target_text, direction)
        elif kind == "allocation":
            comparator = "<=" if direction == "down" else ">="
        number_text = _cell(row, columns.number) or written_number
        indicator = Indicator(
            number=int(_number(number_text)) if _number(number_text) else len(indicators) + 1,
            name=name,
            unit=unit,
            attribute=attribute_of(_cell(row, columns.attribute)),
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


def attribute_of(cell: str) -> str:
    """The attribute the 属性 cell states (约束性 / 预期性); an empty or other cell states none: "unstated"."""
    if "约束" in cell:
        return "binding"
    if "预期" in cell:
        return "expected"
    return UNSTATED


def attribute_warnings(indicators: list[Indicator], table: Table) -> list[str]:
    """A reader warning per indicator whose attribute the plan does not state, for the office to set it; one for the
    whole table when it states none (a table without a 属性 column), not the same line for every row."""
    unstated = [indicator for indicator in indicators if indicator.attribute == UNSTATED]
    if len(unstated) > 1 and len(unstated) == len(indicators):
        return [
            f"第{table.line}行：主要指标表未标明属性（预期性/约束性），{len(unstated)}项指标均请在指标核对页按纲要确认"
        ]
    return [
        f"第{indicator.line or table.line}行：指标“{indicator.name}”未标明属性（预期性/约束性），"
        "请在指标核对页按纲要确认"
        for indicator in unstated
    ]


def _aligned(row: list[str], width: int, columns: _Columns) -> list[str]:
    """A short row whose last cell is its attribute (预期性/约束性) lost value cells, not its attribute: the
    missing cells are taken to be the first value columns (the base values), so the target stays a target."""
    if not row or len(row) >= width or columns.attribute != width - 1:
        return row
    if not row[-1].startswith(("预期性", "约束性")):
        return row
    leading = [i for i in (columns.number, columns.category, columns.name, columns.unit) if i is not None]
    at = max(leading) + 1 if leading else 1
    return row[:at] + [""] * (width - len(row)) + row[at:]


def _is_header_like(name: str, row: list[str]) -> bool:
    """A header row repeated inside the table (after a page break), or a note row (注：①…)."""
    return (
        name in ("指标", "指标名称")
        or name.startswith(("注：", "注:", "说明："))
        and len([cell for cell in row if cell]) == 1
    )


def _main_score(table: Table, period_end: int) -> tuple:
    """Content decides: an attribute column (属性), columns that reach the plan's last year (not a table of
    how the last plan ended), a 主要指标 caption, then the number of rows."""
    header = "".join(table.header)
    attributes = sum(1 for row in table.rows if any(c.startswith(("预期性", "约束性")) for c in row))
    caption = table.caption or ""
    end = table_end_year(table)
    return (
        "属性" in header or attributes > 0,
        end in (None, period_end),
        "主要指标" in caption,
        len(table.rows),
    )


def main_indicator_table(plan: Plan) -> Table | None:
    tables = [t for t in plan.tables if t.kind == "indicators"]
    return max(tables, key=lambda t: _main_score(t, plan.period_end)) if tables else None


def extract_indicators(plan: Plan) -> list[Indicator]:
    """The indicators of the plan's main table; rows that disagree with its header become warnings."""
    table = main_indicator_table(plan)
    if not table:
        return []
    found = table_warnings(table) + column_warnings(table, find_columns(table.header, plan.period_end))
    indicators = indicators_from_table(table, plan)
    found += attribute_warnings(indicators, table)
    plan.warnings.extend(w for w in found if w not in plan.warnings)
    return indicators
