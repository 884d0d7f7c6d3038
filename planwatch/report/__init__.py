"""Evaluation reports as a planning office submits them: 年度监测报告, 中期评估报告, 总结评估报告.

`build_report(plan, evaluation, kind, fmt, …) -> bytes` is the one call the CLI and the web layer make:
the content is built once (content.build_content) and rendered by the writer of the format asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from planwatch.report.content import NARRATIVES, SECTIONS, build_content, report_title, sections_for
from planwatch.report.kinds import kind_refusal, report_kinds_for
from planwatch.report.model import KIND_ZH, KINDS, Report
from planwatch.report.projects import ProjectRecord, TaskRecord
from planwatch.report.written import WRITTEN_PARTS, WrittenPart, parts_for, unwritten

FORMATS = ("docx", "pdf", "html", "xlsx")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def render(report: Report, fmt: str) -> bytes:
    """A built report in one format."""
    if fmt == "docx":
        from planwatch.report.docx_writer import write_docx

        return write_docx(report)
    if fmt == "html":
        from planwatch.report.html_writer import write_html

        return write_html(report)
    if fmt == "pdf":
        from planwatch.report.pdf_writer import write_pdf

        return write_pdf(report)
    if fmt == "xlsx":
        from planwatch.report.xlsx_writer import write_xlsx

        return write_xlsx(report)
    raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")


def build_report(
    plan,
    evaluation,
    kind: str,
    fmt: str,
    *,
    observations=None,
    narratives: Mapping[str, str] | None = None,
    explanations: Mapping[int, str] | None = None,
    projects: list[ProjectRecord | Mapping] | None = None,
    tasks: list[TaskRecord | Mapping] | None = None,
    progress: Mapping[str, Mapping] | None = None,
    issuer: str | None = None,
    date_line: str | None = None,
    doc_number: str | None = None,
    departments: Mapping[int, str] | None = None,
    on_stage: Callable[[str, float, int], None] | None = None,
    in_force=None,
    undecomposed_tasks: int = 0,
) -> bytes:
    """The report file's bytes.

    plan: planwatch.plan.Plan; evaluation: planwatch.evaluate.Evaluation (or its evaluation_to_json dict);
    kind: annual | midterm | final; fmt: docx | pdf | html | xlsx; observations: the Observations evaluated
    (for charts and 附表2). narratives: texts by key (overview, indicators, tasks, projects, problems, and per
    kind next_steps, adjustments, lessons, next_plan; issuer, date); missing narrative sections read （待填写）.
    explanations: indicator number → the department's explanation of a shortfall (else the observations'
    notes). projects/tasks replace the plan's 表1–表3 records; progress maps a project name or task text to
    {status, progress, department, completed_investment, late}. departments: indicator number → the
    responsible department, named beside a lagging indicator. issuer, doc_number, date_line: the cover
    (defaults: narratives issuer, doc_number, date). The kind must fit the year (report_kinds_for), else
    ValueError with the reason in Chinese. on_stage(title, done, total): called as each section is built
    and before the file is written. in_force: the plan version in force that year (planwatch.evaluate.versions
    InForce), whose dropped and added indicators the account of the indicators names.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    report = build_content(
        plan,
        evaluation,
        kind,
        observations=observations,
        narratives=narratives,
        explanations=explanations,
        projects=projects,
        tasks=tasks,
        progress=progress,
        issuer=issuer,
        date_line=date_line,
        doc_number=doc_number,
        departments=departments,
        charts=fmt != "xlsx",
        on_stage=on_stage,
        in_force=in_force,
        undecomposed_tasks=undecomposed_tasks,
    )
    if on_stage is not None:
        stages = len(sections_for(kind)) + 1
        on_stage(f"写出{fmt.upper()}文件", stages - 1, stages)
    return render(report, fmt)


def report_filename(kind: str, year: int, fmt: str) -> str:
    """A file name for downloads, e.g. 2023年_中期评估报告.docx (no path separators)."""
    name = KIND_ZH[kind] if kind != "annual" else f"{year}年度监测报告"
    stem = f"{year}年_{name}" if kind != "annual" else name
    return f"{stem}.{fmt}" if fmt != "xlsx" else f"{stem}_数据.xlsx"


__all__ = [
    "FORMATS",
    "KINDS",
    "KIND_ZH",
    "MEDIA_TYPES",
    "NARRATIVES",
    "SECTIONS",
    "ProjectRecord",
    "Report",
    "TaskRecord",
    "WRITTEN_PARTS",
    "WrittenPart",
    "build_content",
    "build_report",
    "kind_refusal",
    "parts_for",
    "render",
    "report_filename",
    "report_kinds_for",
    "sections_for",
    "report_title",
    "unwritten",
]
