"""The report as plain data: a title page and a sequence of blocks that every writer renders the same way."""

from __future__ import annotations

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


@dataclass
class TitlePage:
    title: str  # the report's full title
    subtitle: str | None  # e.g. （2023年）
    issuer: str | None
    date_line: str
    notices: list[str] = field(default_factory=list)  # e.g. the illustrative-data line


@dataclass
class Report:
    kind: str
    year: int
    title_page: TitlePage
    blocks: list[Block] = field(default_factory=list)
    summary: str = ""  # the 总体情况 paragraph, also given to the workbook
    illustrative: bool = False

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables() if table.key == key), None)
