"""Reader for Word .docx plans: the same Document a text export gives, with paragraphs for lines.

Line numbers count every paragraph (w:p) of the main story once, from 1, in document order:
- a body paragraph is one line;
- a table counts the paragraphs of its cells row by row, cell by cell; a cell made of several
  paragraphs spans several lines, and an empty continuation cell of a vertical merge still counts its own;
- the paragraphs of a text box come right after the paragraph that anchors the text box;
- footnote bodies are not lines: a FootnoteBody's line is the paragraph holding its (first) reference.
`Document.lines[n - 1]` is the text of paragraph n without its text boxes and reference marks, then, as
the text export writes them, ` [N: text]` for each footnote N whose line it is: so a span of a Paragraph
or of a footnote is a substring of its line. Empty paragraphs count as lines but make no block.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

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
from planwatch.document.package import check_package, parse_xml
from planwatch.errors import PlanFormatError

log = logging.getLogger(__name__)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_V = "urn:schemas-microsoft-com:vml"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


P, TBL, TR, TC, T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("t")
SDT, SDT_CONTENT, CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
TXBX = _w("txbxContent")
FOOTNOTE_REFERENCE = _w("footnoteReference")
ALTERNATE_CONTENT, CHOICE, FALLBACK = f"{{{_MC}}}AlternateContent", f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback"
_BLIP, _IMAGEDATA = f"{{{_A}}}blip", f"{{{_V}}}imagedata"
_CHARACTERS = {_w("tab"): "\t", _w("ptab"): "\t", _w("cr"): "\n", _w("noBreakHyphen"): "-"}
# Parts of a paragraph that hold no visible text of the main story.
_PROPERTIES = ("pPr", "rPr", "sdtPr", "sdtEndPr", "instrText")
_UNSEEN = ("del", "delText", "moveFrom", "footnoteRef", "endnoteReference", "commentReference")
_SKIPPED = {_w(tag) for tag in _PROPERTIES + _UNSEEN}
_DRAWINGS = {_w("drawing"), _w("pict"), _w("object")}
_SKIPPED_FOOTNOTES = {"separator", "continuationSeparator", "continuationNotice"}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TOC_STYLE = re.compile(r"^(?:toc|目录)\s*\d$", re.IGNORECASE)

_MISSING_ITEM = re.compile(r"^There is no item named '(.+)' in the archive$")


def read_docx(path: str | Path) -> Document:
    """Read a Word .docx plan into a Document; raises PlanFormatError naming the file (and paragraph)."""
    name = str(path)
    try:
        check_package(path, ("[Content_Types].xml", "word/document.xml"), "Word .docx")
        word = _open(path)
        body = word.element.body
        if body is None:
            raise PlanFormatError("word/document.xml has no body (w:body): not a Word document")
        reader = _Reader(word)
        reader.read_body(body)
        document = Document(path=name, blocks=reader.blocks, lines=reader.lines, format="docx")
        document.footnotes = reader.footnote_bodies(_footnotes_part(word))
        for number, body in sorted(document.footnotes.items()):
            # As the export does, so that a quote from a footnote is a substring of the footnote's line too.
            document.lines[body.line - 1] += f" [{number}: {body.text}]"
    except PlanFormatError as error:
        raise error.at(name) from None
    if not any(_has_text(block) for block in document.blocks):
        raise PlanFormatError("the Word document has no text", path=name)
    return document


def _open(path: str | Path):
    word = _load(path)
    # python-docx reads a part whose root is not the element it expects only later, with an AttributeError.
    for part, element, tag in (
        ("word/document.xml", word.element, "document"),
        ("styles", word.styles.element, "styles"),
    ):
        if element.tag != _w(tag):
            raise PlanFormatError(
                f"the {part} part of the Word package has <{element.tag}> at its root, not w:{tag}"
            )
    return word


def _load(path: str | Path):
    try:
        return docx.Document(str(path))
    except PackageNotFoundError:
        raise PlanFormatError("not a Word document (python-docx finds no package in it)") from None
    except KeyError as error:
        reason = str(error.args[0]) if error.args else ""
        missing = _MISSING_ITEM.match(reason)
        if missing:
            raise PlanFormatError(
                f"the Word package has no part {missing.group(1)}, yet a relationship names it"
            ) from None
        raise PlanFormatError(f"the Word package is incomplete: {reason}") from None
    except ValueError as error:
        raise PlanFormatError(f"not a Word document: {error}") from None
    except Exception as error:  # python-docx on a malformed package: one line, not a traceback
        log.info("python-docx refused %s: %r", path, error)
        raise PlanFormatError(f"cannot open as a Word document: {type(error).__name__}: {error}") from None


@dataclass
class _Scan:
    """What one w:p holds: its text, footnote marks (raw offset, w:id), text boxes and images in order."""

    parts: list[str] = field(default_factory=list)  # joined once: += on a long paragraph is quadratic
    length: int = 0
    refs: list[tuple[int, str | None]] = field(default_factory=list)
    extras: list[etree._Element | str] = field(default_factory=list)  # a w:txbxContent, or an image name

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Reader:
    def __init__(self, word):
        self.rels = word.part.rels
        self.heading_styles: dict[str, int] = {}
        self.toc_styles: set[str] = set()
        for style in word.styles:
            name = style.name or ""
            heading = _HEADING_STYLE.match(name)
            outline = _outline_level(style.element)
            if heading:
                self.heading_styles[style.style_id] = int(heading.group(1))
            elif outline is not None:  # a custom style (一级标题, 章标题 …) with an outline level
                self.heading_styles[style.style_id] = outline
            elif _TOC_STYLE.match(name):
                self.toc_styles.add(style.style_id)
        self.blocks: list[Block] = []
        self.lines: list[str] = []
        self.numbers: dict[str | None, int] = {}  # footnote w:id → the number shown on the page
        self.ref_lines: dict[int, int] = {}

    def read_body(self, container: etree._Element, in_toc: bool = False) -> None:
        for child in container:
            if child.tag == P:
                self.body_paragraph(child, in_toc)
            elif child.tag == TBL:
                self.table(child)
            elif child.tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.read_body(content, in_toc or _is_toc(child))
            elif child.tag == CUSTOM_XML:
                self.read_body(child, in_toc)

    def body_paragraph(self, element: etree._Element, in_toc: bool) -> None:
        paragraph, extras = self.paragraph(element)
        style = _style_id(element)
        if in_toc or style in self.toc_styles:
            return  # a table of contents repeats the headings with page numbers
        if paragraph.text:
            paragraph.heading_level = _outline_level(element) or self.heading_styles.get(style)
            self.blocks.append(paragraph)
        self.blocks.extend(self.extra_blocks(extras, paragraph.line))

    def paragraph(self, element: etree._Element) -> tuple[Paragraph, list]:
        """The paragraph as a numbered line; its text boxes and images are left for the caller."""
        scan = _Scan()
        self.scan(element, scan)
        line = len(self.lines) + 1
        raw = scan.text
        self.lines.append(raw)
        text = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        refs = []
        for offset, footnote_id in scan.refs:
            if footnote_id is None:
                raise PlanFormatError("footnote reference without a w:id", line=line)
            number = self.numbers.setdefault(footnote_id, len(self.numbers) + 1)
            self.ref_lines.setdefault(number, line)
            refs.append(FootnoteRef(number, min(max(offset - lead, 0), len(text))))
        pieces = (Piece(0, len(text), line, lead),) if text else ()
        return Paragraph(text=text, line=line, pieces=pieces, refs=tuple(refs)), scan.extras

    def scan(self, element: etree._Element, scan: _Scan) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == T:
                scan.add(child.text or "")
            elif tag in _CHARACTERS:
                scan.add(_CHARACTERS[tag])
            elif tag == _w("br"):
                scan.add("" if child.get(_w("type")) in ("page", "column") else "\n")
            elif tag == FOOTNOTE_REFERENCE:
                scan.refs.append((scan.length, child.get(_w("id"))))
            elif tag == _w("r") and _is_hidden(child):
                continue
            elif tag == ALTERNATE_CONTENT:
                self.scan(_chosen(child), scan)
            elif tag in _DRAWINGS:
                scan.extras.extend(self.drawing(child))
            else:
                self.scan(child, scan)

    def drawing(self, element: etree._Element) -> list[etree._Element | str]:
        """The text boxes of a drawing; failing those, the picture's file name."""
        boxes = list(_text_boxes(element))
        if boxes:
            return boxes
        for node in _chosen(element).iter(_BLIP, _IMAGEDATA):
            rel_id = node.get(f"{{{_R}}}embed") or node.get(f"{{{_R}}}link") or node.get(f"{{{_R}}}id")
            rel = self.rels.get(rel_id) if rel_id else None
            if rel is not None:
                return [PurePosixPath(rel.target_ref).name]
        return []

    def extra_blocks(self, extras: list, line: int) -> list[Block]:
        blocks: list[Block] = []
        for extra in extras:
            if isinstance(extra, str):
                blocks.append(Image(name=extra, line=line))
                continue
            paragraphs: list[Paragraph] = []
            images: list[Block] = []
            for element in _paragraphs_in(extra):
                paragraph, inner = self.paragraph(element)
                if paragraph.text:
                    paragraphs.append(paragraph)
                for block in self.extra_blocks(inner, paragraph.line):
                    if isinstance(block, Box):
                        paragraphs.extend(block.paragraphs)  # a box inside a box reads as part of it
                    else:
                        images.append(block)
            if paragraphs:
                blocks.append(Box(paragraphs=paragraphs, line=paragraphs[0].line))
            blocks.extend(images)
        return blocks

    def table(self, element: etree._Element) -> None:
        rows: list[list[Paragraph]] = []
        after: list[Block] = []
        first_line = len(self.lines) + 1
        for row in _children(element, TR):
            cells = []
            for cell in _children(row, TC):
                properties = cell.find(_w("tcPr"))
                if properties is not None and _merge(properties, "hMerge") == "continue":
                    continue  # the legacy form of a horizontal merge: the first cell stands for both
                cells.append(self.cell(cell, properties, after))
            if cells:
                rows.append(cells)
        if rows:
            self.blocks.append(Table(rows=rows, line=first_line))
        self.blocks.extend(after)

    def cell(
        self, element: etree._Element, properties: etree._Element | None, after: list[Block]
    ) -> Paragraph:
        parts = []
        for paragraph_element in _paragraphs_in(element):
            paragraph, extras = self.paragraph(paragraph_element)
            parts.append(paragraph)
            after.extend(self.extra_blocks(extras, paragraph.line))
        first_line = parts[0].line if parts else len(self.lines)
        if properties is not None and _merge(properties, "vMerge") == "continue":
            return Paragraph(text="", line=first_line)  # as the export leaves it: the text is above
        text, pieces, refs = "", [], []
        for part in parts:
            offset = len(text)
            pieces += [Piece(p.start + offset, p.end + offset, p.line, p.column) for p in part.pieces]
            refs += [FootnoteRef(r.number, r.offset + offset) for r in part.refs]
            text += part.text
        line = next((part.line for part in parts if part.text), first_line)
        return Paragraph(text=text, line=line, pieces=tuple(pieces), refs=tuple(refs))

    def footnote_bodies(self, part) -> dict[int, FootnoteBody]:
        """The text of each referenced footnote; separators and unreferenced notes are left out."""
        texts: dict[str, str] = {}
        part_name = str(part.partname).lstrip("/") if part is not None else "word/footnotes.xml"
        if part is not None and self.numbers:
            root = parse_xml(part.blob, part_name)
            for footnote in root.iter(_w("footnote")):
                if footnote.get(_w("type")) in _SKIPPED_FOOTNOTES:
                    continue
                parts = []
                for element in _paragraphs_in(footnote):
                    scan = _Scan()
                    self.scan(element, scan)
                    parts.append(scan.text.strip())
                texts[footnote.get(_w("id"))] = "".join(parts)
        bodies = {}
        for footnote_id, number in self.numbers.items():
            if footnote_id not in texts:
                raise PlanFormatError(
                    f"footnote reference {number} (w:id {footnote_id}) has no footnote text in {part_name}",
                    line=self.ref_lines[number],
                )
            bodies[number] = FootnoteBody(number=number, text=texts[footnote_id], line=self.ref_lines[number])
        return bodies


def _footnotes_part(word):
    """The footnotes part the main document points to (python-docx has no footnote API)."""
    for rel in word.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return rel.target_part
    return None


def _children(element: etree._Element, tag: str):
    """Children with `tag`, looking through content controls and custom XML that may wrap them."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == CUSTOM_XML:
            yield from _children(child, tag)


def _paragraphs_in(container: etree._Element):
    """The paragraphs of a cell, text box or footnote in order, those of nested tables included."""
    for child in container:
        if child.tag == P:
            yield child
        elif child.tag in (TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML):
            yield from _paragraphs_in(child)


def _text_boxes(element: etree._Element):
    """The w:txbxContent of a drawing, once each: of mc:AlternateContent only the chosen branch counts."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag == TXBX:
            yield child
        elif child.tag == ALTERNATE_CONTENT:
            yield from _text_boxes(_chosen(child))
        else:
            yield from _text_boxes(child)


def _chosen(element: etree._Element) -> etree._Element:
    """Of mc:AlternateContent, the first mc:Choice (we read what it holds), else mc:Fallback."""
    if element.tag != ALTERNATE_CONTENT:
        return element
    branch = element.find(CHOICE)
    if branch is None:
        branch = element.find(FALLBACK)
    return branch if branch is not None else element


def _style_id(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    return style.get(_w("val")) if style is not None else None


def _outline_level(element: etree._Element) -> int | None:
    """The outline level (1–9) a paragraph or style sets with w:outlineLvl; 9 in Word means body text."""
    level = element.find(f"{_w('pPr')}/{_w('outlineLvl')}")
    value = level.get(_w("val")) if level is not None else None
    if value is None or not value.isdigit() or int(value) >= 9:
        return None
    return int(value) + 1


def _is_hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{_w('rPr')}/{_w('vanish')}")
    return vanish is not None and vanish.get(_w("val"), "true") not in ("0", "false", "off")


def _is_toc(sdt: etree._Element) -> bool:
    gallery = sdt.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
    return gallery is not None and gallery.get(_w("val"), "") == "Table of Contents"


def _merge(properties: etree._Element, kind: str) -> str | None:
    """'restart' or 'continue' for a merged cell (w:vMerge with no value continues), else None."""
    merge = properties.find(_w(kind))
    if merge is None:
        return None
    return merge.get(_w("val"), "continue")


def _has_text(block: Block) -> bool:
    if isinstance(block, Paragraph):
        return bool(block.text)
    if isinstance(block, Table):
        return any(cell.text for row in block.rows for cell in row)
    return isinstance(block, Box)
