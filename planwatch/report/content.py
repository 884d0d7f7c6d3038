"""The report's content, built once from a plan, an evaluation and the texts people wrote; writers only render it.

Sections follow METHODOLOGY §5: 总体情况, 主要指标完成情况, 重点任务推进情况, 重大项目推进情况, 存在的问题,
the narrative sections, and the annexes (附表).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from planwatch.evaluate.versions import listing_sentence
from planwatch.report.facts import (
    DURING,
    FINAL,
    PROBLEMS,
    IndicatorFacts,
    evaluation_results,
    indicator_facts,
    table_order,
)
from planwatch.report.kinds import kind_refusal
from planwatch.report.model import (
    ILLUSTRATIVE_NOTE,
    KIND_ZH,
    KINDS,
    PENDING,
    ChartGrid,
    Heading,
    PageBreak,
    Paragraph,
    Report,
    TitlePage,
)
from planwatch.report.project_sections import (
    project_blocks,
    project_count_sentence,
    task_blocks,
    task_count_sentence,
)
from planwatch.report.projects import project_records
from planwatch.report.summary import gap_sentence, next_steps, summary_paragraph
from planwatch.report.tables import annex_explanations, annex_observations, indicator_table, observation_rows
from planwatch.report.written import WRITTEN_PARTS, placeholder, unwritten
from planwatch.report.year_figures import period_statements, year_rows, year_table
from planwatch.vocabulary import missing_input

CHINESE_ORDINALS = "一二三四五六七八九十"
# Narrative sections per kind of report: (key in `narratives`, heading).
NARRATIVES = {
    "annual": (("next_steps", "下一步工作建议"),),
    "midterm": (("next_steps", "下一步工作建议"), ("adjustments", "规划调整建议")),
    "final": (("lessons", "主要经验与启示"), ("next_plan", "对下一个五年规划编制的建议")),
}


def _ordinal(index: int) -> str:
    return CHINESE_ORDINALS[index - 1] if index <= 10 else str(index)


def _paragraphs(text: str | None) -> list[Paragraph]:
    if not text or not text.strip():
        return []
    return [Paragraph(part.strip()) for part in re.split(r"\n\s*\n|\n", text) if part.strip()]


def report_title(plan, kind: str, year: int) -> str:
    title = plan.title if plan.title.startswith("《") else f"《{plan.title}》"
    if kind == "annual":
        return f"{title}实施情况{year}年度监测报告"
    return f"{title}实施情况{KIND_ZH[kind]}"


class _Builder:
    def __init__(
        self,
        plan,
        evaluation,
        kind,
        observations,
        narratives,
        explanations,
        records,
        with_charts,
        departments=None,
    ):
        self.plan = plan
        self.kind = kind
        self.observations = observations
        self.narratives = dict(narratives or {})
        self.explanations = {int(k): v for k, v in (explanations or {}).items()}
        self.departments = {int(k): v for k, v in (departments or {}).items()}
        self.projects, self.tasks = records
        self.with_charts = with_charts
        results, self.year, self.tau, self.base_year, self.target_year = evaluation_results(evaluation)
        # the verdict classes follow the data: final verdicts once the target year is evaluated
        self.final = self.year >= self.target_year
        self.facts = [indicator_facts(result, self.year) for result in results]
        self.obs_rows = observation_rows(plan, self.facts, observations, self.year)
        self.illustrative = any(f.illustrative for f in self.facts) or any(
            row.illustrative for row in self.obs_rows
        )
        self.blocks: list = []
        self.listing = ""  # what the plan version in force dropped or added (versions.listing_sentence)
        self.undecomposed = 0  # key tasks no department has been given yet (not among self.tasks)
        self.section = 0
        self.figure = 0
        self.table_number = 1  # 表1 is the indicator table
        self.on_stage: Callable[[str, float, int], None] | None = None
        self.stage: tuple[str, float, int] = ("", 0, 1)
        self.summary = ""

    def progress(self, text: str, fraction: float) -> None:
        """Tell the caller how far the current section is (the charts take most of a report's time)."""
        if self.on_stage is not None:
            title, done, total = self.stage
            self.on_stage(f"{title}：{text}", done + fraction, total)

    def heading(self, text: str) -> None:
        self.section += 1
        self.blocks.append(Heading(1, f"{_ordinal(self.section)}、{text}"))

    def extra(self, key: str) -> None:
        self.blocks.extend(_paragraphs(self.narratives.get(key)))

    def chart_caption(self, chart, text: str):
        self.figure += 1
        chart.caption = f"图{self.figure}　{text}"
        return chart

    # Sections

    def overview(self) -> None:
        explanations = {n: _sentence(t).rstrip("。") for n, t in self.explanations.items() if str(t).strip()}
        text = summary_paragraph(
            self.facts,
            self.year,
            self.base_year,
            self.target_year,
            self.tau,
            self.final,
            explanations,
            self.departments,
        )
        self.summary = text
        self.blocks.append(Paragraph(text))
        self.extra("overview")
        tasks = task_count_sentence(self.tasks, self.undecomposed)
        projects = project_count_sentence(self.projects)
        if tasks or projects:
            self.blocks.append(Paragraph(tasks + projects))
        if self.facts and not any(f.status in DURING + FINAL for f in self.facts):
            # nothing to count: a chart of zero bars would say less than this sentence
            self.blocks.append(Paragraph(_nothing_evaluated(self.facts, self.year), role="note"))
        elif self.with_charts and self.facts:
            from planwatch.report.charts import summary_chart  # matplotlib only when charts are drawn

            chart = summary_chart(self.facts, self.final)
            self.blocks.append(ChartGrid([self.chart_caption(chart, "主要指标评价结果")], columns=1))

    def year_section(self) -> None:
        rows = year_rows(self.facts, self.observations, self.year)
        if not rows:
            self.blocks.append(
                Paragraph(f"尚未录入{self.year}年年度目标和全年完成数据，本节暂缺。", role="note")
            )
            return
        with_target = sum(1 for r in rows if r.target != "—")
        self.table_number += 1
        self.blocks.append(
            Paragraph(
                f"{len(rows)}项主要指标有{self.year}年数据"
                + (f"，其中{with_target}项有年度目标" if with_target else "，年度目标尚未录入")
                + f"，见表{self.table_number}。"
            )
        )
        table = year_table(rows, self.year)
        table.caption = f"表{self.table_number}　{self.year}年主要指标年度完成情况"
        self.blocks.append(table)

    def period_section(self) -> None:
        statements = period_statements(self.facts, self.observations, self.base_year, self.year)
        self.blocks.extend(Paragraph(text) for text in statements)
        if not statements:
            self.blocks.append(Paragraph("暂无可计算规划期累计值或期末总量的监测数据。", role="note"))

    def indicators(self) -> None:
        ordered = table_order(self.facts)
        first = ordered[0] if ordered else None
        lead = (
            "表中约束性未完成指标列于前部，其余按纲要顺序排列。"
            if first and first.status == "not_achieved" and first.binding
            else ""
        )
        self.blocks.append(Paragraph(f"各项主要指标完成情况见表1。{lead}{self.listing}"))
        self.blocks.append(indicator_table(ordered, self.base_year, self.year, self.illustrative))
        self.extra("indicators")
        if not self.with_charts:
            return
        from planwatch.report.charts import indicator_chart

        by_number = {indicator.number: indicator for indicator in self.plan.indicators}
        charts, missing = [], []
        for drawn, fact in enumerate(self.facts):
            self.progress(f"绘制图表（{drawn + 1}/{len(self.facts)}）", drawn / len(self.facts))
            indicator = by_number.get(fact.number)
            reference = self._reference_rates(indicator)
            chart = indicator_chart(
                fact, self.observations, self.year, self.base_year, self.target_year, indicator, reference
            )
            if chart is None:
                missing.append(fact)
            else:
                charts.append(self.chart_caption(chart, fact.name))
        if charts:
            self.blocks.append(
                Paragraph(
                    "各项指标的预期路径、监测值、按趋势推算值与目标值见下图（虚线为预期路径，"
                    "星号为目标值，点线为按当前趋势推算至目标年的数值）。"
                )
            )
            self.blocks.append(ChartGrid(charts, columns=2))
        if missing:
            numbers = "、".join(str(f.number) for f in missing)
            self.blocks.append(
                Paragraph(f"第{numbers}项指标暂无可绘制的监测数据或为定性指标，未绘制图表。", role="note")
            )

    def _reference_rates(self, indicator):
        if indicator is None or indicator.kind != "relative" or self.observations is None:
            return None
        reference = indicator.reference or 1
        found = self.observations.series(reference, "growth_rate")
        return {y: o for y, o in found.items() if y <= self.year} or None

    def tasks_section(self) -> None:
        blocks = task_blocks(self.tasks, self._next_table(), self.undecomposed)
        self.blocks.append(blocks[0])
        self.extra("tasks")
        self.blocks.extend(blocks[1:])

    def _next_table(self) -> int:
        self.table_number += 1
        return self.table_number

    def projects_section(self) -> None:
        blocks = project_blocks(self.projects, self._next_table())
        self.blocks.append(blocks[0])
        self.extra("projects")
        self.blocks.extend(blocks[1:])

    def problems(self) -> None:
        short = [f for f in table_order(self.facts) if f.status in PROBLEMS or f.warning == "red"]
        short.sort(key=lambda f: (not f.binding, f.number))
        if not short:
            self.blocks.append(Paragraph("本期主要指标中没有滞后于预期或未完成的指标。"))
        for index, fact in enumerate(short, 1):
            department = self.departments.get(fact.number)
            who = f"（责任部门：{department}）" if department else ""
            lead = f"（{_ordinal(index)}）{fact.short_name}{fact.status_zh}{who}。"
            text = ("作为约束性指标，" if fact.binding else "") + gap_sentence(fact)
            self.blocks.append(Paragraph(text, role="detail", lead=lead))
            notes = self._submission_notes(fact)
            if notes:
                self.blocks.append(Paragraph(f"报送备注：{notes}"))
            reason = self._department_explanation(fact)
            if reason:
                self.blocks.append(Paragraph(f"责任部门说明：{reason}"))
        unexplained = sorted(
            (f for f in short if not self._department_explanation(f)), key=lambda f: f.number
        )
        if unexplained:
            by_department: dict[str, list[str]] = {}
            for fact in unexplained:
                by_department.setdefault(self.departments.get(fact.number, ""), []).append(str(fact.number))
            who = "、".join(
                f"{name}（第{'、'.join(numbers)}项）" if name else f"第{'、'.join(numbers)}项指标的责任部门"
                for name, numbers in by_department.items()
            )
            self.blocks.append(Paragraph(f"{who}尚未报送滞后原因说明。", role="pending"))
        missing = [f for f in self.facts if f.status in ("no_data", "needs_input")]
        if missing:
            index = len(short) + 1
            no_data = [f for f in missing if f.status == "no_data"]
            needs = [f for f in missing if f.status == "needs_input"]
            text = ""
            if no_data:
                text += f"第{'、'.join(str(f.number) for f in no_data)}项指标暂无{self.year}年监测数据"
            lacking: dict[str, list[str]] = {}
            for fact in needs:
                lacking.setdefault(missing_input(fact.missing), []).append(str(fact.number))
            for what, numbers in lacking.items():
                text += ("，" if text else "") + f"第{'、'.join(numbers)}项指标尚未录入{what}"
            text += "，无法作出评价，需责任部门尽快报送。"
            self.blocks.append(Paragraph(text, lead=f"（{_ordinal(index)}）部分指标监测数据尚不完整。"))
        self.extra("problems")

    def _department_explanation(self, fact: IndicatorFacts) -> str:
        if fact.number in self.explanations and str(self.explanations[fact.number]).strip():
            return _sentence(str(self.explanations[fact.number]).strip())
        return ""

    def _submission_notes(self, fact: IndicatorFacts) -> str:
        """Notes departments wrote on this period's observations; a note repeated every year defines the data
        (按可比价格计算) rather than explains it, and is left out."""
        rows = [
            row
            for row in self.obs_rows
            if row.number == fact.number and row.used and row.note and row.measure != "allocation"
        ]
        years_of: dict[str, set[int]] = {}
        for row in rows:
            years_of.setdefault(row.note, set()).add(row.year)
        recent = sorted((row for row in rows if row.year > self.base_year), key=lambda row: -row.year)
        notes = [
            f"{row.note.rstrip('。；')}（{row.year}年）" for row in recent if len(years_of[row.note]) == 1
        ]
        return _sentence("；".join(list(dict.fromkeys(notes))[:3])) if notes else ""

    def next_steps_section(self) -> None:
        """Grouped by the class of indicator each step answers to, then what the office wrote."""
        self.blocks.extend(Paragraph(text) for text in next_steps(self.facts, self.final))
        self.extra("next_steps")

    def narrative(self, key: str) -> None:
        """A section the office writes; a draft says which part is still to be written."""
        paragraphs = _paragraphs(self.narratives.get(key))
        part = next((p for p in WRITTEN_PARTS if p.key == key), None)
        waiting = placeholder(part) if part is not None else PENDING
        self.blocks.extend(paragraphs or [Paragraph(waiting, role="pending")])

    def annexes(self) -> None:
        self.blocks.append(PageBreak())
        self.blocks.append(Heading(1, "附表"))
        self.blocks.append(annex_explanations(table_order(self.facts)))
        self.blocks.append(annex_observations(self.obs_rows, self.illustrative))


@dataclass(frozen=True)
class SectionSpec:
    """One section of the reports: its heading, the builder that fills it, and the kinds that include it."""

    key: str
    title: str | Mapping[str, str]  # one title, or a title per kind
    build: Callable[[_Builder], None]
    kinds: tuple[str, ...] = KINDS
    numbered: bool = True  # 一、二、… ; the annexes are not numbered

    def title_for(self, kind: str) -> str:
        return self.title if isinstance(self.title, str) else self.title[kind]


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("overview", "总体情况", _Builder.overview),
    SectionSpec(
        "indicators",
        {"annual": "主要指标监测情况", "midterm": "主要指标完成情况", "final": "主要指标完成情况"},
        _Builder.indicators,
    ),
    SectionSpec("year", "年度目标完成情况", _Builder.year_section, ("annual",)),
    SectionSpec("period", "规划期累计与期末总量", _Builder.period_section, ("final",)),
    SectionSpec("tasks", "重点任务推进情况", _Builder.tasks_section),
    SectionSpec("projects", "重大项目推进情况", _Builder.projects_section),
    SectionSpec("problems", "存在的问题", _Builder.problems),
    SectionSpec("next_steps", "下一步工作建议", _Builder.next_steps_section, ("annual", "midterm")),
    SectionSpec("adjustments", "规划调整建议", lambda b: b.narrative("adjustments"), ("midterm",)),
    SectionSpec("lessons", "主要经验与启示", lambda b: b.narrative("lessons"), ("final",)),
    SectionSpec("next_plan", "对下一个五年规划编制的建议", lambda b: b.narrative("next_plan"), ("final",)),
    SectionSpec("annexes", "附表", _Builder.annexes, numbered=False),
)


def sections_for(kind: str) -> list[SectionSpec]:
    """The registry's sections that a report of `kind` holds, in order."""
    return [spec for spec in SECTIONS if kind in spec.kinds]


def _sentence(text: str) -> str:
    return text if text.endswith(("。", "！", "？", "；")) else text + "。"


def build_content(
    plan,
    evaluation,
    kind: str,
    *,
    observations=None,
    narratives: Mapping[str, str] | None = None,
    explanations: Mapping[int, str] | None = None,
    projects=None,
    tasks=None,
    progress: Mapping[str, Mapping] | None = None,
    issuer: str | None = None,
    date_line: str | None = None,
    doc_number: str | None = None,
    departments: Mapping[int, str] | None = None,
    charts: bool = True,
    on_stage: Callable[[str, float, int], None] | None = None,
    in_force=None,
    undecomposed_tasks: int = 0,
) -> Report:
    """The report model of `kind` (annual | midterm | final) for an Evaluation of the plan.

    The kind must fit the evaluation's year (report_kinds_for); otherwise ValueError says why, in Chinese.
    issuer, doc_number and date_line print on the cover; they default to the texts `issuer`, `doc_number`
    and `date` of `narratives` (the plan's report settings); a missing date reads 印发日期待定, never today.
    on_stage(title, done, total) is called before each section (for progress shown while a report is built).
    undecomposed_tasks: how many key tasks of the plan no department has been given yet (they are not in `tasks`).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    records = project_records(plan, projects, tasks, progress)
    builder = _Builder(
        plan, evaluation, kind, observations, narratives, explanations, records, charts, departments
    )
    builder.listing = listing_sentence(in_force) if in_force is not None else ""
    builder.undecomposed = undecomposed_tasks
    refusal = kind_refusal((plan.period_start, plan.period_end), builder.year, kind)
    if refusal:
        raise ValueError(refusal)
    specs = sections_for(kind)
    for index, spec in enumerate(specs):
        builder.on_stage, builder.stage = on_stage, (spec.title_for(kind), index, len(specs) + 1)
        if on_stage is not None:
            on_stage(spec.title_for(kind), index, len(specs) + 1)
        if spec.numbered:
            builder.heading(spec.title_for(kind))
        spec.build(builder)
    notices = []
    missing = [part.label for part in unwritten(kind, {**builder.narratives, **_cover(issuer, date_line)})]
    if missing:
        # one line on the cover; the placeholders in the text and the reports page name the parts
        notices.append(f"草稿：尚有{len(missing)}个部分待规划科撰写，本稿不宜报送。")
    if builder.illustrative:
        notices.append(f"本报告含示例数据：{ILLUSTRATIVE_NOTE}")
    year = builder.year
    given = builder.narratives
    title_page = TitlePage(
        title=report_title(plan, kind, year),
        subtitle=f"（数据截至{year}年）",
        issuer=issuer or given.get("issuer") or "编制单位：（待填写）",
        date_line=date_line or given.get("date") or "印发日期：（待定）",
        notices=notices,
        doc_number=doc_number or given.get("doc_number") or None,
    )
    return Report(
        kind=kind,
        year=year,
        title_page=title_page,
        blocks=builder.blocks,
        summary=builder.summary,
        illustrative=builder.illustrative,
        unwritten=missing,
    )


def _cover(issuer: str | None, date_line: str | None) -> dict[str, str]:
    """The cover texts given as arguments, under their keys in `narratives`."""
    return {key: value for key, value in (("issuer", issuer), ("date", date_line)) if value}


__all__ = ["NARRATIVES", "SECTIONS", "SectionSpec", "build_content", "report_title", "sections_for"]


def _nothing_evaluated(facts: list[IndicatorFacts], year: int) -> str:
    """Why the report has no chart of verdict counts: no figures yet, or none that can be judged."""
    if not any(f.data_year or f.current_value is not None for f in facts):
        return f"截至{year}年，{len(facts)}项主要指标均尚无监测数据，暂无可统计的评价结果。"
    return f"截至{year}年，{len(facts)}项主要指标均尚不能作出评价（缺少监测数据、基期值或下达指标），暂无可统计的评价结果。"
