"""The plan as the rest of the system sees it: plain dataclasses, each element with its source line."""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.vocabulary import ATTRIBUTE_ZH, KIND_ZH, KINDS  # noqa: F401  (the glossary, re-exported)


@dataclass
class Item:
    """A task or paragraph of a section; `title` is its lead phrase when it has one."""

    title: str | None
    text: str
    line: int


@dataclass
class Section:
    number: str  # as written: 一, 二 … at level 1; 1, 2 … at level 2
    level: int
    title: str
    line: int
    items: list[Item] = field(default_factory=list)


@dataclass
class Chapter:
    number: int
    title: str
    line: int
    sections: list[Section] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)  # paragraphs before the first section


@dataclass
class PlanPart:
    """A 第X篇 grouping of chapters; chapter numbers run on across parts."""

    number: int
    title: str
    line: int
    chapters: list[int] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)  # paragraphs before the part's first chapter


@dataclass
class Annex:
    """附件, 附表 or 名词解释 after the last chapter, with its paragraphs."""

    title: str
    line: int
    items: list[Item] = field(default_factory=list)


@dataclass
class Footnote:
    number: int
    term: str
    definition: str
    line: int


@dataclass
class Table:
    caption: str | None
    kind: str  # "indicators" | "projects" | "other"
    header: list[str]
    rows: list[list[str]]
    line: int
    chapter: int | None = None
    row_lines: list[int] = field(default_factory=list)


@dataclass
class Box:
    title: str
    text: str
    line: int
    number: int | None = None  # 专栏N, when the box is numbered
    chapter: int | None = None


@dataclass
class Figure:
    caption: str
    line: int
    number: int | None = None
    chapter: int | None = None


@dataclass
class TargetValue:
    value: float | None
    comparator: str | None  # ">=", "<=", "=", "~" or None


@dataclass
class Part:
    """One target of a compound indicator cell, e.g. 上市 70 of `70/500（25）`."""

    name: str
    value: float
    comparator: str


@dataclass
class Baseline:
    value: float
    year: int
    line: int | None
    quote: str | None = None
    confidence: float | None = None
    unit: str | None = None


@dataclass
class Indicator:
    """A row of the plan's main indicator table (主要指标)."""

    number: int
    name: str
    unit: str
    attribute: str  # "expected" | "binding" | "unstated" (the plan does not say)
    kind: str  # one of KINDS
    target_text: str
    target_year: int
    target: TargetValue
    parts: list[Part] = field(default_factory=list)
    baseline: Baseline | None = None
    direction: str | None = None  # "up" | "down": which way the value should move
    category: str | None = None  # a category column (经济发展, 民生福祉 …) when the table has one
    base_year: int | None = None
    reference: int | None = None  # for relative targets: the number of the indicator compared against
    line: int | None = None


@dataclass
class Plan:
    title: str
    period_start: int
    period_end: int
    chapters: list[Chapter] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    preface: list[Item] = field(default_factory=list)  # paragraphs before the first chapter
    warnings: list[str] = field(default_factory=list)  # things a planner should look at; never fatal
    parts: list[PlanPart] = field(default_factory=list)  # 第X篇, when the plan has them
    annexes: list[Annex] = field(default_factory=list)
    line_pages: list[int] = field(default_factory=list)  # for a PDF: the page of each source line
    targets: list = field(default_factory=list)  # planwatch.extract targets (each has .to_json())
    baselines: list = field(default_factory=list)  # planwatch.extract baseline facts

    @property
    def base_year(self) -> int:
        return self.period_start - 1
