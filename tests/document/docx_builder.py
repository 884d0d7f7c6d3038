"""Write .docx files for tests: paragraphs, headings, merged tables, real text boxes and real footnotes.

python-docx has no API for footnotes or text boxes, so those are written as WordprocessingML with lxml:
a word/footnotes.xml part related from the main document, w:footnoteReference runs, and text boxes as
mc:AlternateContent holding the same w:txbxContent twice (a DrawingML wps:txbx and a VML fallback), as
Word writes them.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from planwatch.document.model import Box, Document, FootnoteRef, Image, Paragraph, Table
from planwatch.plan import headings as plan_headings

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
_TEXT_BOX_RUN = f"""<w:r {_NAMESPACES}><mc:AlternateContent>
<mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="5274310" cy="2000000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>
<wp:wrapTopAndBottom/><wp:docPr id="{{shape_id}}" name="Text Box {{shape_id}}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5274310" cy="2000000"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square"/></wps:wsp>
</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape id="Text Box {{shape_id}}" type="#_x0000_t202" style="width:415.3pt;height:157.5pt">
<v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def png_bytes() -> bytes:
    """A 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    """The markers python-docx reads of a 1×1 JPEG (enough to embed it, not to display it)."""

    def segment(marker: int, payload: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload

    jfif = segment(0xE0, b"JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00")
    frame = segment(0xC0, b"\x08\x00\x01\x00\x01\x01\x01\x11\x00")
    return b"\xff\xd8" + jfif + frame + b"\xff\xd9"


class DocxWriter:
    """Builds a Word document paragraph by paragraph; footnotes are numbered by their reference order."""

    def __init__(self) -> None:
        self.word = docx.Document()
        self.footnotes: dict[int, str] = {}  # number shown → text
        self.last_paragraph = None
        self.shapes = 0

    @staticmethod
    def footnote_id(number: int) -> int:
        # Word's ids are not the numbers shown: count down from 999, so no id equals its number.
        return 1000 - number

    def paragraph(self, text: str, refs=(), style: str | None = None, boxes=()) -> None:
        """A body paragraph; `boxes` are (offset, [paragraph texts]) text boxes anchored in it."""
        paragraph = self.word.add_paragraph(style=style)
        anchors = [(offset, self.text_box_run(texts)) for offset, texts in boxes]
        self.fill(paragraph._p, text, refs, anchors)
        self.last_paragraph = paragraph

    def text_box(self, texts: list[str | Paragraph]) -> None:
        """A text box anchored at the end of the last paragraph (in a new empty one if there is none)."""
        if self.last_paragraph is None:
            self.last_paragraph = self.word.add_paragraph()
        self.last_paragraph._p.append(self.text_box_run(texts))

    def text_box_run(self, texts: list[str | Paragraph]):
        self.shapes += 1
        run = parse_xml(_TEXT_BOX_RUN.replace("{shape_id}", str(1000 + self.shapes)))  # clear of picture ids
        for content in run.iter(qn("w:txbxContent")):
            for text in texts:
                paragraph = OxmlElement("w:p")
                if isinstance(text, Paragraph):
                    self.fill(paragraph, text.text, text.refs, [])
                else:
                    self.fill(paragraph, text, (), [])
                content.append(paragraph)
        return run

    def fill(self, paragraph, text: str, refs, anchors) -> None:
        """Runs of `text` with footnote reference runs and anchored elements at their offsets."""
        events = sorted(
            [(ref.offset, 0, ref) for ref in refs] + [(offset, 1, el) for offset, el in anchors],
            key=lambda event: (event[0], event[1]),
        )
        position = 0
        for offset, _, item in events:
            if offset > position:
                paragraph.append(_text_run(text[position:offset]))
                position = offset
            paragraph.append(self.reference_run(item.number) if isinstance(item, FootnoteRef) else item)
        if position < len(text):
            paragraph.append(_text_run(text[position:]))

    def reference_run(self, number: int):
        return parse_xml(
            f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{self.footnote_id(number)}"/></w:r>'
        )

    def footnote(self, number: int, text: str) -> None:
        self.footnotes[number] = text

    def table(self, rows: list[list[str | Paragraph]], merge_empty_first_cells: bool = True) -> None:
        """A table; an empty first cell under a filled one is merged into it vertically (a 类别 column)."""
        table = self.word.add_table(rows=len(rows), cols=max(len(row) for row in rows))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, content in enumerate(row):
                text, refs = (content.text, content.refs) if isinstance(content, Paragraph) else (content, ())
                self.fill(table.cell(r, c).paragraphs[0]._p, text, refs, [])
        if merge_empty_first_cells:
            start = None
            for r in range(1, len(rows) + 1):
                text = _text(rows[r][0]) if r < len(rows) else None
                if text == "" and start is not None:
                    continue
                if start is not None and r - 1 > start:
                    table.cell(start, 0).merge(table.cell(r - 1, 0))
                start = r if text else None
        self.last_paragraph = None

    def image(self, name: str) -> None:
        """A paragraph holding only a picture stored as word/media/`name`."""
        data = jpeg_bytes() if name.lower().endswith((".jpg", ".jpeg")) else png_bytes()
        paragraph = self.word.add_paragraph()
        paragraph.add_run().add_picture(io.BytesIO(data))
        blip = paragraph._p.xpath(".//a:blip")[0]
        part = self.word.part.related_parts[blip.get(qn("r:embed"))]
        part.partname = PackURI(f"/word/media/{name}")
        self.last_paragraph = paragraph

    def save(self, path: str | Path) -> Path:
        if self.footnotes:
            self.word.part.relate_to(self.footnotes_part(), RT.FOOTNOTES)
        self.word.save(str(path))
        return Path(path)

    def footnotes_part(self) -> Part:
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
            "</w:p></w:footnote>",
        ]
        for number in sorted(self.footnotes, key=self.footnote_id):
            notes.append(
                f'<w:footnote w:id="{self.footnote_id(number)}"><w:p>'
                '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> {escape(self.footnotes[number])}</w:t></w:r></w:p></w:footnote>'
            )
        xml = (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:footnotes xmlns:w="{W_NS}">{"".join(notes)}</w:footnotes>'
        )
        return Part(
            PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), self.word.part.package
        )


def _text(content: str | Paragraph) -> str:
    return content.text if isinstance(content, Paragraph) else content


def _text_run(text: str):
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    return run


_SENTENCE_END = ("。", "！", "？", "；", "：", "”", "）", ")")


def build_docx(document: Document, path: str | Path, heading_levels: dict[int, int] | None = None) -> Path:
    """Write `document` (as a text reader gives it) to a .docx; `heading_levels` maps a line to its level.

    The export cuts a paragraph where a text box is anchored in it: here the two parts are one Word
    paragraph again, with the text box anchored where the cut was.
    """
    heading_levels = heading_levels or {}
    writer = DocxWriter()
    blocks = document.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Paragraph):
            j = i + 1
            while j < len(blocks) and isinstance(blocks[j], Box):
                j += 1
            following = blocks[j] if j < len(blocks) else None
            style = _heading_style(heading_levels.get(block.line))
            if j > i + 1 and isinstance(following, Paragraph) and _cut_by_box(block, following):
                text = block.text + following.text
                refs = block.refs + tuple(
                    FootnoteRef(r.number, r.offset + len(block.text)) for r in following.refs
                )
                boxes = [(len(block.text), box.paragraphs) for box in blocks[i + 1 : j]]
                writer.paragraph(text, refs, style, boxes)
                i = j + 1
                continue
            writer.paragraph(block.text, block.refs, style)
        elif isinstance(block, Table):
            writer.table([list(row) for row in block.rows])
        elif isinstance(block, Box):
            writer.text_box(block.paragraphs)
        elif isinstance(block, Image):
            writer.image(block.name)
        i += 1
    for number, body in document.footnotes.items():
        writer.footnote(number, body.text)
    return writer.save(path)


def _heading_style(level: int | None) -> str | None:
    return f"Heading {level}" if level else None


def _cut_by_box(first: Paragraph, second: Paragraph) -> bool:
    """Whether the export cut one paragraph in two at a text box: the first part stops mid-sentence."""
    return not first.text.endswith(_SENTENCE_END) and not any(
        matcher(second.text) for matcher in (plan_headings.match_chapter, plan_headings.match_section)
    )


def rewrite_part(path: str | Path, part: str, data: bytes | None) -> None:
    """Replace, add or (with None) remove one part of a .docx in place."""
    with zipfile.ZipFile(path) as archive:
        items = {info.filename: archive.read(info) for info in archive.infolist()}
    items[part] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in items.items():
            if content is not None:
                archive.writestr(name, content)
