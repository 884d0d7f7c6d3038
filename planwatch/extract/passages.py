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
    r"^(?:第[一二三四五六七八九十]+节|[（(][一二三四五六七八九十]+[）)])\s*(?P<title>[^。；]{2,30})$"
)


# A look-back is decided by the tense of its sentences, not by its heading alone. These words mark a sentence
# that reports the past (过去五年, 年末, 实现了, 跃居) or one that commits to the future (到2030年, 力争, 将);
# 增长到2020年的78.93亿元 names a year's value, not a horizon.
_PAST_SENTENCE = re.compile(
    r"过去|五年来|回顾|以来|年末|年底|期末|实现了|取得了|完成了|[了已](?![解])|先后|跃居|位居|连续|圆满完成|跨越|迈上"
)
_FUTURE_SENTENCE = re.compile(
    r"到\s*20\d{2}\s*年(?!的)|到二[〇○零]|力争|(?<![即])将(?![近军])|确保|展望|预计|争取|必须|计划"
)
# Where a plan may review the past under a heading of its own words (砥砺五载, 发展环境): checked by tense.
_LOOK_BACK_PLACES = ("基础", "环境", "成就", "成绩", "五载", "五年", "回眸", "历程", "形势")
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")


# Heading forms from the outermost in: 第一节, 一、, （一）, 1、 (a deeper form nests in the part above it).
_HEADING_FORMS = (
    re.compile(r"^第[一二三四五六七八九十\d]+节"),
    re.compile(r"^[一二三四五六七八九十]+、"),
    re.compile(r"^[（(][一二三四五六七八九十]+[）)]"),
)
_DEEPEST = len(_HEADING_FORMS)


def _heading_rank(text: str) -> int:
    return next((rank for rank, form in enumerate(_HEADING_FORMS) if form.match(text)), _DEEPEST)


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
    mark_look_backs(walker.passages, walker.chapter_titles)
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


def sentence_tense(text: str) -> tuple[int, int]:
    """(sentences about the past, sentences about the future) of a text; sentences with neither are left out."""
    past = future = 0
    for sentence in _SENTENCE.findall(text):
        if _FUTURE_SENTENCE.search(sentence):
            future += 1
        elif _PAST_SENTENCE.search(sentence):
            past += 1
    return past, future


def mark_look_backs(passages: list[Passage], chapter_titles: dict[int, str]) -> None:
    """Mark as review the parts of a plan that look back: the opening part (before the first chapter, or the
    first chapter) and parts headed like a look-back (发展基础, 砥砺五载), when most of their sentences tell
    the past. A numbered heading word alone never decides: the tense of what the part says does."""
    first_chapter = min((p.chapter for p in passages if p.chapter is not None), default=None)
    units: dict[tuple[int | None, str | None], list[Passage]] = {}
    for passage in passages:
        if passage.container in (BODY, BOX):
            units.setdefault((passage.chapter, passage.heading), []).append(passage)
    for (chapter, heading), members in units.items():
        place = f"{chapter_titles.get(chapter, '') if chapter is not None else ''}{heading or ''}"
        named = any(passage.review for passage in members)  # headed 发展基础, 主要成就 …
        opening = chapter is None or chapter == first_chapter
        if not named and not opening and not any(word in place for word in _LOOK_BACK_PLACES):
            continue
        past = future = 0
        for passage in members:
            p, f = sentence_tense(passage.text)
            past, future = past + p, future + f
        # A review heading is believed unless its sentences mostly commit to the future; another place
        # looks back only when its sentences clearly tell the past.
        review = past >= future if named else past >= 2 and past > 2 * future
        for passage in members:
            passage.review = review


class _Walker:
    def __init__(self) -> None:
        self.passages: list[Passage] = []
        self.chapter_titles: dict[int, str] = {}
        self.chapter: int | None = None
        self.heading: str | None = None
        self.heading_rank: int | None = None
        self.review = False
        self.chapter_review = False
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
            self.chapter, self.heading, self.heading_rank = chapter[0], None, None
            self.chapter_titles[chapter[0]] = chapter[1]
            self.chapter_review = is_review_heading(chapter[1])  # 第一章 发展基础 reviews as a whole
            self.review = self.chapter_review
            return
        section = headings.match_section(text)
        other = _OTHER_SECTION.match(text)
        if section or other:
            title = section[2] if section else other.group("title")
            rank = _heading_rank(text)
            # A heading of a deeper form (（一） under 一、, 一、 under 第一节) stays inside the part above it;
            # 1、 headings never open a part of their own once a chapter has one.
            if self.heading is None or rank <= (self.heading_rank or 0) and rank < _DEEPEST:
                self.heading, self.heading_rank = title, rank
                self.review = self.chapter_review or is_review_heading(title)
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
