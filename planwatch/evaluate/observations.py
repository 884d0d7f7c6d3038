"""Observations (监测值) read from CSV or .xlsx in the INTERFACES.md §2 format, every row validated.

Each problem names the file, the row and the column. `check_observations` collects all problems (for an
upload page that shows every bad row); `read_observations` raises the first.
"""

from __future__ import annotations

import csv
import difflib
import io
import logging
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from planwatch.errors import ObservationError
from planwatch.evaluate import standards
from planwatch.evaluate.plausibility import impossible
from planwatch.evaluate.units import conversion_factor, normalize
from planwatch.evaluate.values import Reading, ValueProblem, percent_problem, read_value
from planwatch.evaluate.values import shown as _shown
from planwatch.plan.model import Indicator, Plan
from planwatch.vocabulary import MEASURE_ZH, MEASURES, OBSERVATION_COLUMN_ZH

# A measure may be written as its code or its Chinese label (the Excel template's drop-down).
_MEASURE_BY_TEXT = {code: code for code in MEASURES} | {label: code for code, label in MEASURE_ZH.items()}
RATE_MEASURES = ("growth_rate", "reduction_rate")
# `series` of a growth rate: real growth (at comparable prices) or nominal growth (INTERFACES.md §2).
GROWTH_BASES = {
    "实际": "实际",
    "实际增长": "实际",
    "可比价": "实际",
    "名义": "名义",
    "名义增长": "名义",
    "现价": "名义",
}
ILLUSTRATIVE = "示例数据"  # the source of generated demo values, never to be shown as published
# What an explanation built from illustrative values ends with (a report states it once and marks with ※).
ILLUSTRATIVE_CAVEAT = "（所用数据含示例数据，非公开发布数值。）"

# Column names as written in the file (English per INTERFACES.md §2, or the Chinese a template may use).
_COLUMNS = {
    "indicator": ("indicator", "指标", "指标名称", "指标序号", "序号"),
    "year": ("year", "年份", "年度"),
    "value": ("value", "数值", "监测值", "值"),
    "measure": ("measure", "计量方式", "类型"),
    "series": ("series", "分项", "系列", "污染物"),
    "unit": ("unit", "单位"),
    "source": ("source", "来源", "数据来源"),
    "note": ("note", "备注", "说明"),
    "vintage": ("vintage", "数据版本", "版本日期"),
    "definition_change": ("definition_change", "口径调整"),
    "definition": ("definition", "统计口径"),
}
_REQUIRED = ("indicator", "year", "value")
# Limits on an observations file: a district's monitoring data is a few thousand rows, well under 1 MB.
log = logging.getLogger(__name__)
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
# Larger than any statistic in a plan's units (national GDP is about 1.3e14 元); larger values overflow projections.
MAX_ABS_VALUE = 1e15
_TRUE = frozenset(["1", "true", "yes", "y", "是", "√", "有", "x"])
_FALSE = frozenset(["", "0", "false", "no", "n", "否", "无"])


@dataclass(slots=True)
class Observation:
    """A value of an indicator (or one of its parts/series) for a year, with where it came from.

    Treated as read-only once read (not frozen only because frozen dataclasses are slow to build in bulk)."""

    indicator: int
    year: int
    value: float
    measure: str = "level"
    series: str | None = None
    unit: str | None = None  # the indicator's unit after any conversion
    source: str | None = None
    note: str | None = None
    vintage: date | None = None
    definition_change: bool = False  # 统计口径调整 from this observation on
    conversion: str | None = None  # e.g. "59500元 → 5.95万元"
    row: int | None = None
    path: str | None = None
    definition: str | None = None  # a label of the statistical definition (统计口径), e.g. "2024年修订口径"

    @property
    def illustrative(self) -> bool:
        return self.source == ILLUSTRATIVE


class Observations:
    """All observations of a plan, indexed by indicator, measure and series; revisions kept as vintages."""

    def __init__(self, rows: Iterable[Observation] = (), path: str | None = None):
        self.rows: list[Observation] = list(rows)
        self.path = path
        self._history: dict[tuple[int, str, str | None], dict[int, list[Observation]]] = {}
        for row in self.rows:
            years = self._history.setdefault((row.indicator, row.measure, row.series), {})
            years.setdefault(row.year, []).append(row)
        self._latest: dict[tuple[int, str, str | None], dict[int, Observation]] = {}
        # Observations used from another definition than the one preferred for their series: id → preferred.
        self.breaks: dict[int, str | None] = {}
        # Series where one definition was preferred over another: key → (preferred, the others).
        self.preferred: dict[tuple[int, str, str | None], tuple[str | None, list[str | None]]] = {}
        for key, years in self._history.items():
            for vintages in years.values():
                vintages.sort(key=lambda o: (o.vintage or date.min, o.row or 0))
            self._latest[key] = self._pick(key, years)
        # Observations whose verdict needs a note: converted, revised, or after a change of definition.
        self.flagged = {id(row) for row in self.rows if row.conversion or row.definition_change}
        self.flagged.update(self.breaks)
        for years in self._history.values():
            for vintages in years.values():
                if len(vintages) > 1:
                    self.flagged.add(id(vintages[-1]))

    def _pick(self, key: tuple, years: dict[int, list[Observation]]) -> dict[int, Observation]:
        """Each year's latest vintage, of one statistical definition where the series has several: the one
        covering most years (the newest on a tie), another only for a year it lacks (and then marked)."""
        definitions = {o.definition for vintages in years.values() for o in vintages}
        if len(definitions) <= 1:
            return {year: years[year][-1] for year in sorted(years)}

        def rank(label: str | None) -> tuple[int, date, int]:
            rows = [o for vintages in years.values() for o in vintages if o.definition == label]
            newest = max(rows, key=lambda o: (o.vintage or date.min, o.row or 0))
            return len({o.year for o in rows}), newest.vintage or date.min, newest.row or 0

        preferred = max(definitions, key=rank)
        self.preferred[key] = (preferred, sorted((d for d in definitions if d != preferred), key=str))
        chosen = {}
        for year in sorted(years):
            same = [o for o in years[year] if o.definition == preferred]
            chosen[year] = same[-1] if same else years[year][-1]
            if not same:
                self.breaks[id(chosen[year])] = preferred
        return chosen

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Observation]:
        return iter(self.rows)

    def series(
        self, indicator: int, measure: str = "level", series: str | None = None
    ) -> dict[int, Observation]:
        """Year → the latest vintage of that year's observation, in year order."""
        return self._latest.get((indicator, measure, series), {})

    def history(self, indicator: int, measure: str, series: str | None, year: int) -> list[Observation]:
        """Every vintage of one year's observation, oldest first."""
        return self._history.get((indicator, measure, series), {}).get(year, [])

    def series_names(self, indicator: int, measure: str = "level") -> list[str]:
        return sorted(
            {key[2] for key in self._latest if key[0] == indicator and key[1] == measure and key[2]}
        )

    def has(self, indicator: int) -> bool:
        return any(key[0] == indicator for key in self._latest)


def expected_unit(indicator: Indicator, measure: str, series: str | None) -> str | None:
    """The unit a row must be in (after conversion); None when the row's unit is not checked."""
    if measure in RATE_MEASURES:
        return "%"
    if indicator.kind == "standard" and series in standards.GB3095_2012:
        return standards.GB3095_2012[series].unit
    if indicator.kind == "annual_growth_rate":
        # level rows are the aggregate itself (e.g. GDP in 亿元); allocation rows are yearly growth targets
        return "%" if measure == "allocation" else None
    return normalize(indicator.unit) or None


class _Record:
    """One row's cells looked up by column name; a column the file lacks reads as empty."""

    __slots__ = ("cells", "columns")

    def __init__(self, cells: list, columns: dict[str, int]):
        self.cells = cells
        self.columns = columns

    def get(self, name: str) -> object:
        index = self.columns.get(name)
        return self.cells[index] if index is not None and index < len(self.cells) else None


class _Reader:
    """Validates rows against a plan; every problem is kept with its row and column."""

    def __init__(self, plan: Plan, path: str | None):
        self.plan = plan
        self.path = path
        self.by_number = {indicator.number: indicator for indicator in plan.indicators}
        self.by_name = {"".join(indicator.name.split()): indicator for indicator in plan.indicators}
        # The name without footnote marks and without a trailing unit in parentheses (§6); an ambiguous one
        # (two indicators alike once marks and units are gone) is left to the exact name or the number.
        plain: dict[str, list[Indicator]] = {}
        for indicator in plan.indicators:
            for key in {plain_name(indicator.name), plain_name(indicator.name, indicator.unit)}:
                plain.setdefault(key, []).append(indicator)
        self.by_plain_name = {
            key: found[0] for key, found in plain.items() if len({i.number for i in found}) == 1
        }
        self.problems: list[ObservationError] = []
        self.seen: dict[tuple, int] = {}
        self.lookups: dict[str, Indicator] = {}
        self.ranges = {indicator.number: year_range(indicator, plan) for indicator in plan.indicators}

    def problem(self, message: str, row: int | None, column: str | None) -> None:
        self.problems.append(ObservationError(message, path=self.path, row=row, column=column))

    def read(self, header: list[str], records: Iterable[tuple[int, list]]) -> list[Observation]:
        columns = self._columns(header)
        if columns is None:
            return []
        observations = []
        for row_number, cells in records:
            if all(_text(cell) == "" for cell in cells):
                continue
            observation = self._row(row_number, _Record(cells, columns))
            if observation is not None:
                observations.append(observation)
        return observations

    def _columns(self, header: list[str]) -> dict[str, int] | None:
        found = find_columns(header)
        missing = [column for column in _REQUIRED if column not in found]
        for column in missing:
            self.problem(f"表头缺少必填列“{OBSERVATION_COLUMN_ZH[column]}”（或 {column}）", 1, column)
        return None if missing else found

    def _row(self, row: int, record: _Record) -> Observation | None:
        before = len(self.problems)
        indicator = self._indicator(row, record.get("indicator"))
        year = self._year(row, record.get("year"), indicator)
        reading = self._value(row, record.get("value"))
        unit_text = _text(record.get("unit")) or ("%" if reading is not None and reading.percent else "")
        measure = self._measure(row, record.get("measure"), unit_text, indicator)
        series = self._series(row, record.get("series"), indicator, measure)
        vintage = self._vintage(row, record.get("vintage"))
        definition_change = self._flag(row, record.get("definition_change"))
        definition = _text(record.get("definition")) or None
        if len(self.problems) > before:
            return None
        if reading.percent:
            wanted = expected_unit(indicator, measure, series) or normalize(indicator.unit)
            if wanted != "%" or normalize(unit_text) != "%":
                self.problem(percent_problem(record.get("value"), wanted), row, "value")
                return None
        converted = self._unit(row, reading.value, measure, series, unit_text, indicator)
        if converted is None:
            return None
        value, unit, conversion = converted
        if not self._plausible(row, value, measure, unit, indicator):
            return None
        observation = Observation(
            indicator.number,
            year,
            value,
            measure,
            series,
            unit,
            _text(record.get("source")) or None,
            _text(record.get("note")) or None,
            vintage,
            definition_change,
            conversion,
            row,
            self.path,
            definition,
        )
        key = (observation.indicator, year, measure, series, vintage, definition)
        if key in self.seen:
            what = f"指标{indicator.number}，{year}年，{MEASURE_ZH[measure]}" + (
                f"，分项{series}" if series else ""
            )
            self.problem(
                f"与第{self.seen[key]}行重复（{what}）：修订值请填写不同的数据版本",
                row,
                "indicator",
            )
            return None
        self.seen[key] = row
        return observation

    def _plausible(
        self, row: int, value: float, measure: str, unit: str | None, indicator: Indicator
    ) -> bool:
        """Refuse what no statistic can be, and what would overflow the evaluation's powers and projections."""
        if abs(value) > MAX_ABS_VALUE:
            self.problem(
                f"数值{value:g}大得不合常理（超过{MAX_ABS_VALUE:g}{unit or ''}）：请检查单位",
                row,
                "value",
            )
            return False
        if measure == "growth_rate" and value <= -100:
            self.problem(f"年增长{value:g}%不可能：任何量都不会下降100%或更多", row, "value")
            return False
        reason = impossible(
            value, kind=indicator.kind, name=indicator.name, unit=unit or indicator.unit, measure=measure
        )
        if reason:
            self.problem(reason, row, "value")
            return False
        return True

    def _indicator(self, row: int, cell: object) -> Indicator | None:
        text = _text(cell)
        known = self.lookups.get(text)
        if known is not None:
            return known
        if not text:
            self.problem("指标为空", row, "indicator")
            return None
        number = _integer(text)
        if number is not None:
            indicator = self.by_number.get(number)
        else:
            indicator = self.by_name.get("".join(text.split())) or self.by_plain_name.get(plain_name(text))
        if indicator is not None:
            self.lookups[text] = indicator
        else:
            closest = difflib.get_close_matches(plain_name(text), list(self.by_plain_name), n=3, cutoff=0.3)
            offered = (
                "；最接近的名称：" + "、".join(self.by_plain_name[c].name for c in closest) if closest else ""
            )
            self.problem(
                f"未知指标{_shown(text)}：不是本规划主要指标表中的序号或准确名称{offered}",
                row,
                "indicator",
            )
        return indicator

    def _year(self, row: int, cell: object, indicator: Indicator | None) -> int | None:
        text = _text(cell).removesuffix("年")
        year = _integer(text)
        if year is None:
            self.problem(f"{_shown(text)}不是年份，应为四位数字", row, "year")
            return None
        if indicator is not None:
            first, last = self.ranges[indicator.number]
            if not first <= year <= last:
                self.problem(
                    f"{year}年不在指标{indicator.number}的基期{first}年至目标年{last}年之内",
                    row,
                    "year",
                )
        return year

    def _value(self, row: int, cell: object) -> Reading | None:
        try:
            return read_value(cell)
        except ValueProblem as problem:
            self.problem(str(problem), row, "value")
            return None

    def _measure(self, row: int, cell: object, unit: str, indicator: Indicator | None) -> str | None:
        text = _text(cell)
        if not text:
            # A bare percentage on a growth-rate indicator is its yearly rate; a level there is the aggregate.
            if (
                indicator is not None
                and indicator.kind == "annual_growth_rate"
                and normalize(unit) in ("", "%")
            ):
                return "growth_rate"
            return "level"
        measure = _MEASURE_BY_TEXT.get(text) or _MEASURE_BY_TEXT.get(text.lower())
        if measure is None:
            choices = "、".join(f"{label}（{code}）" for code, label in MEASURE_ZH.items())
            self.problem(f"计量方式{_shown(text)}不是可选值：{choices}", row, "measure")
        return measure

    def _series(self, row: int, cell: object, indicator: Indicator | None, measure: str | None) -> str | None:
        text = _text(cell)
        if not text or indicator is None:
            return text or None
        basis = GROWTH_BASES.get("".join(text.split()))
        if basis is not None and measure == "growth_rate":
            return basis  # real (可比价) or nominal growth, compared like with like by relative targets
        if indicator.kind == "standard":
            code = standards.pollutant_code(text)
            if code is None:
                self.problem(
                    f"分项{_shown(text)}不是 GB 3095-2012 的污染物（{'、'.join(standards.GB3095_2012)}）",
                    row,
                    "series",
                )
            return code
        if indicator.parts:
            names = {"".join(part.name.split()): part.name for part in indicator.parts}
            if "".join(text.split()) not in names:
                self.problem(
                    f"分项{_shown(text)}不是指标{indicator.number}的分项（{'、'.join(names.values())}）",
                    row,
                    "series",
                )
                return None
            return names["".join(text.split())]
        self.problem(f"指标{indicator.number}没有分项，“分项”列请留空", row, "series")
        return None

    def _vintage(self, row: int, cell: object) -> date | None:
        if isinstance(cell, datetime):
            return cell.date()
        if isinstance(cell, date):
            return cell
        text = _text(cell)
        if not text:
            return None
        match = re.fullmatch(r"(\d{4})(?:[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?)?", text)
        try:
            if match:
                return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
        except ValueError:
            pass
        self.problem(f"数据版本{_shown(text)}不是日期（YYYY-MM-DD）", row, "vintage")
        return None

    def _flag(self, row: int, cell: object) -> bool:
        text = _text(cell).lower()
        if text in _TRUE:
            return True
        if text not in _FALSE:
            self.problem(f"口径调整{_shown(text)}应为是或否（1/0）", row, "definition_change")
        return False

    def _unit(
        self, row: int, value: float, measure: str, series: str | None, unit: str, indicator: Indicator
    ) -> tuple[float, str | None, str | None] | None:
        """(value in the indicator's unit, that unit, the conversion note) or None with the problem kept."""
        wanted = expected_unit(indicator, measure, series)
        given = normalize(unit)
        if not given or wanted is None:
            return value, wanted or given or None, None
        factor = conversion_factor(given, wanted)
        if factor is None:
            self.problem(
                f"单位{_shown(unit)}与指标{indicator.number}的单位“{wanted}”（{MEASURE_ZH[measure]}）不符，"
                "且没有已知的换算",
                row,
                "unit",
            )
            return None
        if factor == 1.0:
            return value, wanted, None
        converted = value * factor
        if not math.isfinite(converted):
            self.problem(f"数值{value:g}{given}换算为{wanted}后超出范围", row, "value")
            return None
        return converted, wanted, f"单位换算：{_number(value)}{given} → {_number(converted)}{wanted}"


_FOOTNOTE_MARKS = re.compile(r"\[footnoteRef:\d+\]|[\[［【]\s*\d{1,3}\s*[\]］】]|[①-⑳]|[¹²³⁰-⁹]+|\*")
_TRAILING_PAREN = re.compile(r"[（(]([^（）()]{1,12})[）)]$")
_UNIT_LIKE = re.compile(
    r"^(%|％|‰|[万亿千百]?[元人户家个件所项吨亩米岁年天]|.*[/／].*|.*平方.*|.*立方.*|.*公里.*|.*标准煤.*)$"
)


def plain_name(name: str, unit: str | None = None) -> str:
    """An indicator name without spaces, footnote marks ([1], ①, *) and a trailing unit in parentheses."""
    text = _FOOTNOTE_MARKS.sub("", "".join(name.split()))
    paren = _TRAILING_PAREN.search(text)
    if paren and (_UNIT_LIKE.match(paren.group(1)) or unit and paren.group(1) == "".join(unit.split())):
        text = text[: paren.start()]
    return text


def find_columns(header: list) -> dict[str, int]:
    """Column name (indicator, year, value, …) → its position in a header row, as the file spells it."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = _text(cell).lstrip("\ufeff").lower()  # a BOM left by a file joined to another
        for column, spellings in _COLUMNS.items():
            if name in spellings and column not in found:
                found[column] = index
    return found


def year_range(indicator: Indicator, plan: Plan) -> tuple[int, int]:
    """Years an observation of the indicator may have: its base year (or earlier `*` baseline) to its target year."""
    first = indicator.base_year if indicator.base_year is not None else plan.base_year
    if indicator.baseline is not None:
        first = min(first, indicator.baseline.year)
    return first, max(indicator.target_year, first)


def check_observation_rows(
    header: list[str], records: Iterable[tuple[int, list]], plan: Plan, path: str | None = None
) -> tuple[Observations, list[ObservationError]]:
    """Validate rows already split into cells (row numbers as the user sees them); collect every problem."""
    reader = _Reader(plan, path)
    observations = reader.read(header, records)
    return Observations(observations, path), reader.problems


def check_observations(path: str | Path, plan: Plan) -> tuple[Observations, list[ObservationError]]:
    """Read a CSV or .xlsx file; return the valid observations and every problem found (none dropped silently)."""
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt", ""):
        return Observations([], name), [
            ObservationError(f"不支持的文件类型“{path.suffix}”：请使用 .csv 或 .xlsx", path=name)
        ]
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ObservationError(
                f"文件有{size / (1024 * 1024):.1f} MB，超过{MAX_FILE_BYTES // (1024 * 1024)} MB 的上限：请拆分"
            )
        header, records = _xlsx_rows(path) if suffix in (".xlsx", ".xlsm") else _csv_rows(_csv_bytes(path))
    except ObservationError as error:
        return Observations([], name), [
            ObservationError(error.reason, path=name, row=error.row, column=error.column)
        ]
    if header is None:
        return Observations([], name), [ObservationError("文件是空的：没有表头行", path=name, row=1)]
    return check_observation_rows(header, records, plan, name)


def read_observations(path: str | Path, plan: Plan) -> Observations:
    """Read and validate an observations file; raise ObservationError naming the first bad row."""
    observations, problems = check_observations(path, plan)
    if problems:
        raise problems[0]
    return observations


def _csv_bytes(path: Path) -> bytes:
    """The file's bytes, its size checked while reading (a device or pipe reports none)."""
    from planwatch.document.decode import read_limited
    from planwatch.errors import PlanFormatError

    try:
        return read_limited(path, MAX_FILE_BYTES)
    except PlanFormatError as error:
        raise ObservationError(error.reason) from None


def _decode_csv(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's Unicode text), else GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ObservationError(f"文件不是有效的 UTF-16 文本（{error.reason}）") from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        kind = "是否把 .xlsx 工作簿命名成了 .csv？" if data.startswith(b"PK\x03\x04") else "不是 CSV 文件"
        raise ObservationError(f"二进制数据（NUL 字节）：{kind}", row=line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise ObservationError(
                "文件既不是 UTF-8 也不是 GB18030 文本（请将 CSV 另存为 UTF-8）", row=line
            ) from None


def _csv_rows(data: bytes) -> tuple[list[str] | None, list[tuple[int, list]]]:
    text = _decode_csv(data)
    first_line = text.split("\n", 1)[0]
    # Excel saves "Unicode text" as UTF-16 with tabs between cells.
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            if len(rows) > MAX_ROWS:
                raise ObservationError(f"超过{MAX_ROWS:,}行：请拆分文件", row=reader.line_num)
            rows.append(cells)
    except csv.Error as error:
        raise ObservationError(f"无法读取的 CSV 行：{error}", row=reader.line_num) from None
    unclosed = _unclosed_quote_row(text, delimiter)
    if unclosed is not None:
        raise ObservationError(
            "引号未闭合：此行开始的带引号单元格一直延续到文件末尾，请检查引号", row=unclosed
        )
    if not rows:
        return None, []
    return rows[0], [(index, cells) for index, cells in enumerate(rows[1:], start=2)]


def _unclosed_quote_row(text: str, delimiter: str) -> int | None:
    """The line where a quoted cell opens and is never closed (csv.reader silently runs it to the end)."""
    state, line, opened = "start", 1, 0
    for character in text:
        ends_field = character in (delimiter, "\n", "\r")
        if state == "quoted":
            state = "quote" if character == '"' else "quoted"
        elif state == "quote":  # after a quote inside a quoted cell: "" is one quote, else the cell closed
            state = "quoted" if character == '"' else "start" if ends_field else "plain"
        elif character == '"' and state == "start":
            state, opened = "quoted", line
        else:
            state = "start" if ends_field else "plain"
        line += character == "\n"
    return opened if state == "quoted" else None


def _xlsx_rows(path: Path) -> tuple[list[str] | None, list[tuple[int, list]]]:
    from planwatch.document.spreadsheet import SpreadsheetError, iter_xlsx_rows
    from planwatch.errors import PlanFormatError

    try:
        # Streamed under row, column and cell caps; zip bombs and XML entities are refused before any row.
        rows = list(iter_xlsx_rows(str(path), name=str(path), max_rows=MAX_ROWS, kind="spreadsheet (.xlsx)"))
    except PlanFormatError as error:
        raise ObservationError(f"无法读取工作簿：{error.reason}") from None
    except SpreadsheetError as error:
        raise ObservationError(f"无法读取工作簿：{error.reason}", row=error.row) from None
    if not rows:
        return None, []
    return [_text(cell) for cell in rows[0][1]], rows[1:]


def _text(cell: object) -> str:
    if type(cell) is str:
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, int) and not -(10**18) < cell < 10**18:
        digits = len(str(abs(cell))) if cell.bit_length() < 10_000 else int(cell.bit_length() * 0.30103) + 1
        return f"{'-' if cell < 0 else ''}({digits}-digit number)"  # str() of over 4,300 digits raises
    return str(cell).strip()


def _integer(text: str) -> int | None:
    if len(text) > 18:
        return None  # no indicator number or year is that long; int() of thousands of digits raises
    if text.isascii() and text.isdigit():
        return int(text)
    if re.fullmatch(r"\d+(?:\.0+)?", text):
        return int(float(text))
    return None


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")
