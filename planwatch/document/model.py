"""The document model: what a reader makes of a file, before any planning meaning is given to it.

Every piece of text keeps a source map back to the file, so that anything found later (a target, a
footnote term) can name its line and quote the line exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Piece:
    """Characters text[start:end] stand at `column` of source line `line` (1-based; paragraph index for .docx)."""

    start: int
    end: int
    line: int
    column: int


@dataclass(frozen=True)
class FootnoteRef:
    number: int
    offset: int  # position in the paragraph text where the reference mark stood


@dataclass
class Paragraph:
    """A run of text with its source map: a body paragraph, a table cell, or a paragraph of a box."""

    text: str
    line: int
    pieces: tuple[Piece, ...] = ()
    refs: tuple[FootnoteRef, ...] = ()
    heading_level: int | None = None  # from a .docx heading style; None in text exports

    def locate(self, start: int, end: int) -> tuple[int, int] | None:
        """(line, column) of text[start:end] when it stands whole on one source line, else None."""
        for piece in self.pieces:
            if piece.start <= start and end <= piece.end:
                return piece.line, piece.column + (start - piece.start)
        return None

    def line_at(self, offset: int) -> int:
        """The source line of the character at `offset`."""
        for piece in self.pieces:
            if piece.start <= offset < piece.end:
                return piece.line
        return self.line


@dataclass
class Table:
    rows: list[list[Paragraph]]
    line: int


@dataclass
class Box:
    """A text box (文本框): a 专栏 or an untitled box; its first paragraph is its title line."""

    paragraphs: list[Paragraph]
    line: int


@dataclass
class Image:
    name: str
    line: int


Block = Paragraph | Table | Box | Image


@dataclass
class FootnoteBody:
    number: int
    text: str
    line: int


@dataclass
class Document:
    path: str
    blocks: list[Block]
    footnotes: dict[int, FootnoteBody] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)  # the raw source lines (paragraph texts for .docx)
    format: str = "text"  # "text" (a text export), "docx" or "pdf"
    line_pages: list[int] = field(default_factory=list)  # for a PDF: the page of each source line
    warnings: list[str] = field(default_factory=list)  # what a reader read as well as it could (in Chinese)

    def page_of(self, line: int) -> int | None:
        """The PDF page a source line stands on; None for text and Word files."""
        return self.line_pages[line - 1] if 0 < line <= len(self.line_pages) else None

    def paragraphs(self):
        """Every paragraph in document order: body paragraphs, table cells row by row, box paragraphs."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block
            elif isinstance(block, Table):
                for row in block.rows:
                    yield from row
            elif isinstance(block, Box):
                yield from block.paragraphs

    def source_line(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""
