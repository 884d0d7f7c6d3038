"""Reading Word .docx plans: the same Document, and the same plan, as the text export of the same file."""

from __future__ import annotations

import json
import random
import re
import zipfile
from importlib.resources import files

import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml

from planwatch.cli import main
from planwatch.document import read_document
from planwatch.document.docx_reader import read_docx
from planwatch.document.model import Box, FootnoteRef, Image, Paragraph, Table
from planwatch.errors import PlanFormatError
from planwatch.reading import plan_to_json, read_plan
from tests.document.docx_builder import W_NS, DocxWriter, build_docx, rewrite_part

SONGJIANG_TXT = str(files("planwatch") / "data" / "songjiang-14th-fyp.txt")
# Keys that hold a position in the source file, which differs between a text export and a .docx.
POSITION_KEYS = {"line", "row_lines", "quote"}


def _without_positions(value):
    if isinstance(value, dict):
        return {key: _without_positions(item) for key, item in value.items() if key not in POSITION_KEYS}
    if isinstance(value, list):
        return [_without_positions(item) for item in value]
    return value


@pytest.fixture(scope="module")
def songjiang(tmp_path_factory):
    """(text plan, text document, .docx plan, .docx document) of the Songjiang plan."""
    text_document = read_document(SONGJIANG_TXT)
    text_plan = read_plan(SONGJIANG_TXT)
    levels = {chapter.line: 1 for chapter in text_plan.chapters}
    levels.update({s.line: s.level + 1 for chapter in text_plan.chapters for s in chapter.sections})
    path = build_docx(text_document, tmp_path_factory.mktemp("docx") / "songjiang-14th-fyp.docx", levels)
    return text_plan, text_document, read_plan(path), read_document(path)


def _save(writer: DocxWriter, tmp_path, name: str = "plan.docx"):
    return writer.save(tmp_path / name)


# --- the Songjiang plan, written to Word from its text export ------------------------------------------


def test_songjiang_docx_gives_the_same_plan_as_the_text_export(songjiang):
    text_plan, _, docx_plan, _ = songjiang
    expected = _without_positions(plan_to_json(text_plan))
    got = _without_positions(plan_to_json(docx_plan))
    for key in (
        "title",
        "period",
        "chapters",
        "footnotes",
        "tables",
        "boxes",
        "figures",
        "indicators",
        "targets",
        "baselines",
        "preface",
    ):
        assert got[key] == expected[key], key
    assert got["title"] == "上海市松江区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert (len(got["chapters"]), len(got["footnotes"]), len(got["tables"]), len(got["boxes"])) == (
        12,
        29,
        4,
        3,
    )
    assert len(got["indicators"]) == 21


def test_songjiang_docx_warns_of_the_same_numbering_gap_at_its_own_paragraph(songjiang):
    text_plan, _, docx_plan, docx_document = songjiang
    assert text_plan.warnings == ["第266行：第4章的“三、全面推进“四网融合”交通体系建设”之前缺少编号2"]
    (warning,) = docx_plan.warnings
    line = int(re.match(r"第(\d+)行", warning).group(1))
    assert warning == f"第{line}行：第4章的“三、全面推进“四网融合”交通体系建设”之前缺少编号2"
    assert docx_document.source_line(line) == "三、全面推进“四网融合”交通体系建设"


def test_songjiang_docx_chapters_start_at_their_heading_paragraphs(songjiang):
    _, _, docx_plan, docx_document = songjiang
    for chapter in docx_plan.chapters:
        assert chapter.title.startswith(docx_document.source_line(chapter.line).split()[-1][:10])
        paragraph = next(
            b for b in docx_document.blocks if isinstance(b, Paragraph) and b.line == chapter.line
        )
        assert paragraph.heading_level == 1


def test_songjiang_docx_footnotes_are_numbered_as_shown_not_by_their_ids(songjiang):
    _, text_document, _, docx_document = songjiang
    assert {n: body.text for n, body in docx_document.footnotes.items()} == {
        n: body.text for n, body in text_document.footnotes.items()
    }
    assert docx_document.footnotes[1].text == "“五个中心”：上海国际经济、金融、贸易、航运、科技创新中心。"
    # Footnote 17 is referenced from a table cell (生活垃圾回收利用率): its line is that cell's paragraph,
    # followed by the footnote as the export writes it, so that quotes from a footnote stand in a line too.
    body = docx_document.footnotes[17]
    assert docx_document.source_line(body.line) == f"生活垃圾回收利用率 [17: {body.text}]"
    for body in docx_document.footnotes.values():
        assert body.text in docx_document.source_line(body.line)


def test_songjiang_docx_every_paragraph_is_an_exact_span_of_its_line(songjiang):
    _, _, docx_plan, document = songjiang
    spans = 0
    for paragraph in document.paragraphs():
        for piece in paragraph.pieces:
            source = document.source_line(piece.line)
            assert (
                source[piece.column : piece.column + piece.end - piece.start]
                == paragraph.text[piece.start : piece.end]
            )
            spans += 1
    assert spans == 458
    for found in docx_plan.targets + docx_plan.baselines:
        assert found.quote in document.source_line(found.line)


def test_songjiang_docx_tables_carry_merged_category_cells_down(songjiang):
    _, _, docx_plan, document = songjiang
    tables = [block for block in document.blocks if isinstance(block, Table)]
    assert [len(table.rows) for table in tables] == [22, 9, 15, 17]
    assert [cell.text for cell in tables[1].rows[1]][0] == "在建项目"
    assert tables[1].rows[2][0].text == ""  # a continuation of the vertical merge, as the export shows it
    assert docx_plan.tables[1].rows[1][0] == "在建项目"
    assert docx_plan.tables[2].header == ["类别", "项目名称"]


def test_songjiang_docx_text_boxes_and_images_follow_their_paragraphs(songjiang):
    _, _, _, document = songjiang
    boxes = [block for block in document.blocks if isinstance(block, Box)]
    assert [box.paragraphs[0].text for box in boxes] == [
        "专栏1：完善“1+7+N”产业联盟体系",
        "加快形成4个千亿级产业集群",
        "松江区加快新型基础设施建设行动计划",
    ]
    for box in boxes:
        anchor = document.blocks[document.blocks.index(box) - 1]
        assert isinstance(anchor, Paragraph) and anchor.line == box.line - 1
        assert box.paragraphs[1].text[:8] not in anchor.text
    images = [
        (block.name, document.source_line(block.line))
        for block in document.blocks
        if isinstance(block, Image)
    ]
    assert images == [("image1.png", ""), ("image2.jpeg", "")]


# --- each feature on a small hand-made file ----------------------------------------------------------


def test_paragraphs_are_numbered_in_order_counting_empty_ones(tmp_path):
    writer = DocxWriter()
    for text in ("第一章 总则", "", "  一、发展基础"):
        writer.paragraph(text)
    document = read_docx(_save(writer, tmp_path))
    assert [(p.text, p.line) for p in document.blocks] == [("第一章 总则", 1), ("一、发展基础", 3)]
    assert document.lines == ["第一章 总则", "", "  一、发展基础"]
    assert document.blocks[1].locate(0, 2) == (3, 2)


def test_heading_styles_give_heading_levels(tmp_path):
    writer = DocxWriter()
    writer.word.styles.add_style("标题 2", 1)  # WD_STYLE_TYPE.PARAGRAPH; Chinese Word names its headings so
    writer.paragraph("第一章 总则", style="Heading 1")
    writer.paragraph("一、发展基础", style="标题 2")
    writer.paragraph("1、经济实力", style="Heading 3")
    writer.paragraph("正文。")
    document = read_docx(_save(writer, tmp_path))
    assert [p.heading_level for p in document.blocks] == [1, 2, 3, None]


def test_a_vertically_merged_cell_is_read_once_and_empty_below(tmp_path):
    writer = DocxWriter()
    writer.table([["类别", "项目名称"], ["在建项目", "影视基地"], ["", "昊浦影视基地"], ["新建项目", "影都"]])
    path = _save(writer, tmp_path)
    with zipfile.ZipFile(path) as archive:
        assert archive.read("word/document.xml").count(b"<w:vMerge") == 2
    (table,) = read_docx(path).blocks
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["类别", "项目名称"],
        ["在建项目", "影视基地"],
        ["", "昊浦影视基地"],
        ["新建项目", "影都"],
    ]
    assert [[cell.line for cell in row] for row in table.rows] == [[1, 2], [3, 4], [5, 6], [7, 8]]
    assert table.line == 1


def test_horizontally_merged_cells_appear_once(tmp_path):
    writer = DocxWriter()
    writer.table([["指标", "2020年", "2025年"], ["合计", "", ""]], merge_empty_first_cells=False)
    table = writer.word.tables[0]
    table.cell(1, 1).merge(table.cell(1, 2)).paragraphs[0].add_run("待定")
    (read,) = read_docx(_save(writer, tmp_path)).blocks
    assert [[cell.text for cell in row] for row in read.rows] == [
        ["指标", "2020年", "2025年"],
        ["合计", "待定"],
    ]


def test_a_cell_of_several_paragraphs_is_one_cell_over_several_lines(tmp_path):
    writer = DocxWriter()
    writer.table([["目标", "控制在市下达指标"]])
    writer.word.tables[0].cell(0, 1).add_paragraph("数内")
    document = read_docx(_save(writer, tmp_path))
    cell = document.blocks[0].rows[0][1]
    assert (cell.text, cell.line) == ("控制在市下达指标数内", 2)
    assert cell.locate(8, 10) == (3, 0)
    assert document.lines == ["目标", "控制在市下达指标", "数内"]


def test_a_text_box_is_a_box_after_its_paragraph_read_once(tmp_path):
    writer = DocxWriter()
    writer.paragraph(
        "加快打造世界级产业集群。依托", boxes=[(15, ["专栏1：产业集群", "建设4个千亿级产业集群。"])]
    )
    writer.paragraph("下一段。")
    path = _save(writer, tmp_path)
    with zipfile.ZipFile(path) as archive:
        assert archive.read("word/document.xml").count(b"<w:txbxContent>") == 2  # mc:Choice and mc:Fallback
    document = read_docx(path)
    anchor, box, following = document.blocks
    assert (anchor.text, anchor.line) == ("加快打造世界级产业集群。依托", 1)
    assert [(p.text, p.line) for p in box.paragraphs] == [
        ("专栏1：产业集群", 2),
        ("建设4个千亿级产业集群。", 3),
    ]
    assert box.line == 2
    assert (following.text, following.line) == ("下一段。", 4)
    assert document.lines == [
        "加快打造世界级产业集群。依托",
        "专栏1：产业集群",
        "建设4个千亿级产业集群。",
        "下一段。",
    ]


def test_a_text_box_cutting_a_sentence_leaves_the_paragraph_whole(tmp_path):
    writer = DocxWriter()
    writer.paragraph("第五章 产业")
    writer.paragraph("强化高地建设，依托腾讯项目。", boxes=[(7, ["专栏2：集群", "内容。"])])
    plan_path = _save(writer, tmp_path)
    document = read_docx(plan_path)
    assert [type(block).__name__ for block in document.blocks] == ["Paragraph", "Paragraph", "Box"]
    assert document.blocks[1].text == "强化高地建设，依托腾讯项目。"


def test_a_legacy_vml_text_box_is_a_box_too(tmp_path):
    writer = DocxWriter()
    writer.paragraph("生态建设见专栏。")
    writer.last_paragraph._p.append(
        parse_xml(
            f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
            "<w:txbxContent><w:p><w:r><w:t>专栏2：绿色发展</w:t></w:r></w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r>"
        )
    )
    anchor, box = read_docx(_save(writer, tmp_path)).blocks
    assert anchor.text == "生态建设见专栏。"
    assert ([p.text for p in box.paragraphs], box.line) == (["专栏2：绿色发展"], 2)


def test_deleted_and_hidden_text_is_not_read(tmp_path):
    writer = DocxWriter()
    writer.paragraph("")
    runs = parse_xml(
        f'<w:p xmlns:w="{W_NS}"><w:hyperlink><w:r><w:t>保留</w:t></w:r></w:hyperlink>'
        "<w:ins><w:r><w:t>新增</w:t></w:r></w:ins>"
        "<w:del><w:r><w:delText>删去</w:delText></w:r></w:del>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>"
    )
    writer.last_paragraph._p.extend(list(runs))
    (paragraph,) = read_docx(_save(writer, tmp_path)).blocks
    assert paragraph.text == "保留新增"


def test_footnotes_are_numbered_by_their_marks_not_their_ids(tmp_path):
    writer = DocxWriter()
    writer.paragraph("全面深化“五个中心”建设，“四个论英雄”。", refs=(FootnoteRef(1, 10), FootnoteRef(2, 19)))
    writer.table([["生活垃圾回收利用率", "%"]])
    writer.word.tables[0].cell(0, 0).paragraphs[0]._p.append(writer.reference_run(3))
    writer.footnote(1, "“五个中心”：上海国际经济、金融、贸易、航运、科技创新中心。")
    writer.footnote(2, "“四个论英雄”：以亩产论英雄。")
    writer.footnote(3, "“生活垃圾回收利用率”：指可回收物量的占比。")
    path = _save(writer, tmp_path)
    with zipfile.ZipFile(path) as archive:
        footnotes = archive.read("word/footnotes.xml").decode()
    assert re.findall(r'w:id="(-?\d+)"', footnotes) == ["-1", "0", "997", "998", "999"]
    document = read_docx(path)
    assert document.blocks[0].refs == (FootnoteRef(1, 10), FootnoteRef(2, 19))
    assert document.blocks[1].rows[0][0].refs == (FootnoteRef(3, 9),)
    assert {n: (body.text, body.line) for n, body in document.footnotes.items()} == {
        1: ("“五个中心”：上海国际经济、金融、贸易、航运、科技创新中心。", 1),
        2: ("“四个论英雄”：以亩产论英雄。", 1),
        3: ("“生活垃圾回收利用率”：指可回收物量的占比。", 2),
    }
    assert document.lines == [
        "全面深化“五个中心”建设，“四个论英雄”。 [1: “五个中心”：上海国际经济、金融、贸易、航运、科技创新中心。]"
        " [2: “四个论英雄”：以亩产论英雄。]",
        "生活垃圾回收利用率 [3: “生活垃圾回收利用率”：指可回收物量的占比。]",
        "%",
    ]


def test_a_picture_is_an_image_named_after_its_file(tmp_path):
    writer = DocxWriter()
    writer.paragraph("图1 空间布局示意图")
    writer.image("image1.png")
    document = read_docx(_save(writer, tmp_path))
    assert document.blocks[1] == Image(name="image1.png", line=2)


def test_a_table_of_contents_is_left_out_but_counted(tmp_path):
    writer = DocxWriter()
    writer.word.styles.add_style("toc 1", 1)
    writer.paragraph("第一章 总则\t1", style="toc 1")
    writer.paragraph("第一章 总则", style="Heading 1")
    document = read_docx(_save(writer, tmp_path))
    assert [(p.text, p.line) for p in document.blocks] == [("第一章 总则", 2)]


def test_read_document_reads_a_docx(tmp_path):
    writer = DocxWriter()
    writer.paragraph("第一章 总则")
    path = _save(writer, tmp_path, "PLAN.DOCX")
    assert read_document(path).blocks[0].text == "第一章 总则"


# --- files that are not Word documents -----------------------------------------------------------------


def _error(path) -> str:
    with pytest.raises(PlanFormatError) as error:
        read_docx(path)
    return str(error.value)


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_text("第一章 总则", encoding="utf-8")
    assert _error(path) == (
        f"{path}: not a Word .docx file: it is not a zip archive (an old binary format, a password-protected file, "
        "or another format renamed?)"
    )


def test_a_zip_without_word_document_xml_is_refused(tmp_path):
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert _error(path) == f"{path}: not a Word .docx file: the zip archive has no word/document.xml"


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 20_000_000 + b"</w:document>")
    message = _error(path)
    assert re.fullmatch(
        rf"{re.escape(str(path))}: part word/document\.xml is compressed \d+ to 1 \(more than 100 to 1\): "
        r"a zip bomb\? refusing to read it",
        message,
    )


def test_a_part_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("planwatch.document.package.MAX_PART_BYTES", 1024 * 1024)
    writer = DocxWriter()
    writer.paragraph("第一章 总则")
    path = _save(writer, tmp_path)
    rewrite_part(path, "word/media/big.png", random.Random(0).randbytes(2 * 1024 * 1024))  # does not compress
    assert (
        _error(path)
        == f"{path}: part word/media/big.png unpacks to 2 MB, over the 1 MB limit; refusing to read it"
    )


def test_xml_with_an_entity_declaration_is_refused(tmp_path):
    writer = DocxWriter()
    writer.paragraph("第一章 总则")
    path = _save(writer, tmp_path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml")
    head = xml.index(b"?>") + 2
    laughs = b'<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    rewrite_part(path, "word/document.xml", xml[:head] + laughs + xml[head:].replace("总则".encode(), b"&b;"))
    assert _error(path) == (
        f"{path}: part word/document.xml declares a DOCTYPE or XML entities, which Word and Excel never write; "
        "refusing to read it"
    )


def test_a_corrupt_xml_part_is_named(tmp_path):
    writer = DocxWriter()
    writer.paragraph("第一章 总则")
    path = _save(writer, tmp_path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml")
    rewrite_part(path, "word/document.xml", xml[: len(xml) // 2])
    message = _error(path)
    assert message.startswith(f"{path}: part word/document.xml is not well-formed XML")


def test_a_footnote_reference_without_its_footnote_names_the_paragraph(tmp_path):
    writer = DocxWriter()
    writer.paragraph("第一章 总则")
    writer.paragraph("深化“五个中心”建设。", refs=(FootnoteRef(1, 8),))
    writer.footnote(2, "another note")
    path = _save(writer, tmp_path)
    assert _error(path) == (
        f"{path}:2: footnote reference 1 (w:id 999) has no footnote text in word/footnotes.xml"
    )


def test_a_document_without_text_is_refused(tmp_path):
    path = _save(DocxWriter(), tmp_path)
    assert _error(path) == f"{path}: the Word document has no text"


# --- the command line ----------------------------------------------------------------------------------


def test_cli_parses_a_docx_to_json(songjiang, tmp_path):
    text_plan, text_document, _, _ = songjiang
    path = build_docx(text_document, tmp_path / "songjiang.docx", {c.line: 1 for c in text_plan.chapters})
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"] == {"start": 2021, "end": 2025}
    assert [chapter["number"] for chapter in data["chapters"]] == list(range(1, 13))


def test_cli_reports_a_broken_docx_on_one_line_and_exits_2(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = CliRunner().invoke(main, ["parse", str(path), "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"planwatch: {path}: not a Word .docx file: it is not a zip archive (an old binary format, "
        "a password-protected file, or another format renamed?)"
    ]


def test_a_paragraph_anchoring_a_text_box_stays_apart_from_the_next_paragraph(tmp_path):
    writer = DocxWriter()
    writer.paragraph("某区国民经济和社会发展第十四个五年规划纲要")
    writer.paragraph("第一章 总则", style="Heading 1")
    writer.paragraph("一、发展基础")
    writer.paragraph("重点产业集群如下", boxes=[(8, ["专栏1：产业集群", "建设4个千亿级产业集群。"])])
    writer.paragraph("到2025年，全区地区生产总值达到2000亿元。")
    plan = read_plan(_save(writer, tmp_path))
    assert [item.text for item in plan.chapters[0].sections[0].items] == [
        "重点产业集群如下",
        "到2025年，全区地区生产总值达到2000亿元。",
    ]
