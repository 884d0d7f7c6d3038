"""From a Document to a Plan: title, period, chapters, sections, tasks, boxes, tables, figures."""

from __future__ import annotations

import re

from planwatch.document import model as doc
from planwatch.errors import PlanFormatError
from planwatch.plan import headings
from planwatch.plan.footnotes import build_footnotes
from planwatch.plan.model import Box, Chapter, Figure, Item, Plan, Section
from planwatch.plan.tables import build_table, is_caption, period_from_tables

_TITLE_MENTION = re.compile(r"《([^《》]{4,80}?(?:规划纲要|规划|纲要))》")
_PERIOD = re.compile(r"(20\d{2}|19\d{2})\s*[-—–~～至到]\s*(20\d{2}|19\d{2})\s*年")
_FYP_ORDINAL = re.compile(
    r"第([一二三四五六七八九十]+)个五年规划|“?([一二三四五六七八九十]+)五”?(?:规划|时期)"
)
_LEAD_PHRASE = re.compile(r"^(?:——)?([^。，；：,;:]{2,25})。(?=.)")
_HAS_WORDS = re.compile(r"[\w\u3400-\u9fff]")
_SENTENCE_END = ("。", "！", "？", "；", "：", "”", "）", ")")


def build_plan(document: doc.Document) -> Plan:
    # Only a text export cuts a paragraph at the text box anchored in it; a Word file keeps it whole.
    blocks = _rejoin_split_paragraphs(document.blocks) if document.format == "text" else document.blocks
    builder = _Builder(document)
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        builder.add(block, following)
    return builder.finish()


def _rejoin_split_paragraphs(blocks: list[doc.Block]) -> list[doc.Block]:
    """A paragraph cut in two by a text box anchored inside it is one paragraph again."""
    result: list[doc.Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        j = i + 1
        while j < len(blocks) and isinstance(blocks[j], doc.Box):
            j += 1
        if (
            isinstance(block, doc.Paragraph)
            and j > i + 1
            and j < len(blocks)
            and isinstance(blocks[j], doc.Paragraph)
            and block.text
            and not block.text.endswith(_SENTENCE_END)
            and not _is_structural(block.text)
            and not _is_structural(blocks[j].text)
        ):
            result.append(_join(block, blocks[j]))
            result.extend(blocks[i + 1 : j])
            i = j + 1
            continue
        result.append(block)
        i += 1
    return result


def _is_structural(text: str) -> bool:
    return bool(
        headings.match_chapter(text)
        or headings.match_section(text)
        or headings.FIGURE.match(text)
        or headings.TABLE_CAPTION.match(text)
    )


def _join(first: doc.Paragraph, second: doc.Paragraph) -> doc.Paragraph:
    offset = len(first.text)
    return doc.Paragraph(
        text=first.text + second.text,
        line=first.line,
        pieces=first.pieces
        + tuple(doc.Piece(p.start + offset, p.end + offset, p.line, p.column) for p in second.pieces),
        refs=first.refs + tuple(doc.FootnoteRef(r.number, r.offset + offset) for r in second.refs),
        heading_level=first.heading_level,
    )


def make_item(paragraph: doc.Paragraph) -> Item:
    """A paragraph as a task: its lead phrase ending in 。 (深化产业协同创新中心建设。) is the title."""
    match = _LEAD_PHRASE.match(paragraph.text)
    title = match.group(1).strip() if match else None
    return Item(title=title, text=paragraph.text, line=paragraph.line)


class _Builder:
    def __init__(self, document: doc.Document):
        self.document = document
        self.chapters: list[Chapter] = []
        self.preface: list[Item] = []
        self.tables, self.boxes, self.figures = [], [], []
        self.paragraphs: list[doc.Paragraph] = []  # every paragraph, for footnote anchors
        self.pending_title = False  # the last block was a chapter heading whose title may wrap
        self.caption: doc.Paragraph | None = None

    @property
    def chapter(self) -> Chapter | None:
        return self.chapters[-1] if self.chapters else None

    def add(self, block: doc.Block, following: doc.Block | None) -> None:
        if isinstance(block, doc.Paragraph):
            self.paragraphs.append(block)
            self.add_paragraph(block, following)
            return
        self.pending_title = False
        if isinstance(block, doc.Table):
            for row in block.rows:
                self.paragraphs.extend(row)
            caption = self.caption.text if self.caption else None
            self.caption = None
            if block.rows:
                self.tables.append(build_table(block, caption, self.chapter.number if self.chapter else None))
        elif isinstance(block, doc.Box):
            self.paragraphs.extend(block.paragraphs)
            self.boxes.append(self.make_box(block))

    def add_paragraph(self, paragraph: doc.Paragraph, following: doc.Block | None) -> None:
        text = paragraph.text
        if self.pending_title and headings.is_wrapped_title(text):
            self.chapter.title += text
            self.pending_title = False
            return
        self.pending_title = False
        chapter = headings.match_chapter(text)
        if chapter or paragraph.heading_level == 1:
            number, title = chapter or (len(self.chapters) + 1, text)
            self.chapters.append(Chapter(number=number, title=title, line=paragraph.line))
            self.pending_title = True
            return
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
        section = headings.match_section(text) if self.chapter else None
        if section:
            number, level, title = section
            self.chapter.sections.append(
                Section(number=number, level=level, title=title, line=paragraph.line)
            )
            return
        item = make_item(paragraph)
        if not self.chapter:
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
        if not self.chapters:
            raise PlanFormatError("no chapter heading (第一章 …) found: is this a plan outline?")
        title = self.find_title()
        start, end = self.find_period(title)
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
        )
        plan.warnings.extend(_numbering_gaps(plan))
        return plan

    def find_title(self) -> str:
        first = self.preface[0].text if self.preface else ""
        if first and len(first) <= 80 and "。" not in first and ("规划" in first or "纲要" in first):
            return _normalise_zero(first)
        for paragraph in self.paragraphs[:50]:
            match = _TITLE_MENTION.search(paragraph.text)
            if match:
                return _normalise_zero(match.group(1))
        return _normalise_zero(first[:80]) if first else self.document.path

    def find_period(self, title: str) -> tuple[int, int]:
        ordinal = _FYP_ORDINAL.search(title)
        if ordinal:
            n = headings.small_number(ordinal.group(1) or ordinal.group(2))
            if n and n >= 3:
                start = 1966 + 5 * (n - 3)  # the 3rd plan began in 1966; each one since is five years
                return start, start + 4
        from_tables = period_from_tables(self.tables)  # column years witness the period as well as a title
        if from_tables:
            return from_tables
        for paragraph in self.paragraphs[:50]:
            match = _PERIOD.search(paragraph.text)
            if match and int(match.group(2)) - int(match.group(1)) == 4:
                return int(match.group(1)), int(match.group(2))
        raise PlanFormatError(
            "cannot tell the plan period: no 第N个五年规划 in the title and no 2021-2025年 in the text"
        )


def _normalise_zero(text: str) -> str:
    """The white circle ○ typed for the numeral zero 〇 (二○三五) becomes 〇."""
    return re.sub(r"(?<=[一二三四五六七八九〇○])○|○(?=[一二三四五六七八九〇○])", "〇", text)


def _numbering_gaps(plan: Plan) -> list[str]:
    warnings = []
    for previous, chapter in zip(plan.chapters, plan.chapters[1:], strict=False):
        if chapter.number != previous.number + 1:
            warnings.append(f"第{chapter.line}行：第{chapter.number}章之前缺少第{previous.number + 1}章")
    for chapter in plan.chapters:
        last: dict[int, int] = {}
        for section in chapter.sections:
            number = headings.small_number(section.number)
            expected = last.get(section.level, 0) + 1
            if number is not None and section.level == 1:
                last.pop(2, None)
            if number is not None and number != expected:
                warnings.append(
                    f"第{section.line}行：第{chapter.number}章的“{section.number}、{section.title}”之前缺少编号{expected}"
                )
            if number is not None:
                last[section.level] = number
    return warnings
