"""The report as plain data: a title page and a sequence of blocks that every writer renders the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.vocabulary import REPORT_KIND_ZH as KIND_ZH

KINDS = tuple(KIND_ZH)
# The mark put on every illustrative (示例数据) value, and the note that explains it.
ILLUSTRATIVE_MARK = "※"
ILLUSTRATIVE_NOTE = "标注“※”的数值为示例数据（来源“示例数据”），仅用于演示系统功能，不是官方统计数据。"
PENDING = "（待填写）"


@dataclass
class Heading:
    level: int  # 1: 一、 (黑体)  2: （一） (楷体)  3: 1. (仿宋 bold)
    text: str


@dataclass
class Paragraph:
    text: str
    role: str = "body"  # "body" | "detail" (long runs of figures: ragged right) | "note" | "pending"
    lead: str | None = None  # a bold lead phrase printed before the text


@dataclass
class Table:
    key: str  # "indicators" | "observations" | "projects" | "tasks" | …: what the Excel writer looks for
    caption: str
    header: list[str]
    rows: list[list[str]]
    widths: list[float]  # relative column widths (they are scaled to the text width)
    note: str | None = None
    align: str = ""  # one letter per column: l(eft), c(entre), r(ight); columns beyond it are left-aligned
    sheet: str | None = None  # the Excel sheet name; None keeps the table out of the workbook
    values: list[list] | None = None  # typed cell values for Excel (numbers stay numbers); None uses `rows`
    sheet_header: list[str] | None = None  # the header of `values` when it differs from `header`
    printed: bool = True  # False: in the Excel workbook only (raw observations), not in the document


@dataclass(frozen=True)
class Marked:
    """A typed workbook value that is not an approved, sourced figure: Excel shows it with ※ (number format)."""

    value: object


@dataclass
class Chart:
    key: str
    caption: str
    png: bytes
    width_cm: float
    height_cm: float


@dataclass
class ChartGrid:
    """Charts laid out `columns` to a row."""

    charts: list[Chart]
    columns: int = 1


@dataclass
class PageBreak:
    pass


Block = Heading | Paragraph | Table | ChartGrid | PageBreak


TITLE_LINE = 20  # characters of 二号 type on a line of the 156 mm text width
# Where a plan's name may break: before 第…个五年规划 / “十…五” and after 和 (e.g. 规划和|二〇三五年远景目标纲要).
_TITLE_BREAKS = (re.compile(r"(?=第[一二三四五六七八九十]+个五年)"), re.compile(r"(?=“十[一二三四五六七八九十]+五”)"),
                 re.compile(r"(?<=和)"))  # fmt: skip


def _break_name(text: str) -> list[str]:
    if len(text) <= TITLE_LINE:
        return [text]
    middle = len(text) / 2
    for pattern in _TITLE_BREAKS:
        cuts = [m.start() for m in pattern.finditer(text) if 4 <= m.start() <= len(text) - 4]
        if cuts:
            cut = min(cuts, key=lambda c: abs(c - middle))
            return [*_break_name(text[:cut]), *_break_name(text[cut:])]
    return [text]  # no natural break: leave it to the typesetter


def title_lines(title: str) -> list[str]:
    """The cover title in lines that break between words, never inside one: the plan's 《name》 on its own lines
    (broken before 第…个五年 or after 和), the kind of report on the next."""
    parts = [part for part in re.split(r"(?<=》)", title) if part]
    return [line for part in parts for line in _break_name(part)]


@dataclass
class TitlePage:
    title: str  # the report's full title
    subtitle: str | None  # e.g. （2023年）
    issuer: str | None
    date_line: str
    notices: list[str] = field(default_factory=list)  # e.g. the illustrative-data line
    doc_number: str | None = None  # 发文字号, e.g. 松发改〔2024〕12号

    @property
    def title_lines(self) -> list[str]:
        return title_lines(self.title)


@dataclass
class Report:
    kind: str
    year: int
    title_page: TitlePage
    blocks: list[Block] = field(default_factory=list)
    summary: str = ""  # the 总体情况 paragraph, also given to the workbook
    illustrative: bool = False
    unwritten: list[str] = field(default_factory=list)  # the office's parts still to write: a draft while any

    @property
    def running_header(self) -> str:
        """The line printed at the top of every page of a report that holds illustrative values."""
        return f"本报告含示例数据（标注{ILLUSTRATIVE_MARK}），不是官方统计数据" if self.illustrative else ""

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables() if table.key == key), None)
