"""Passages: the pieces of a document that extraction reads, each with where it stands in the plan."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from planwatch.document.model import Box, Document, FootnoteBody, Paragraph, Piece, Table
from planwatch.plan import headings
from planwatch.plan.cleanup import cut

BODY = "body"
BOX = "box"
TABLE = "table"
FOOTNOTE = "footnote"

# The longest paragraph of the Songjiang plan has about 1,100 characters. Reading the numbers of a paragraph
# costs time that grows faster than its length, so a far longer one (a file without line breaks?) is read in
# pieces of at most this many characters, cut after a sentence.
MAX_PASSAGE_CHARS = 20_000
# planwatch/extract/statements.py refuses a paragraph of more than 500 numbers: pieces hold at most this many.
MAX_PASSAGE_NUMBERS = 400
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")

# Section headings under which a plan looks back at the last period (“十三五”时期的主要成就, 发展基础).
_REVIEW_WORDS = ("成就", "回顾", "发展基础", "取得成效", "主要成效", "主要成绩", "进展情况", "实施情况")
# 第一节 发展基础 (national and provincial outlines) and （一） headings: short lines without a full stop.
_OTHER_SECTION = re.compile(
    r"^(?:第[一二三四五六七八九十]+节|（[一二三四五六七八九十]+）)\s*(?P<title>[^。；]{2,30})$"
)


@dataclass
class Passage:
    paragraph: Paragraph
    container: str  # "body" | "box" | "table" | "footnote"
    chapter: int | None
    heading: str | None = None  # the level-1 section heading the passage stands under
    review: bool = False  # under a heading that reviews the last period: numbers there are facts
    caption: str | None = None  # the box title or table caption
    column: str | None = None  # for table cells: the header of the column

    @property
    def text(self) -> str:
        return self.paragraph.text


def is_review_heading(title: str) -> bool:
    return any(word in title for word in _REVIEW_WORDS)


def passages_from_document(document: Document) -> list[Passage]:
    """Every paragraph, table cell, box paragraph and footnote of the document, in reading order."""
    walker = _Walker()
    for block in document.blocks:
        walker.add(block)
    for number in sorted(document.footnotes):
        walker.add_footnote(document.footnotes[number], document)
    passages = []
    for passage in walker.passages:
        if len(passage.text) <= 2 * MAX_PASSAGE_NUMBERS or (  # too short to hold that many numbers
            len(passage.text) <= MAX_PASSAGE_CHARS
            and len(_NUMBER.findall(passage.text)) <= MAX_PASSAGE_NUMBERS
        ):
            passages.append(passage)
        else:
            passages += [replace(passage, paragraph=piece) for piece in split_long(passage.paragraph)]
    return passages


def split_long(
    paragraph: Paragraph, limit: int = MAX_PASSAGE_CHARS, max_numbers: int = MAX_PASSAGE_NUMBERS
) -> list[Paragraph]:
    """An over-long paragraph in pieces of at most `limit` characters and `max_numbers` numbers, each cut after
    a sentence if it can be, never inside a number."""
    text = paragraph.text
    numbers = [match.start() for match in _NUMBER.finditer(text)]
    pieces, start = [], 0
    while True:
        end = min(start + limit, len(text))
        beyond = bisect_left(numbers, start) + max_numbers  # the first number this piece cannot hold
        if beyond < len(numbers) and numbers[beyond] < end:
            end = numbers[beyond]
        if end >= len(text):
            break
        sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text, start + (end - start) // 2, end)]
        if sentence_ends:
            end = sentence_ends[-1]
        else:
            while end > start + (end - start) // 2 + 1 and (
                text[end - 1].isdigit() or text[end - 1] in ".．"
            ):
                end -= 1
        pieces.append(cut(paragraph, start, end))
        start = end
    pieces.append(cut(paragraph, start, len(text)))
    return [piece for piece in pieces if piece.text]


class _Walker:
    def __init__(self) -> None:
        self.passages: list[Passage] = []
        self.chapter: int | None = None
        self.heading: str | None = None
        self.review = False
        self.caption: str | None = None
        self.footnote_places: dict[int, tuple[int | None, str | None, bool]] = {}

    def add(self, block) -> None:
        if isinstance(block, Paragraph):
            self.add_paragraph(block)
        elif isinstance(block, Table):
            self.add_table(block)
        elif isinstance(block, Box):
            title = block.paragraphs[0].text if block.paragraphs else None
            for paragraph in block.paragraphs:
                self.emit(paragraph, BOX, caption=title)

    def add_paragraph(self, paragraph: Paragraph) -> None:
        text = paragraph.text
        chapter = headings.match_chapter(text)
        if chapter:
            self.chapter, self.heading = chapter[0], None
            self.review = is_review_heading(chapter[1])  # 第一章 发展基础 reviews as a whole
            return
        section = headings.match_section(text)
        other = _OTHER_SECTION.match(text)
        if section or other:
            level, title = (section[1], section[2]) if section else (1, other.group("title"))
            if level == 1 or self.heading is None:
                self.heading = title
                self.review = is_review_heading(title)
            return
        if headings.TABLE_CAPTION.match(text) or headings.FIGURE.match(text):
            self.caption = text
            return
        self.emit(paragraph, BODY)

    def add_table(self, table: Table) -> None:
        header = [cell.text for cell in table.rows[0]] if table.rows else []
        for row in table.rows[1:]:
            for index, cell in enumerate(row):
                column = header[index] if index < len(header) else None
                self.emit(cell, TABLE, caption=self.caption, column=column)
        self.caption = None

    def emit(self, paragraph: Paragraph, container: str, caption=None, column=None) -> None:
        if not paragraph.text.strip():
            return
        for ref in paragraph.refs:
            self.footnote_places.setdefault(ref.number, (self.chapter, self.heading, self.review))
        self.passages.append(
            Passage(paragraph, container, self.chapter, self.heading, self.review, caption, column)
        )

    def add_footnote(self, body: FootnoteBody, document: Document) -> None:
        chapter, heading, review = self.footnote_places.get(body.number, (None, None, False))
        paragraph = footnote_paragraph(body, document)
        self.passages.append(Passage(paragraph, FOOTNOTE, chapter, heading, review, f"注{body.number}"))


def footnote_paragraph(body: FootnoteBody, document: Document) -> Paragraph:
    """A Paragraph for a footnote body, mapped onto its raw line when the text stands there whole."""
    raw = document.source_line(body.line)
    column = raw.find(body.text) if body.text else -1
    pieces = (Piece(0, len(body.text), body.line, column),) if column >= 0 else ()
    return Paragraph(text=body.text, line=body.line, pieces=pieces)
