"""The report as a Word document in the manner of GB/T 9704: 小标宋 title, 黑体/楷体 headings, 仿宋 body.

East Asian fonts are set with w:eastAsia on every style and run (the font name alone changes only Latin
text), and the font table names a Noto CJK face as each GB face's alternative for readers without it.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from planwatch.report import style
from planwatch.report.fitting import fitted_widths
from planwatch.report.model import ChartGrid, Heading, PageBreak, Paragraph, Report, Table

_GREY = RGBColor(0x80, 0x80, 0x80)
_ALIGN = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT}
# Elements that follow ours in the schema's sequence (Word refuses a document whose children are out of order).
_AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")  # fmt: skip
_AFTER_TBLCELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_TBLLAYOUT = ("w:tblCellMar", *_AFTER_TBLCELLMAR)
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", *_AFTER_TBLLAYOUT)
_FACES = (style.TITLE, style.HEI, style.KAI, style.FANG, style.SONG)


def _fonts(element, face: style.Face) -> None:
    """Set Latin and East Asian fonts on a run or style rPr, replacing any theme fonts."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    fonts.set(qn("w:ascii"), style.LATIN)
    fonts.set(qn("w:hAnsi"), style.LATIN)
    fonts.set(qn("w:eastAsia"), face.name)
    fonts.set(qn("w:cs"), style.LATIN)


def _run(paragraph, text: str, face: style.Face, size: float, bold: bool = False, colour=None):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    _fonts(run._element, face)
    return run


def _style_font(doc_style, face: style.Face, size: float, bold: bool = False) -> None:
    doc_style.font.size = Pt(size)
    doc_style.font.bold = bold
    doc_style.font.italic = False
    doc_style.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(doc_style.element, face)


def _spacing(
    paragraph_format,
    line: float | None = style.LINE_PITCH,
    before: float = 0,
    after: float = 0,
    indent: bool = False,
) -> None:
    if line is None:
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph_format.line_spacing = Pt(line)
    paragraph_format.space_before = Pt(before)
    paragraph_format.space_after = Pt(after)
    if indent:
        # two characters of the body size: 首行缩进2字符
        paragraph_format.first_line_indent = Pt(style.SIZE_3 * 2)


def _setup_styles(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _style_font(normal, style.FANG, style.SIZE_3)
    _spacing(normal.paragraph_format, indent=True)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    language = OxmlElement("w:lang")  # Chinese line breaking and punctuation rules for East Asian text
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(language)
    for name, face, bold in (
        ("Heading 1", style.HEI, False),
        ("Heading 2", style.KAI, False),
        ("Heading 3", style.FANG, True),
    ):
        heading = styles[name]
        _style_font(heading, face, style.SIZE_3, bold)
        _spacing(heading.paragraph_format, indent=True)
        heading.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        _style_font(styles[name], style.SONG, style.SIZE_4)
    for name, face in (("Table Text", style.FANG), ("Table Header", style.HEI)):
        table_style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        table_style.base_style = normal
        _style_font(table_style, face, style.SIZE_5)
        _spacing(table_style.paragraph_format, line=None)
        table_style.paragraph_format.first_line_indent = Pt(0)
        table_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    caption = styles["Caption"]
    _style_font(caption, style.HEI, 12)
    _spacing(caption.paragraph_format, line=None, before=6, after=3)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.paragraph_format.keep_with_next = True


def _font_table(document) -> None:
    """Declare each GB face with a Noto CJK alternative so a reader without it falls back to what is installed."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            root = etree.fromstring(part.blob)
            known = {font.get(qn("w:name")) for font in root.findall(qn("w:font"))}
            for face in _FACES:
                if face.name in known:
                    continue
                font = etree.SubElement(root, qn("w:font"))
                font.set(qn("w:name"), face.name)
                alt = etree.SubElement(font, qn("w:altName"))
                alt.set(qn("w:val"), face.fallback)
                charset = etree.SubElement(font, qn("w:charset"))
                charset.set(qn("w:val"), "86")  # GB2312
                family = etree.SubElement(font, qn("w:family"))
                family.set(qn("w:val"), "modern" if face is style.HEI else "roman")
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(section) -> None:
    section.page_width, section.page_height = Mm(style.PAGE_WIDTH), Mm(style.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Mm(style.MARGIN_TOP), Mm(style.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(style.MARGIN_LEFT), Mm(style.MARGIN_RIGHT)
    section.footer_distance = Mm(18)


def _field(paragraph, instruction: str, face: style.Face, size: float) -> None:
    """A Word field (PAGE) inside a paragraph."""
    run = _run(paragraph, "", face, size)
    for tag, text in (("w:fldChar", "begin"), ("w:instrText", instruction), ("w:fldChar", "separate")):
        element = OxmlElement(tag)
        if tag == "w:fldChar":
            element.set(qn("w:fldCharType"), text)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        run._element.append(element)
    _run(paragraph, "1", face, size)
    end = _run(paragraph, "", face, size)
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), "end")
    end._element.append(element)


def _page_number_paragraph(paragraph, odd: bool) -> None:
    """— 1 —: odd pages at the right, even pages at the left, one character in from the edge (GB/T 9704 7.5)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        paragraph.paragraph_format.right_indent = Pt(style.SIZE_4)
    else:
        paragraph.paragraph_format.left_indent = Pt(style.SIZE_4)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    _run(paragraph, "— ", style.SONG, style.SIZE_4)
    _field(paragraph, "PAGE", style.SONG, style.SIZE_4)
    _run(paragraph, " —", style.SONG, style.SIZE_4)


def _page_numbers(section) -> None:
    """Page numbers in the footer (4号半角宋体), alternating right/left by the number's parity; the title page is
    page 0 of the one section, shown with no number (a different first page), so the text starts at — 1 — on
    the page right after it: no section break, hence no blank page a word processor inserts to put an odd
    number on a right-hand page after the odd-numbered title page."""
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    section.different_first_page_header_footer = True
    _page_number_paragraph(section.footer.paragraphs[0], odd=True)
    _page_number_paragraph(section.even_page_footer.paragraphs[0], odd=False)
    number_type = OxmlElement("w:pgNumType")
    number_type.set(qn("w:start"), "0")
    section._sectPr.insert_element_before(number_type, *_AFTER_PGNUMTYPE)


def _running_header(section, text: str) -> None:
    """The illustrative-data line at the top of every page (odd and even) of the section."""
    for header in (section.header, section.even_page_header, section.first_page_header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        _run(paragraph, text, style.FANG, style.SIZE_5, colour=_GREY)


def _title_page(document, report: Report) -> None:
    page = report.title_page
    first = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    _spacing(first.paragraph_format, line=None, before=120)
    first.paragraph_format.first_line_indent = Pt(0)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(title.paragraph_format, line=35, after=18)
    title.paragraph_format.first_line_indent = Pt(0)
    for index, line in enumerate(page.title_lines):
        run = _run(title, line, style.TITLE, style.SIZE_2)
        if index < len(page.title_lines) - 1:
            run.add_break()  # the title breaks between words (GB/T 9704: 回行时要做到词意完整)
    for text, face, size, colour, before in (
        (page.doc_number, style.FANG, style.SIZE_3, None, 0),
        (page.subtitle, style.KAI, style.SIZE_3, None, 0),
        (page.issuer, style.FANG, style.SIZE_3, None, 150),
        (page.date_line, style.FANG, style.SIZE_3, None, 0),
        *((notice, style.FANG, 12.0, _GREY, 24 if i == 0 else 6) for i, notice in enumerate(page.notices)),
    ):
        if not text:
            continue
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(paragraph.paragraph_format, before=before)
        paragraph.paragraph_format.first_line_indent = Pt(0)
        _run(paragraph, text, face, size, colour=colour)


def _heading(document, block: Heading) -> None:
    paragraph = document.add_paragraph(style=f"Heading {min(block.level, 3)}")
    face = {1: style.HEI, 2: style.KAI}.get(block.level, style.FANG)
    _run(paragraph, block.text, face, style.SIZE_3, bold=block.level >= 3)


def _paragraph(document, block: Paragraph) -> None:
    paragraph = document.add_paragraph()
    size = 12.0 if block.role == "note" else style.SIZE_3
    if block.role == "note":
        _spacing(paragraph.paragraph_format, line=20, indent=True)
    if block.role == "detail":
        # justified lines around long unbreakable runs of figures (9.0%、-1.5%、6.0%…) spread badly
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if block.lead:
        _run(paragraph, block.lead, style.KAI, size)
    _run(paragraph, block.text, style.FANG, size, colour=_GREY if block.role == "pending" else None)


def _borders(table_element, visible: bool) -> None:
    properties = table_element.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    properties.insert_element_before(borders, *_AFTER_TBLBORDERS)


def _fixed_layout(table, widths_mm: list[float]) -> None:
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.insert_element_before(layout, *_AFTER_TBLLAYOUT)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = table._tbl.tblPr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(int(sum(widths_mm) / 25.4 * 1440)))
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        column.set(qn("w:w"), str(int(width / 25.4 * 1440)))


def _cell_text(cell, text: str, paragraph_style, face: style.Face, align) -> None:
    """Cell text in the table paragraph style; the run repeats the East Asian font for readers that need it."""
    paragraph = cell.paragraphs[0]
    paragraph._p.style = paragraph_style.style_id  # the public setter searches every style per call
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    _fonts(run._element, face)


def _cell_margins(table) -> None:
    """1 mm left and right inside cells (Word's default 1.9 mm wastes a narrow column), cells centred vertically."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "57")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.insert_element_before(margins, *_AFTER_TBLCELLMAR)


def _row_flags(row, header: bool) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page


def _table(document, block: Table) -> None:
    _caption(document, block.caption)
    widths = fitted_widths(block.widths, block.header, block.rows)  # numbers with their units on one line
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
    _borders(table._tbl, True)
    _fixed_layout(table, widths)
    _cell_margins(table)
    text_style, header_style = document.styles["Table Text"], document.styles["Table Header"]
    aligns = [_ALIGN.get(block.align[i] if i < len(block.align) else "l") for i in range(len(block.header))]
    for row_index, (row, values) in enumerate(zip(table.rows, [block.header, *block.rows], strict=True)):
        _row_flags(row, row_index == 0)
        for index, (cell, text, width) in enumerate(zip(row.cells, values, widths, strict=True)):
            cell.width = Mm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if row_index == 0:
                _cell_text(cell, text, header_style, style.HEI, WD_ALIGN_PARAGRAPH.CENTER)
            else:
                _cell_text(cell, text, text_style, style.FANG, aligns[index])
    if block.note:
        note = document.add_paragraph()
        _spacing(note.paragraph_format, line=None, before=3, after=6)
        note.paragraph_format.first_line_indent = Pt(0)
        _run(note, block.note, style.FANG, style.SIZE_5)


def _caption(container, text: str, size: float | None = None):
    paragraph = container.add_paragraph(style="Caption")
    run = paragraph.add_run(text)
    _fonts(run._element, style.HEI)
    if size:
        run.font.size = Pt(size)
    return paragraph


def _charts(document, block: ChartGrid) -> None:
    columns = max(1, block.columns)
    if columns == 1:
        for chart in block.charts:
            picture = document.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.first_line_indent = Pt(0)
            picture.paragraph_format.keep_with_next = True
            _spacing(picture.paragraph_format, line=None, before=6)
            picture.paragraph_format.first_line_indent = Pt(0)
            picture.add_run().add_picture(io.BytesIO(chart.png), width=Mm(chart.width_cm * 10))
            _caption(document, chart.caption)
        return
    rows = (len(block.charts) + columns - 1) // columns
    table = document.add_table(rows=rows, cols=columns)
    _borders(table._tbl, False)
    _fixed_layout(table, [style.TEXT_WIDTH / columns] * columns)
    for index, chart in enumerate(block.charts):
        row = table.rows[index // columns]
        if index % columns == 0:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cell = row.cells[index % columns]
        picture = cell.paragraphs[0]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(picture.paragraph_format, line=None, before=4)
        picture.paragraph_format.first_line_indent = Pt(0)
        picture.add_run().add_picture(io.BytesIO(chart.png), width=Mm(min(chart.width_cm * 10, 76)))
        _caption(cell, chart.caption, size=style.SIZE_5).paragraph_format.keep_with_next = False


def write_docx(report: Report) -> bytes:
    """The report as .docx bytes."""
    document = Document()
    _setup_styles(document)
    _font_table(document)
    document.settings.odd_and_even_pages_header_footer = True
    _page(document.sections[0])
    _page_numbers(document.sections[0])
    if report.running_header:
        _running_header(document.sections[0], report.running_header)
    _title_page(document, report)
    cover_paragraphs = len(document.paragraphs)
    document.core_properties.title = report.title_page.title
    document.core_properties.language = "zh-CN"
    for block in report.blocks:
        if isinstance(block, Heading):
            _heading(document, block)
        elif isinstance(block, Paragraph):
            _paragraph(document, block)
        elif isinstance(block, Table):
            if block.printed:
                _table(document, block)
        elif isinstance(block, ChartGrid):
            _charts(document, block)
        elif isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if len(document.paragraphs) > cover_paragraphs:  # the text starts on the page after the title page
        document.paragraphs[cover_paragraphs].paragraph_format.page_break_before = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
