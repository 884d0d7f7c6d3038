"""Reader for PDF plans (their text layer, through PDFium): the same Document a text export gives.

A PDF holds positioned runs of text, not paragraphs. Runs on one baseline make a row; every row is one source
line (numbered from 1 through the whole file, `Document.line_pages` gives its page). Rows in the top and bottom
margins that repeat from page to page (running headers and footers) and page numbers are dropped. Rows made of
runs far apart, one under the other with the same columns, are a table; the other rows are joined into
paragraphs while a row runs to the right margin and the next one does not start indented. Spaces the PDF puts
between Chinese characters, inside numbers and before units are removed (`424.74 亿元` → `424.74亿元`).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from planwatch.document.model import Block, Document, FootnoteBody, FootnoteRef, Paragraph, Piece, Table
from planwatch.document.pdf_notes import is_reference, note_text, split_notes
from planwatch.document.pdf_tables import Char, RuledTable, find_tables, rules
from planwatch.errors import PlanFormatError

# A national outline is about 150 pages and a few MB; these bound the time a hostile file can take.
MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PDF_PAGES = 1000
MAX_PDF_SECONDS = 60.0
# Margin bands (share of the page height) where running headers, footers and page numbers stand.
_BAND = 0.1

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
# Between a Chinese word and a number (到 2025 年, 424.74 亿元), but not after a caption's number (表1 主要指标).
_SPACE_NEAR_CJK = re.compile(
    rf"(?<=[{_CJK}])[ \t\u00a0]+(?=\d)|(?<!表\d)(?<!图\d)(?<!栏\d)(?<=\d)[ \t\u00a0]+(?=[{_CJK}])"
)
_SPACE_IN_NUMBER = re.compile(r"(?<=\d)[ \u00a0]+(?=[.．%‰])|(?<=\d[.．])[ \u00a0]+(?=\d)")
_PAGE_NUMBER = re.compile(
    r"^[-—–·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–·\s]*$"
)
_DIGITS = re.compile(r"\d+")
# A row that opens with a heading number starts a block of its own even after a full-width row.
_HEADING_START = re.compile(
    r"^(?:第\s*[一二三四五六七八九十百零〇\d]+\s*(?:[篇章节]|部分)|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|\d{1,2}[、.．]\s*[^\d\s.．%]|\d{1,2}\.\d{1,2}\s+\S)"
)


@dataclass
class _Run:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class _Row:
    page: int
    runs: list[_Run] = field(default_factory=list)
    page_width: float = 0.0
    refs: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, footnote number)
    line: int = 0
    text: str = ""

    @property
    def x0(self) -> float:
        return min(r.x0 for r in self.runs)

    @property
    def x1(self) -> float:
        return max(r.x1 for r in self.runs)

    @property
    def top(self) -> float:
        return max(r.y1 for r in self.runs)

    @property
    def bottom(self) -> float:
        return min(r.y0 for r in self.runs)

    @property
    def height(self) -> float:
        return max(r.y1 - r.y0 for r in self.runs)

    def cells(self) -> list[_Run]:
        """Runs merged while they nearly touch: the cells of a table row (one cell for a line of prose)."""
        merged: list[_Run] = []
        for run in sorted(self.runs, key=lambda r: r.x0):
            if merged and run.x0 - merged[-1].x1 < 0.3 * self.height:
                last = merged[-1]
                merged[-1] = _Run(
                    last.x0, min(last.y0, run.y0), run.x1, max(last.y1, run.y1), last.text + run.text
                )
            else:
                merged.append(_Run(run.x0, run.y0, run.x1, run.y1, run.text))
        return merged


def normalise_spacing(text: str) -> str:
    """Text of a PDF row without the spaces typesetting put between characters, inside numbers, before units."""
    text = text.strip()
    tokens = text.split()
    if len(tokens) >= 4 and sum(len(t) == 1 for t in tokens) >= 0.6 * len(tokens):
        return "".join(tokens)  # 第 一 章 总 体 要 求: every character spaced out
    return _SPACE_IN_NUMBER.sub("", _SPACE_NEAR_CJK.sub("", text))


def read_pdf(path: str | Path) -> Document:
    """Read the text layer of a PDF plan into a Document; raises PlanFormatError naming the file."""
    name = str(path)
    try:
        pages = _read_pages(path)
        document = _build(pages, name)
    except PlanFormatError as error:
        raise error.at(name) from None
    return document


def _read_pages(path: str | Path) -> list[tuple[float, float, list[_Run]]]:
    import pypdfium2 as pdfium

    size = Path(path).stat().st_size
    if size > MAX_PDF_BYTES:
        raise PlanFormatError(
            f"the PDF has {size // (1024 * 1024)} MB, over the limit of {MAX_PDF_BYTES // (1024 * 1024)} MB"
        )
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise PlanFormatError(_open_error(str(error))) from None
    try:
        count = len(pdf)
        if count > MAX_PDF_PAGES:
            raise PlanFormatError(
                f"the PDF has {count:,} pages, over the limit of {MAX_PDF_PAGES:,}: is it a plan outline "
                "(a national one has about 150)? Split off the plan's pages"
            )
        started = time.monotonic()
        pages = []
        for number in range(count):
            if time.monotonic() - started > MAX_PDF_SECONDS:
                raise PlanFormatError(
                    f"reading the PDF took over {MAX_PDF_SECONDS:.0f} s and was stopped at page {number + 1} "
                    f"of {count}; save it again as PDF (or as .docx) and try once more"
                )
            pages.append(_read_page(pdf, number))
    except pdfium.PdfiumError as error:
        raise PlanFormatError(f"the PDF is damaged and cannot be read ({error})") from None
    finally:
        pdf.close()
    if not any(page[2] for page in pages):
        raise PlanFormatError(
            "the PDF has no text layer (a scan, or pages saved as images): run text recognition (OCR) on it "
            "first, or ask the issuing office for the Word file"
        )
    return pages


def _open_error(reason: str) -> str:
    if "password" in reason.lower():
        return "the PDF is encrypted (password-protected): open it with its password and save an unprotected copy"
    if "format" in reason.lower() or "not found" in reason.lower():
        return f"not a readable PDF: its structure is damaged ({reason})"
    return f"cannot open the PDF: {reason}"


def _read_page(pdf, number: int) -> tuple[float, float, list[_Run], list[RuledTable]]:
    import pypdfium2.raw as pdfium_c

    page = pdf[number]
    try:
        width, height = page.get_size()
        horizontal, vertical = rules(
            [path.get_bounds() for path in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)]
        )
        textpage = page.get_textpage()
        try:
            runs = []
            for index in range(textpage.count_rects()):
                x0, y0, x1, y1 = textpage.get_rect(index)
                text = textpage.get_text_bounded(x0, y0, x1, y1).replace("\r", "").replace("\n", "")
                if text.strip():
                    runs.append(_Run(x0, y0, x1, y1, text))
            tables = find_tables(horizontal, vertical, _chars(textpage)) if vertical and horizontal else []
        finally:
            textpage.close()
    finally:
        page.close()
    return width, height, runs, tables


def _chars(textpage) -> list[Char]:
    text = textpage.get_text_range()
    chars = []
    for index, char in enumerate(text[: textpage.count_chars()]):
        if not char.isspace():
            x0, y0, x1, y1 = textpage.get_charbox(index)
            chars.append(Char(x0, y0, x1, y1, char))
    return chars


def _rows(page_number: int, runs: list[_Run]) -> list[_Row]:
    """Runs grouped into rows: runs whose vertical middles lie within each other's height, top to bottom."""
    rows: list[_Row] = []
    for run in sorted(runs, key=lambda r: (-(r.y0 + r.y1) / 2, r.x0)):
        middle = (run.y0 + run.y1) / 2
        if rows and rows[-1].bottom <= middle <= rows[-1].top:
            rows[-1].runs.append(run)
        else:
            rows.append(_Row(page_number, [run]))
    for row in rows:
        row.runs.sort(key=lambda r: r.x0)
    return rows


def _running_key(row: _Row) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", "".join(r.text for r in row.runs)))


def _drop_running_rows(pages: list[tuple[float, float, list[_Row]]]) -> None:
    """Drop page numbers and rows repeated in the margin bands of several pages (running headers, footers)."""
    in_band: list[list[tuple[_Row, str]]] = []
    counts: Counter = Counter()
    for _, height, rows in pages:
        band = [
            (row, _running_key(row))
            for row in rows
            if row.bottom > (1 - _BAND) * height or row.top < _BAND * height
        ]
        in_band.append(band)
        counts.update({key for _, key in band})
    repeated = {key for key, count in counts.items() if count >= 2 and count >= 0.3 * len(pages)}
    for (_, _, rows), band in zip(pages, in_band, strict=True):
        dropped = {
            id(row)
            for row, key in band
            if key in repeated or _PAGE_NUMBER.match("".join(r.text for r in row.runs))
        }
        rows[:] = [row for row in rows if id(row) not in dropped]


@dataclass
class _PageTable:
    page: int
    table: RuledTable
    line: int = 0

    @property
    def top(self) -> float:
        return self.table.top


def _build(raw_pages: list[tuple[float, float, list[_Run], list[RuledTable]]], name: str) -> Document:
    pages = []
    for number, (width, height, runs, tables) in enumerate(raw_pages, start=1):
        outside = [r for r in runs if not any(t.holds((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2) for t in tables)]
        rows = _rows(number, outside)
        for row in rows:
            row.page_width = width
        pages.append((width, height, rows, [_PageTable(number, table) for table in tables]))
    _drop_running_rows([(width, height, rows) for width, height, rows, _ in pages])
    lines: list[str] = []
    line_pages: list[int] = []
    ordered: list[tuple[_Row | _PageTable, float, float]] = []  # row or table, margins of its page
    footnotes: dict[int, FootnoteBody] = {}
    for _, _, all_rows, tables in pages:
        rows, notes = split_notes(all_rows)
        if not rows and not tables:
            continue
        left = min((r.x0 for r in rows), default=0.0)
        right = max((r.x1 for r in rows), default=0.0)
        numbers = {mark: len(footnotes) + index for index, (mark, _) in enumerate(notes, start=1)}
        for item in sorted(rows + tables, key=lambda item: -item.top):
            item.line = len(lines) + 1
            if isinstance(item, _PageTable):
                # As a text export writes a table row: one cell after another, separated by a TAB.
                lines += ["\t".join(normalise_spacing(cell) for cell in row) for row in item.table.rows]
                line_pages += [item.page] * len(item.table.rows)
            else:
                _row_text(item, numbers)
                lines.append(item.text)
                line_pages.append(item.page)
            ordered.append((item, left, right))
        for mark, note_rows in notes:
            for row in note_rows:
                row.text = normalise_spacing("".join(r.text for r in row.runs))
                lines.append(row.text)
                line_pages.append(row.page)
            text = normalise_spacing(note_text(note_rows))
            number = numbers[mark]
            footnotes[number] = FootnoteBody(number=number, text=text, line=len(lines) - len(note_rows) + 1)
    blocks = _blocks(ordered, lines)
    if not blocks:
        raise PlanFormatError(
            "the PDF has no text layer beyond its page numbers and running headers (a scan?): run text "
            "recognition (OCR) on it first, or ask the issuing office for the Word file"
        )
    return Document(
        path=name, blocks=blocks, lines=lines, format="pdf", line_pages=line_pages, footnotes=footnotes
    )


def _row_text(row: _Row, numbers: dict[str, int]) -> None:
    """The row's text without the raised marks of its page's footnotes, which become references."""
    kept = ""
    for run in row.runs:
        mark = is_reference(run, row.height, set(numbers)) if numbers else None
        if mark is None:
            kept += run.text
        else:
            row.refs.append((len(normalise_spacing(kept)), numbers[mark]))
    row.text = normalise_spacing(kept)


def _continues_table(before: _PageTable, after: _PageTable) -> bool:
    """The next page opens with a table of the same width as the one that closed the page before."""
    return (
        after.page == before.page + 1
        and abs(after.table.left - before.table.left) < 2
        and abs(after.table.right - before.table.right) < 2
    )


def _ruled_table(item: _PageTable) -> Table:
    rows = []
    for offset, row in enumerate(item.table.rows):
        line, cells, column = item.line + offset, [], 0
        for text in row:
            cell = normalise_spacing(text)
            cells.append(
                Paragraph(text=cell, line=line, pieces=(Piece(0, len(cell), line, column),) if cell else ())
            )
            column += len(cell) + 1
        rows.append(cells)
    return Table(rows=rows, line=item.line)


def _blocks(ordered: list[tuple[_Row, float, float]], lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    current: list[_Row] = []
    i = 0
    while i < len(ordered):
        row, left, right = ordered[i]
        if isinstance(row, _PageTable):
            if current:
                blocks.append(_paragraph(current))
                current = []
            before = ordered[i - 1][0] if i else None
            table = _ruled_table(row)
            if isinstance(before, _PageTable) and _continues_table(before, row) and not current:
                blocks[-1].rows.extend(table.rows)  # a table broken across a page break is one table
            else:
                blocks.append(table)
            i += 1
            continue
        table_end = _table_end(ordered, i)
        if table_end > i:
            if current:
                blocks.append(_paragraph(current))
                current = []
            blocks.append(_table([r for r, _, _ in ordered[i:table_end]], lines))
            i = table_end
            continue
        if current and _starts_paragraph(current[-1], ordered[i - 1][2], row, left, right):
            blocks.append(_paragraph(current))
            current = []
        if row.text:
            current.append(row)
        i += 1
    if current:
        blocks.append(_paragraph(current))
    return blocks


def _starts_paragraph(previous: _Row, previous_right: float, row: _Row, left: float, right: float) -> bool:
    em = max(previous.height, 1.0)
    same_page = previous.page == row.page
    if _wrapped_centred_line(previous, row, left, right, em):
        return False
    return (
        previous.x1 < previous_right - 2 * em  # the previous row stopped short: its paragraph ended
        or row.x0 > left + 0.8 * em  # indented first line
        or abs(row.height - previous.height) > 0.2 * em  # another font size: a heading
        or (same_page and previous.bottom - row.top > 1.2 * em)  # space between paragraphs
        or (previous.text.endswith(("。", "：", "；")) and row.x0 > left + 0.3 * em)
        or bool(_HEADING_START.match(row.text))  # a heading under a full-width row
    )


def _wrapped_centred_line(previous: _Row, row: _Row, left: float, right: float, em: float) -> bool:
    """A centred title wrapped over two lines (…第十四个五年规 / 划和二〇三五年远景目标纲要) is one paragraph."""
    # The middle of the text area, or of the page when the page has no full-width line to show the margins.
    middles = ((left + right) / 2, row.page_width / 2)
    return (
        previous.page == row.page
        and row.x0 > left + 2 * em
        and any(
            abs((previous.x0 + previous.x1) / 2 - middle) < em and abs((row.x0 + row.x1) / 2 - middle) < em
            for middle in middles
        )
        and abs(row.height - previous.height) <= 0.1 * em
        and previous.bottom - row.top < 1.2 * em
        and not previous.text.endswith(("。", "；", "：", "！", "？"))
        and not _HEADING_START.match(row.text)
    )


def _table_end(ordered: list[tuple[_Row, float, float]], start: int) -> int:
    """The index after the last row of a table starting at `start`, or `start` when no table starts there."""
    end = start
    while end < len(ordered):
        row = ordered[end][0]
        if not isinstance(row, _Row):
            break
        in_table = len(row.cells()) >= 2 or (end > start and _continues_cell(ordered[end - 1][0], row))
        if not in_table:
            break
        end += 1
    return end if end - start >= 2 else start


def _continues_cell(previous: _Row, row: _Row) -> bool:
    """A single run just under a table row (a cell whose text wrapped) belongs to the table."""
    return row.page == previous.page and previous.bottom - row.top < 0.5 * row.height


def _table(rows: list[_Row], lines: list[str]) -> Table:
    """Cells by column: the columns are those of the row with the most cells; a wrapped cell joins its row."""
    widest = max(rows, key=lambda r: (len(r.cells()), rows.index(r)))
    anchors = widest.cells()
    bounds = [(a.x1 + b.x0) / 2 for a, b in zip(anchors, anchors[1:], strict=False)]
    grid: list[list[Paragraph]] = []
    previous: _Row | None = None
    for row in rows:
        texts = [""] * len(anchors)
        for run in row.cells():
            column = sum(1 for bound in bounds if (run.x0 + run.x1) / 2 > bound)
            texts[column] += normalise_spacing(run.text)
        # As a text export writes a table row: one cell after another, separated by a TAB.
        lines[row.line - 1] = row.text = "\t".join(texts)
        cells = []
        for column, text in enumerate(texts):
            start = sum(len(t) + 1 for t in texts[:column])
            pieces = (Piece(0, len(text), row.line, start),) if text else ()
            cells.append(Paragraph(text=text, line=row.line, pieces=pieces))
        if previous is not None and grid and _continues_cell(previous, row):
            grid[-1] = [_join_cells(above, below) for above, below in zip(grid[-1], cells, strict=True)]
        else:
            grid.append(cells)
        previous = row
    return Table(rows=grid, line=rows[0].line)


def _join_cells(above: Paragraph, below: Paragraph) -> Paragraph:
    if not below.text:
        return above
    if not above.text:
        return below
    offset = len(above.text)
    pieces = above.pieces + tuple(
        Piece(p.start + offset, p.end + offset, p.line, p.column) for p in below.pieces
    )
    return Paragraph(text=above.text + below.text, line=above.line, pieces=pieces)


def _paragraph(rows: list[_Row]) -> Paragraph:
    text, pieces, refs = "", [], []
    for row in rows:
        pieces.append(Piece(len(text), len(text) + len(row.text), row.line, 0))
        refs += [FootnoteRef(number, len(text) + offset) for offset, number in row.refs]
        text += row.text
    return Paragraph(text=text, line=rows[0].line, pieces=tuple(pieces), refs=tuple(refs))
