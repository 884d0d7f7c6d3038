"""Projects (表1) and key tasks (表2, 表3) of a plan, with the progress a department reported, if any."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from planwatch.plan.model import Plan


@dataclass
class ProjectRecord:
    """A project of the plan's project library; status/progress come from departments' reports."""

    name: str
    category: str = ""  # as the plan groups it: 在建项目 / 新引进项目 / 在谈项目
    table: str = ""  # 表1 “科技影都”重点影视项目
    description: str = ""
    investment: float | None = None  # 亿元, as planned: the total, else the first phase
    land: float | None = None  # 亩, likewise
    phase_only: bool = False  # only a first-phase (首期/一期) investment is known
    line: int | None = None
    department: str = ""
    status: str = ""  # e.g. 已竣工 / 按计划推进 / 滞后
    progress: str = ""  # what the department reported
    completed_investment: float | None = None  # 亿元, invested so far
    late: bool = False
    illustrative: bool = False  # what was reported is illustrative (示例数据): its figures are marked ※


@dataclass
class TaskRecord:
    """A key task (重点任务) of the plan, with its lead department and reported progress."""

    text: str
    area: str = ""
    table: str = ""
    line: int | None = None
    department: str = ""
    status: str = ""
    progress: str = ""
    late: bool = False
    illustrative: bool = False  # what was reported is illustrative (示例数据)


def plan_projects(plan: Plan) -> tuple[list[ProjectRecord], list[TaskRecord]]:
    """Projects and tasks of the plan's project tables, as planwatch.extract.projects reads them."""
    from planwatch.extract.projects import read_project_tables

    found_projects, found_tasks = read_project_tables(plan.tables)
    captions = {}
    for table in plan.tables:
        for line in table.row_lines:
            captions[line] = table.caption or ""
    projects = []
    for project in found_projects:
        total = project.investment_total
        projects.append(
            ProjectRecord(
                name=project.name,
                category=project.category or "",
                table=captions.get(project.line, ""),
                description=project.description,
                investment=total if total is not None else project.investment_first_phase,
                land=project.land_area_mu
                if project.land_area_mu is not None
                else project.land_area_first_phase_mu,
                phase_only=total is None and project.investment_first_phase is not None,
                line=project.line,
            )
        )
    # rows of a project table without an investment column are still projects of that table (表2 教育领域重点项目)
    projects += [
        ProjectRecord(
            name=t.text, category=t.category or "", table=t.table or captions.get(t.line, ""), line=t.line
        )
        for t in found_tasks
    ]
    return projects, chapter_tasks(plan)


# A chapter that reviews the past period, sets the guiding ideas and goals, or secures the plan's implementation
# holds no task of its own; such chapters are recognised by the words of their section titles.
_NOT_TASK_SECTIONS = (
    "主要成就",
    "指导思想",
    "发展目标",
    "必须遵循的原则",
    "远景目标",
    "实施保障",
    "党的领导",
)


def _task_chapter(chapter) -> bool:
    titles = [chapter.title, *(section.title for section in chapter.sections)]
    return bool(chapter.sections) and not any(
        word in title for title in titles for word in _NOT_TASK_SECTIONS
    )


def chapter_tasks(plan: Plan) -> list[TaskRecord]:
    """重点任务 from the plan's chapters: each first-level section of a task chapter is one task, its area the
    chapter (第三章 …); chapters of review, goals and implementation safeguards are left out."""
    tasks = []
    for chapter in plan.chapters:
        if not _task_chapter(chapter):
            continue
        for section in chapter.sections:
            tasks.append(
                TaskRecord(
                    text=section.title,
                    area=f"第{chapter.number}章",
                    table=chapter.title,
                    line=section.line,
                )
            )
    return tasks


def _coerce(records: Iterable, cls):
    names = {f.name for f in fields(cls)}
    out = []
    for record in records:
        if isinstance(record, cls):
            out.append(record)
        else:
            out.append(cls(**{k: v for k, v in dict(record).items() if k in names}))
    return out


def merge_progress(records: list, progress: Mapping[str, Mapping] | None, key: str) -> list:
    """Apply progress reports keyed by project name (or task text) to the records; unknown keys are ignored."""
    if not progress:
        return records
    merged = []
    for record in records:
        update = progress.get(getattr(record, key))
        if update:
            allowed = {f.name for f in fields(record)} - {key}
            for name, value in update.items():
                if name in allowed:
                    setattr(record, name, value)
        merged.append(record)
    return merged


def project_records(plan: Plan, projects=None, tasks=None, progress: Mapping[str, Mapping] | None = None):
    """(projects, tasks): those passed in (records or dicts), else the plan's tables; progress merged by name."""
    found_projects, found_tasks = plan_projects(plan)
    project_list = _coerce(projects, ProjectRecord) if projects is not None else found_projects
    task_list = _coerce(tasks, TaskRecord) if tasks is not None else found_tasks
    project_list = merge_progress(project_list, progress, "name")
    task_list = merge_progress(task_list, progress, "text")
    return project_list, task_list
