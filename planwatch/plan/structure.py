"""From a Document to a Plan: title, period, parts, chapters, sections, tasks, boxes, tables, figures."""

from __future__ import annotations

import re
from collections import Counter

from planwatch.document import model as doc
from planwatch.errors import PlanFormatError
from planwatch.plan import headings
from planwatch.plan.cleanup import tidy_document
from planwatch.plan.footnotes import build_footnotes
from planwatch.plan.levels import Outline, decide
from planwatch.plan.model import Annex, Box, Chapter, Figure, Item, Plan, PlanPart, Section
from planwatch.plan.nonplan import describe_non_plan, looks_like_a_plan
from planwatch.plan.tables import build_table, is_caption
from planwatch.plan.title import find_period, find_title, period_from_mentions

_LEAD_PHRASE = re.compile(r"^(?:——)?([^。，；：,;:]{2,25})。(?=.)")
_HAS_WORDS = re.compile(r"[\w\u3400-\u9fff]")
_TARGET_YEAR = re.compile(r"到\s*(20[2-5][05])\s*年")


def build_plan(document: doc.Document) -> Plan:
    blocks = tidy_document(document)
    outline = decide(blocks)
    builder = _Builder(document, outline)
    if outline.chapter_form is None:
        builder.no_headings(blocks)
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        builder.add(index, block, following)
    plan = builder.finish()
    plan.warnings[:0] = document.warnings + outline.warnings
    plan.line_pages = document.line_pages
    return plan


def make_item(paragraph: doc.Paragraph) -> Item:
    """A paragraph as a task: its lead phrase ending in 。 (深化产业协同创新中心建设。) is the title."""
    match = _LEAD_PHRASE.match(paragraph.text)
    title = match.group(1).strip() if match else None
    return Item(title=title, text=paragraph.text, line=paragraph.line)


class _Builder:
    def __init__(self, document: doc.Document, outline: Outline):
        self.document = document
        self.outline = outline
        self.parts: list[PlanPart] = []
        self.chapters: list[Chapter] = []
        self.annexes: list[Annex] = []
        self.preface: list[Item] = []
        self.front: list[str] = []  # texts before the first chapter, for the title
        self.tables, self.boxes, self.figures = [], [], []
        self.paragraphs: list[doc.Paragraph] = []  # every paragraph, for footnote anchors
        self.pending: Chapter | PlanPart | None = None  # a heading whose title may go on in the next line
        self.caption: doc.Paragraph | None = None
        self.warnings: list[str] = []
        self.part_lead = False  # between a 第X篇 heading and its first chapter

    @property
    def chapter(self) -> Chapter | None:
        return self.chapters[-1] if self.chapters else None

    def no_headings(self, blocks: list[doc.Block]) -> None:
        """No heading form at all: a plan is read as one chapter; anything else is refused for what it is."""
        texts = [b.text for b in blocks if isinstance(b, doc.Paragraph)]
        if not looks_like_a_plan(texts):
            raise PlanFormatError(
                f"not a plan outline: no chapter heading (第一章 …, 一、…) found; {describe_non_plan(self.document)}"
            )
        first = next((b for b in blocks if isinstance(b, doc.Paragraph)), None)
        self.chapters.append(Chapter(number=1, title="全文", line=first.line if first else 1))
        self.warnings.append("未找到任何章节标题（第一章、一、等）：全文作为一章读入，请核对文件")

    def add(self, index: int, block: doc.Block, following: doc.Block | None) -> None:
        if isinstance(block, doc.Paragraph):
            self.paragraphs.append(block)
            self.add_paragraph(index, block, following)
            return
        self.pending = None
        chapter = self.chapter.number if self.chapter else None
        if isinstance(block, doc.Table):
            for row in block.rows:
                self.paragraphs.extend(row)
            caption = self.caption.text if self.caption else None
            self.caption = None
            if block.rows:
                self.tables.append(build_table(block, caption, chapter))
        elif isinstance(block, doc.Box):
            self.paragraphs.extend(block.paragraphs)
            self.boxes.append(self.make_box(block))

    def add_paragraph(self, index: int, paragraph: doc.Paragraph, following: doc.Block | None) -> None:
        text = paragraph.text
        role = self.outline.role(index)
        if self.pending is not None and role is None and self.continue_title(text):
            return
        self.pending = None
        if role == "part":
            self.start_part(self.outline.headings[index], paragraph)
        elif role == "chapter":
            self.start_chapter(self.outline.headings[index], paragraph)
        elif role == "section" and self.chapter and not self.annexes:
            heading = self.outline.headings[index]
            level = self.outline.section_levels[heading.form]
            number = heading.number or str(len(self.chapter.sections) + 1)
            self.chapter.sections.append(Section(number, level, heading.title, paragraph.line))
        elif role == "back":
            self.annexes.append(Annex(title=text, line=paragraph.line))
        elif role == "front":
            return
        else:
            self.add_body(paragraph, following)

    def continue_title(self, text: str) -> bool:
        """A chapter title wrapped onto the next line (or, after a bare 第一章, written there) goes on."""
        heading = self.pending
        if heading.title and not headings.is_wrapped_title(text):
            return False
        if not heading.title and (len(text) > 80 or "。" in text):
            return False
        heading.title += text
        self.pending = heading if not heading.title else None
        return True

    def start_part(self, heading: headings.Heading, paragraph: doc.Paragraph) -> None:
        self.parts.append(
            PlanPart(number=heading.value or len(self.parts) + 1, title=heading.title, line=paragraph.line)
        )
        self.pending = self.parts[-1]
        self.part_lead = True

    def start_chapter(self, heading: headings.Heading, paragraph: doc.Paragraph) -> None:
        number = heading.value if heading.value is not None else len(self.chapters) + 1
        chapter = Chapter(number=number, title=heading.title, line=paragraph.line)
        self.chapters.append(chapter)
        self.part_lead = False
        if self.parts:
            self.parts[-1].chapters.append(number)
        self.pending = chapter

    def add_body(self, paragraph: doc.Paragraph, following: doc.Block | None) -> None:
        text = paragraph.text
        figure = headings.FIGURE.match(text)
        if figure and headings.is_heading_text(text):
            self.figures.append(
                Figure(
                    caption=text,
                    line=paragraph.line,
                    number=int(figure.group("number")),
                    chapter=self.chapter.number if self.chapter else None,
                )
            )
            return
        if isinstance(following, doc.Table) and is_caption(text):
            self.caption = paragraph
            return
        if not _HAS_WORDS.search(text):
            return  # stray punctuation left by the export (a lone `=`)
        item = make_item(paragraph)
        if self.annexes:
            self.annexes[-1].items.append(item)
        elif self.part_lead:
            self.parts[-1].items.append(item)
        elif not self.chapter:
            self.front.append(text)
            self.preface.append(item)
        elif self.chapter.sections:
            self.chapter.sections[-1].items.append(item)
        else:
            self.chapter.items.append(item)

    def make_box(self, box: doc.Box) -> Box:
        title = box.paragraphs[0].text
        label = re.match(r"^专栏\s*(\d+)", title)
        return Box(
            title=title,
            text="\n".join(p.text for p in box.paragraphs[1:]),
            line=box.line,
            number=int(label.group(1)) if label else None,
            chapter=self.chapter.number if self.chapter else None,
        )

    def finish(self) -> Plan:
        texts = [p.text for p in self.paragraphs]
        title = find_title(self.front or texts[:5], texts, self.document.path)
        if title == self.document.path:
            self.warnings.append("未找到规划标题（首行不是标题，正文也未以《…》提到本规划）：以文件名代替")
        try:
            start, end = find_period(title, texts, self.tables)
        except PlanFormatError:
            named = period_from_mentions(texts)
            if named:
                start, end = named
                self.warnings.append(f"标题未写明规划期：按正文提到的最晚一个五年规划时期读作{start}—{end}年")
            else:
                start, end = self.guess_period(texts)
        plan = Plan(
            title=title,
            period_start=start,
            period_end=end,
            chapters=self.chapters,
            footnotes=build_footnotes(self.document, self.paragraphs),
            tables=self.tables,
            boxes=self.boxes,
            figures=self.figures,
            preface=self.preface,
            parts=self.parts,
            annexes=self.annexes,
        )
        plan.warnings.extend(self.warnings)
        plan.warnings.extend(_numbering_gaps(plan))
        return plan

    def guess_period(self, texts: list[str]) -> tuple[int, int]:
        """No period stated: the five years up to the year the text's 到20XX年 targets most often name."""
        years = Counter(int(y) for text in texts for y in _TARGET_YEAR.findall(text) if y != "2035")
        if not years:
            raise PlanFormatError(_no_period_message(texts))
        end = years.most_common(1)[0][0]
        self.warnings.append(f"标题和正文均未写明规划期：按正文中最常见的“到{end}年”推定为{end - 4}—{end}年")
        return end - 4, end


_YEAR_SPAN = re.compile(r"((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年")


def _no_period_message(texts: list[str]) -> str:
    """Why no five-year period could be read, in words the user can act on; a plan of another span says so."""
    span = next((m for text in texts[:5] for m in _YEAR_SPAN.finditer(text)), None)
    found = (
        f"开头写的期限是{span.group(1)}—{span.group(2)}年，不是一个五年规划期；"
        if span and int(span.group(2)) - int(span.group(1)) != 4
        else ""
    )
    return (
        f"读不出规划期：{found}标题没有“第N个五年规划”，正文也没有“2021—2025年”“到2025年”或“十四五”这样的年份。"
        "PlanWatch 读的是五年规划纲要；若本文件是五年规划，请在标题中写明（如“第十四个五年规划”）后再导入"
    )


def _numbering_gaps(plan: Plan) -> list[str]:
    warnings = []
    for previous, chapter in zip(plan.chapters, plan.chapters[1:], strict=False):
        if chapter.number != previous.number + 1:
            warnings.append(f"第{chapter.line}行：第{chapter.number}章之前缺少第{previous.number + 1}章")
    for chapter in plan.chapters:
        last: dict[int, int] = {}
        for section in chapter.sections:
            number = headings.small_number(section.number.split(".")[-1])
            expected = last.get(section.level, 0) + 1
            if number is not None:
                for deeper in [level for level in last if level > section.level]:
                    last.pop(deeper)
            if number is not None and number != expected:
                warnings.append(
                    f"第{section.line}行：第{chapter.number}章的“{section.number}、{section.title}”之前缺少编号{expected}"
                )
            if number is not None:
                last[section.level] = number
    return warnings
