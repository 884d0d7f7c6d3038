"""Project and task tables (表1 重点项目, 表2/表3 重点任务) as records the project library can hold.

A table with a description column (项目基本情况) lists projects: name, status category (在建/新引进/在谈),
investment in 亿元 (总投资 vs 首期/一期 noted), land in 亩, location (位于…), dates. A table whose rows are
sentences under a category lists tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.numbers.quantities import find_quantities
from planwatch.numbers.units import convert
from planwatch.plan.model import Table

TOTAL = "total"
FIRST_PHASE = "first_phase"
UNSPECIFIED = "unspecified"

_FIRST_PHASE = re.compile(r"首期|一期")
_TOTAL = re.compile(r"总投资|计划总投资|总占地|总用地")
_LOCATION = re.compile(r"位于([^，。；,;]+)")
_DATE = re.compile(
    r"(?:(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?|[一二三四]季度|上半年|下半年|年?底|年末)?|\d{1,2}月\d{1,2}日)"
)
_DESCRIPTION_HEADERS = ("基本情况", "建设内容", "主要内容", "简介", "情况")
_NAME_HEADERS = ("名称", "项目")
_CATEGORY_HEADERS = ("类别", "类型", "分类", "领域")


@dataclass
class Amount:
    """An investment or an area as written, with its phase (total, first phase or unspecified)."""

    value: float
    unit: str
    phase: str
    quote: str


@dataclass
class Project:
    name: str
    category: str | None  # e.g. 在建项目 / 新引进项目 / 在谈项目
    line: int | None
    description: str
    investments: list[Amount] = field(default_factory=list)
    land: list[Amount] = field(default_factory=list)
    location: str | None = None
    dates: list[str] = field(default_factory=list)

    @property
    def investment_total(self) -> float | None:
        """Total investment in 亿元: the 总投资 figure, else the only unspecified one."""
        return _pick(self.investments, "亿元")

    @property
    def investment_first_phase(self) -> float | None:
        return _pick(self.investments, "亿元", FIRST_PHASE)

    @property
    def land_area_mu(self) -> float | None:
        return _pick(self.land, "亩")

    @property
    def land_area_first_phase_mu(self) -> float | None:
        return _pick(self.land, "亩", FIRST_PHASE)

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "category": self.category,
            "line": self.line,
            "description": self.description,
            "investment_total": self.investment_total,
            "investment_first_phase": self.investment_first_phase,
            "investment_unit": "亿元",
            "land_area_mu": self.land_area_mu,
            "land_area_first_phase_mu": self.land_area_first_phase_mu,
            "investments": [vars(a) for a in self.investments],
            "land": [vars(a) for a in self.land],
            "location": self.location,
            "dates": self.dates,
        }


@dataclass
class Task:
    text: str
    category: str | None
    line: int | None
    table: str | None = None  # the caption of the table the task comes from

    def to_json(self) -> dict:
        return {"text": self.text, "category": self.category, "line": self.line, "table": self.table}


def is_project_table(table: Table) -> bool:
    """A table with a description column beside the names lists projects."""
    return len(table.header) >= 3 and _find(table.header, _DESCRIPTION_HEADERS) is not None


def projects_from_table(table: Table) -> list[Project]:
    """One Project per row of a project table (表1)."""
    category_at = _find(table.header, _CATEGORY_HEADERS)
    description_at = _find(table.header, _DESCRIPTION_HEADERS)
    name_at = _find(table.header, _NAME_HEADERS, exclude=(category_at, description_at))
    projects = []
    for index, row in enumerate(table.rows):
        name = _cell(row, name_at)
        description = _cell(row, description_at)
        if not name and not description:
            continue
        projects.append(
            Project(
                name=name,
                category=_cell(row, category_at) or None,
                line=_row_line(table, index),
                description=description,
                investments=_amounts(description, ("投资",), "元"),
                land=_amounts(description, ("占地", "用地", "面积"), "亩"),
                location=_location(description),
                dates=_DATE.findall(description),
            )
        )
    return projects


def tasks_from_table(table: Table) -> list[Task]:
    """One Task per row of a task table (表2, 表3), with the category carried down."""
    category_at = _find(table.header, _CATEGORY_HEADERS)
    text_at = _find(table.header, _NAME_HEADERS + _DESCRIPTION_HEADERS, exclude=(category_at,))
    tasks = []
    for index, row in enumerate(table.rows):
        text = _cell(row, text_at)
        if text:
            tasks.append(Task(text, _cell(row, category_at) or None, _row_line(table, index), table.caption))
    return tasks


def read_project_tables(tables: list[Table]) -> tuple[list[Project], list[Task]]:
    """Projects and tasks from every table of kind `projects`."""
    projects: list[Project] = []
    tasks: list[Task] = []
    for table in tables:
        if table.kind != "projects":
            continue
        if is_project_table(table):
            projects.extend(projects_from_table(table))
        else:
            tasks.extend(tasks_from_table(table))
    return projects, tasks


def _amounts(text: str, lead_words: tuple[str, ...], unit_ending: str) -> list[Amount]:
    """Quantities in `unit_ending` units led by one of `lead_words` in their clause, with their phase."""
    found = []
    for quantity in find_quantities(text):
        if not quantity.unit.endswith(unit_ending):
            continue
        clause_start = max(text.rfind(mark, 0, quantity.start) for mark in "，。；,;") + 1
        lead = text[clause_start : quantity.start]
        if not any(word in lead for word in lead_words) and not (
            unit_ending == "亩" and _FIRST_PHASE.search(lead)
        ):
            continue
        phase = FIRST_PHASE if _FIRST_PHASE.search(lead) else TOTAL if _TOTAL.search(lead) else UNSPECIFIED
        value = convert(quantity.value, quantity.unit, "亿元") if unit_ending == "元" else quantity.value
        unit = "亿元" if unit_ending == "元" else quantity.unit
        found.append(
            Amount(
                value if value is not None else quantity.value, unit, phase, text[clause_start : quantity.end]
            )
        )
    return found


def _pick(amounts: list[Amount], unit: str, phase: str | None = None) -> float | None:
    if phase:
        chosen = [a for a in amounts if a.phase == phase]
    else:
        chosen = [a for a in amounts if a.phase == TOTAL] or [a for a in amounts if a.phase == UNSPECIFIED]
    return chosen[0].value if chosen and chosen[0].unit == unit else None


def _location(text: str) -> str | None:
    match = _LOCATION.search(text)
    return match.group(1).strip() if match else None


def _find(header: list[str], words: tuple[str, ...], exclude: tuple = ()) -> int | None:
    for index, title in enumerate(header):
        compact = re.sub(r"\s+", "", title)
        if index not in exclude and any(word in compact for word in words):
            return index
    return None


def _cell(row: list[str], index: int | None) -> str:
    return re.sub(r"\s+", "", row[index]) if index is not None and index < len(row) else ""


def _row_line(table: Table, index: int) -> int | None:
    return table.row_lines[index] if index < len(table.row_lines) else table.line
