"""Reader for the text export of a Word plan document (the format of ../shared/plans/*.txt).

The export writes one paragraph per line, with these conventions:
- `[bookmark: _Toc…]` markers anywhere (dropped);
- `[footnoteRef:N]` where footnote N is referenced, and the footnote body inline as `[N: …]` at the end
  of the same line (kept apart as footnote bodies; the export adds a blank line after such a line);
- tables: one cell per line beginning with a TAB, a cell continued on following lines without a TAB,
  a blank line between rows;
- text boxes as a `(` line … `)` line, their words broken across lines;
- image placeholders such as `image1.png`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from planwatch.document.decode import decode_text, read_limited
from planwatch.document.model import (
    Block,
    Box,
    Document,
    FootnoteBody,
    FootnoteRef,
    Image,
    Paragraph,
    Piece,
    Table,
)
from planwatch.document.spacing import tighten_numbers
from planwatch.errors import PlanFormatError

# A footnote body runs to the `]` that is followed by another body or the end of the line.
# Footnote numbers have at most 9 digits: int() of thousands of digits raises.
_MARKER = re.compile(
    r"\[bookmark:[^\[\]\n]*\]"
    r"|\[footnoteRef:\s*(?P<ref>\d{1,9})\]"
    r"|\[(?P<note>\d{1,9}):(?P<body>.*?)\](?=\s*(?:\[\d{1,9}:|$))"
)
# Where a footnote body can end. No body starts after the last of these: searching for markers only up to it
# keeps a long line with many `[N:` and no such end from being rescanned once per `[N:` (quadratic time).
_BODY_END = re.compile(r"\](?=\s*(?:\[\d{1,9}:|$))")
_MARKER_WITHOUT_BODY = re.compile(r"\[bookmark:[^\[\]\n]*\]|\[footnoteRef:\s*(?P<ref>\d{1,9})\]")
_BOX_OPEN = re.compile(r"^\s*[（(]\s*$")
_BOX_CLOSE = re.compile(r"^\s*[)）]\s*$")
_IMAGE = re.compile(r"^image\d+\.(?:png|jpe?g|gif|bmp|emf|wmf|tiff?)$", re.IGNORECASE)
# Inside a box, these lines stand alone: they open a paragraph of their own.
_BOX_HEADING = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|专栏\s*\d+)")
_SENTENCE_END = ("。", "！", "？", "；", "：")


@dataclass
class _Line:
    """One raw line with its export markers taken out."""

    number: int
    text: str
    pieces: list[Piece] = field(default_factory=list)
    refs: list[FootnoteRef] = field(default_factory=list)
    bodies: list[FootnoteBody] = field(default_factory=list)


def _clean(raw: str, number: int, skip: int = 0) -> _Line:
    """Take the markers out of raw[skip:], keeping a source map of what is left, trimmed of blanks."""
    line = _Line(number, "")
    kept: list[str] = []
    length = 0
    position = skip
    last_end = skip
    for last_end_match in _BODY_END.finditer(raw, skip):
        last_end = last_end_match.end()
    markers = chain(_MARKER.finditer(raw, skip, last_end), _MARKER_WITHOUT_BODY.finditer(raw, last_end))
    for match in markers:
        if match.start() > position:
            segment = raw[position : match.start()]
            line.pieces.append(Piece(length, length + len(segment), number, position))
            kept.append(segment)
            length += len(segment)
        if match.group("ref"):
            line.refs.append(FootnoteRef(int(match.group("ref")), length))
        elif match.re is _MARKER and match.group("note"):
            line.bodies.append(FootnoteBody(int(match.group("note")), match.group("body").strip(), number))
        position = match.end()
    if position < len(raw):
        segment = raw[position:]
        line.pieces.append(Piece(length, length + len(segment), number, position))
        kept.append(segment)
    text = "".join(kept)
    lead = len(text) - len(text.lstrip())
    line.text = text.strip()
    line.pieces = _shift(line.pieces, lead, len(line.text))
    line.refs = [FootnoteRef(r.number, min(max(r.offset - lead, 0), len(line.text))) for r in line.refs]
    return line


def _shift(pieces: list[Piece], lead: int, length: int) -> list[Piece]:
    """Re-base pieces after `lead` characters were cut from the front and the text cut to `length`."""
    shifted = []
    for piece in pieces:
        start, end = max(piece.start - lead, 0), min(piece.end - lead, length)
        if end > start:
            shifted.append(Piece(start, end, piece.line, piece.column + (start - (piece.start - lead))))
    return shifted


def _paragraph(parts: list[_Line]) -> Paragraph:
    """Join cleaned lines into one paragraph (Chinese text: no separator), keeping the source map."""
    text, pieces, refs = "", [], []
    for part in parts:
        offset = len(text)
        pieces += [Piece(p.start + offset, p.end + offset, p.line, p.column) for p in part.pieces]
        refs += [FootnoteRef(r.number, r.offset + offset) for r in part.refs]
        text += part.text
    return Paragraph(text=text, line=parts[0].number, pieces=tuple(pieces), refs=tuple(refs))


class _Reader:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.footnotes: dict[int, FootnoteBody] = {}
        self.blocks: list[Block] = []
        self.warnings: list[str] = []

    def clean(self, index: int, skip: int = 0) -> _Line:
        line = _clean(self.lines[index], index + 1, skip)
        for body in line.bodies:
            known = self.footnotes.get(body.number)
            if known and known.text != body.text:
                raise PlanFormatError(
                    f"footnote {body.number} has a second, different text (first on line {known.line})",
                    line=body.line,
                )
            self.footnotes.setdefault(body.number, body)
        return line

    def read(self) -> None:
        i = 0
        while i < len(self.lines):
            raw = self.lines[i]
            if raw.startswith("\t"):
                i = self.read_table(i)
            elif _BOX_OPEN.match(raw):
                i = self.read_box(i)
            elif _is_tab_row(raw) and i + 1 < len(self.lines) and _is_tab_row(self.lines[i + 1]):
                i = self.read_tab_rows(i)
            else:
                line = self.clean(i)
                if line.text:
                    if _IMAGE.match(line.text):
                        self.blocks.append(Image(line.text, line.number))
                    else:
                        self.blocks.append(_paragraph([line]))
                i += 1

    def read_table(self, start: int) -> int:
        rows: list[list[Paragraph]] = []
        row: list[list[_Line]] = []  # cells, each the lines it is made of
        row_line = start + 1
        width: int | None = None
        after_footnote = False  # the export puts a blank line after a footnote body, even inside a row
        i = start
        while i < len(self.lines):
            raw = self.lines[i]
            if raw.startswith("\t"):
                if not row:
                    row_line = i + 1
                line = self.clean(i, skip=1)
                row.append([line])
            elif raw.strip():
                if not row:
                    break  # a paragraph after the last row: the table is over
                line = self.clean(i)
                row[-1].append(line)
            elif row and not (after_footnote and width and len(row) < width and self._next_is_cell(i)):
                width = self._close_row(rows, row, row_line, width)
                row = []
            elif not row and not self._next_is_cell(i):
                break
            after_footnote = bool(raw.strip()) and bool(line.bodies)
            i += 1
        if row:
            self._close_row(rows, row, row_line, width)
        self.blocks.append(Table(rows=rows, line=start + 1))
        return i

    def _next_is_cell(self, index: int) -> bool:
        for raw in self.lines[index + 1 :]:
            if raw.strip():
                return raw.startswith("\t")
        return False

    def _close_row(self, rows, row, row_line: int, width: int | None) -> int:
        """Close a row; one whose width differs from the header's is kept (a two-row header has fewer cells)."""
        if width is not None and len(row) != width:
            self.warnings.append(f"第{row_line}行：表格行有{len(row)}个单元格，表头有{width}个")
        rows.append([_paragraph(cell) for cell in row])
        return max(len(row), width or 0)

    def read_tab_rows(self, start: int) -> int:
        """A table copied from a web page: one row per line, its cells separated by TABs."""
        rows: list[list[Paragraph]] = []
        i = start
        while i < len(self.lines) and _is_tab_row(self.lines[i]):
            line = self.clean(i)
            rows.append(_tab_cells(line))
            i += 1
        self.blocks.append(Table(rows=rows, line=start + 1))
        return i

    def read_box(self, start: int) -> int:
        paragraphs: list[Paragraph] = []
        current: list[_Line] = []
        i = start + 1
        while i < len(self.lines) and not _BOX_CLOSE.match(self.lines[i]):
            line = self.clean(i)
            i += 1
            if not line.text:
                continue
            if not paragraphs and not current or _BOX_HEADING.match(line.text):
                if current:
                    paragraphs.append(_paragraph(current))
                    current = []
                paragraphs.append(_paragraph([line]))
                continue
            current.append(line)
            if line.text.endswith(_SENTENCE_END):
                paragraphs.append(_paragraph(current))
                current = []
        if i >= len(self.lines):
            raise PlanFormatError("text box opened here is never closed with a ')' line", line=start + 1)
        if current:
            paragraphs.append(_paragraph(current))
        if paragraphs:
            self.blocks.append(Box(paragraphs=paragraphs, line=start + 1))
        return i + 1


def _is_tab_row(raw: str) -> bool:
    """A line of cells separated by TABs (not the export's TAB-led cell lines)."""
    return not raw.startswith("\t") and "\t" in raw.strip()


def _tab_cells(line: _Line) -> list[Paragraph]:
    cells, start = [], 0
    text = line.text
    for end in [i for i, ch in enumerate(text) if ch == "\t"] + [len(text)]:
        segment = text[start:end]
        lead = len(segment) - len(segment.lstrip())
        cell_text = segment.strip()
        column = _column_at(line, start + lead)
        pieces = (Piece(0, len(cell_text), line.number, column),) if cell_text and column is not None else ()
        cells.append(Paragraph(text=cell_text, line=line.number, pieces=pieces))
        start = end + 1
    return cells


def _column_at(line: _Line, offset: int) -> int | None:
    for piece in line.pieces:
        if piece.start <= offset < piece.end:
            return piece.column + offset - piece.start
    return None


def read_text(path: str | Path) -> Document:
    """Read a text export of a plan into a Document; raises PlanFormatError naming the file and line."""
    name = str(path)
    try:
        data = read_limited(path)
    except PlanFormatError as error:
        raise error.at(name) from None
    except FileNotFoundError:
        raise PlanFormatError("no such file", path=name) from None
    except IsADirectoryError:
        raise PlanFormatError("is a directory, not a plan file", path=name) from None
    except OSError as error:
        raise PlanFormatError(f"cannot read: {error.strerror}", path=name) from None
    try:
        return parse_text(decode_text(data), name)
    except PlanFormatError as error:
        raise error.at(name) from None


def parse_text(text: str, name: str = "<text>") -> Document:
    """Parse the text of an export (see the module docstring) into a Document."""
    if not text.strip():
        raise PlanFormatError("the file is empty")
    # Spaces inside numbers and before units (text copied from a web page) go: `lines` are the lines as read.
    lines = [tighten_numbers(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    reader = _Reader(lines)
    reader.read()
    document = Document(
        path=name, blocks=reader.blocks, footnotes=reader.footnotes, lines=lines, warnings=reader.warnings
    )
    _check_footnote_refs(document)
    return document


def _check_footnote_refs(document: Document) -> None:
    for paragraph in document.paragraphs():
        for ref in paragraph.refs:
            if ref.number not in document.footnotes:
                raise PlanFormatError(
                    f"footnote reference {ref.number} has no footnote text",
                    line=paragraph.line_at(ref.offset),
                )
