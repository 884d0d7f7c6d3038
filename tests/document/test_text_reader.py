"""The text export reader: markers, tables, boxes, images, encodings and format errors."""

from __future__ import annotations

import pytest

from planwatch.document.model import Box, Image, Paragraph, Table
from planwatch.document.text_reader import parse_text, read_text
from planwatch.errors import PlanFormatError


def test_bookmarks_are_dropped_and_the_source_map_points_into_the_raw_line():
    raw = "[bookmark: _Toc1][bookmark: _Toc2]第一章  开篇\n"
    document = parse_text(raw)
    paragraph = document.blocks[0]
    assert paragraph.text == "第一章  开篇"
    start = paragraph.text.index("开篇")
    line, column = paragraph.locate(start, start + 2)
    assert line == 1
    assert raw.split("\n")[0][column : column + 2] == "开篇"


def test_footnote_reference_and_inline_body_are_taken_apart():
    raw = "深化“五个中心”[footnoteRef:1]建设。 [1: “五个中心”：上海国际经济、金融中心。] \n\n"
    document = parse_text(raw)
    paragraph = document.blocks[0]
    assert paragraph.text == "深化“五个中心”建设。"
    assert [(r.number, r.offset) for r in paragraph.refs] == [(1, len("深化“五个中心”"))]
    assert document.footnotes[1].text == "“五个中心”：上海国际经济、金融中心。"
    assert document.footnotes[1].line == 1


def test_a_quote_across_a_footnote_mark_does_not_locate_on_one_piece():
    document = parse_text("年均增长10.5%[footnoteRef:4]。 [4: 口径说明。]\n")
    paragraph = document.blocks[0]
    assert paragraph.locate(0, len("年均增长10.5%")) == (1, 0)
    assert paragraph.locate(0, len(paragraph.text)) is None


def test_table_cells_continue_on_lines_without_tab_and_rows_end_at_blank_lines():
    raw = "\t序号\n\t指标名称\n\n\t3\n\t战略性新兴产业产值\n占规上工业总产值比重\n\n正文\n"
    document = parse_text(raw)
    table, paragraph = document.blocks
    assert isinstance(table, Table)
    assert [[c.text for c in row] for row in table.rows] == [
        ["序号", "指标名称"],
        ["3", "战略性新兴产业产值占规上工业总产值比重"],
    ]
    assert table.rows[1][1].line == 5
    assert paragraph.text == "正文"


def test_the_blank_line_after_a_footnote_body_inside_a_row_does_not_split_the_row():
    raw = "\t序号\n\t指标\n\t单位\n\n\t15\n\t回收利用率[footnoteRef:17] [17: 说明。] \n\n\t%\n\n"
    document = parse_text(raw)
    assert [[c.text for c in row] for row in document.blocks[0].rows] == [
        ["序号", "指标", "单位"],
        ["15", "回收利用率", "%"],
    ]


def test_a_row_wider_than_the_header_is_kept_with_a_warning_naming_its_line():
    document = parse_text("\t类别\n\t名称\n\n\ta\n\tb\n\tc\n\n\td\n\te\n\tf\n\n")
    assert [[c.text for c in row] for row in document.blocks[0].rows] == [
        ["类别", "名称"],
        ["a", "b", "c"],
        ["d", "e", "f"],
    ]
    assert document.warnings == ["第4行：表格行有3个单元格，表头有2个"]


def test_box_words_broken_across_lines_are_rejoined_into_paragraphs():
    raw = " (\n 加快形成4个千亿级产业集群\n（一）新一代信息技术\n依托\n腾讯长\n三角\n人工智能超算中心\n及产业基地项目。\n)\n"
    document = parse_text(raw)
    box = document.blocks[0]
    assert isinstance(box, Box)
    assert [p.text for p in box.paragraphs] == [
        "加快形成4个千亿级产业集群",
        "（一）新一代信息技术",
        "依托腾讯长三角人工智能超算中心及产业基地项目。",
    ]
    joined = box.paragraphs[2]
    start = joined.text.index("人工智能超算中心")
    assert joined.locate(start, start + 8) == (7, 0)
    assert joined.locate(0, 4) is None  # 依托腾讯 spans two lines


def test_a_box_that_is_never_closed_is_a_format_error_at_its_opening_line():
    with pytest.raises(PlanFormatError, match=r"line 2: text box opened here is never closed"):
        parse_text("正文\n (\n专栏1：标题\n内容。\n")


def test_image_placeholders_become_images():
    document = parse_text("image1.png\n\nimage2.jpeg\n")
    assert document.blocks == [Image("image1.png", 1), Image("image2.jpeg", 3)]


def test_a_reference_to_a_missing_footnote_is_a_format_error():
    with pytest.raises(PlanFormatError, match=r"line 1: footnote reference 9 has no footnote text"):
        parse_text("见说明[footnoteRef:9]。\n")


def test_two_different_bodies_for_one_footnote_are_a_format_error():
    with pytest.raises(
        PlanFormatError, match=r"line 2: footnote 1 has a second, different text \(first on line 1\)"
    ):
        parse_text("甲[footnoteRef:1] [1: 一。]\n乙[footnoteRef:1] [1: 二。]\n")


def test_gb18030_files_are_read(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("第一章  总则\n到2025年森林覆盖率达19.5%。\n".encode("gb18030"))
    document = read_text(path)
    assert [b.text for b in document.blocks] == ["第一章  总则", "到2025年森林覆盖率达19.5%。"]


def test_utf16_files_with_a_byte_order_mark_are_read(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("第一章  总则\n".encode("utf-16"))
    assert read_text(path).blocks[0].text == "第一章  总则"


def test_crlf_line_ends_keep_line_numbers(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("甲\r\n\r\n乙\r\n".encode())
    assert [(b.text, b.line) for b in read_text(path).blocks] == [("甲", 1), ("乙", 3)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"abc\n\x00\x01\x02", ":2: binary data"),
        (b"\xff\xfe\x00", "not valid UTF-16"),
    ],
)
def test_unreadable_files_raise_one_message_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(PlanFormatError) as error:
        read_text(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(PlanFormatError, match="no such file"):
        read_text(tmp_path / "none.txt")


def test_songjiang_blocks(songjiang_document):
    kinds = [type(b).__name__ for b in songjiang_document.blocks]
    assert kinds.count("Table") == 4
    assert kinds.count("Box") == 3
    assert [b.name for b in songjiang_document.blocks if isinstance(b, Image)] == [
        "image1.png",
        "image2.jpeg",
    ]
    assert sorted(songjiang_document.footnotes) == list(range(1, 30))
    assert all("[bookmark" not in b.text for b in songjiang_document.blocks if isinstance(b, Paragraph))


def test_every_piece_of_the_songjiang_source_map_points_at_its_own_text(songjiang_document):
    checked = 0
    for paragraph in songjiang_document.paragraphs():
        for piece in paragraph.pieces:
            raw = songjiang_document.source_line(piece.line)
            assert (
                raw[piece.column : piece.column + piece.end - piece.start]
                == paragraph.text[piece.start : piece.end]
            )
            checked += 1
    assert checked > 400
