"""Passages: what extraction reads, with container, chapter and whether the section reviews the past."""

from planwatch.document.model import Box, Document, FootnoteBody, FootnoteRef, Paragraph, Piece, Table
from planwatch.extract.passages import passages_from_document, sentence_tense

from .conftest import paragraph


def small_document() -> Document:
    lines = [
        "第一章  开启新征程",
        "一、“十三五”时期的主要成就",
        "森林覆盖率达到18.5%。[footnoteRef:1] [1: 注释正文。]",
        "第二章  目标",
        "到2025年，森林覆盖率达19.5%。",
        "\t类别",
        "\t在建项目",
        "(",
        "专栏1",
        "建设",
        "5G基站不少于3500个。",
        ")",
    ]
    body = Paragraph("森林覆盖率达到18.5%。", 3, (Piece(0, 13, 3, 0),), (FootnoteRef(1, 13),))
    box_text = "建设5G基站不少于3500个。"
    box = Box([paragraph("专栏1", 9), Paragraph(box_text, 10, (Piece(0, 2, 10, 0), Piece(2, 15, 11, 0)))], 8)
    return Document(
        path="x.txt",
        blocks=[
            paragraph(lines[0], 1),
            paragraph(lines[1], 2),
            body,
            paragraph(lines[3], 4),
            paragraph(lines[4], 5),
            Table([[paragraph("类别", 6)], [paragraph("在建项目", 7)]], 6),
            box,
        ],
        footnotes={1: FootnoteBody(1, "注释正文。", 3)},
        lines=lines,
    )


def test_passages_follow_chapters_and_review_sections():
    passages = passages_from_document(small_document())
    body = [p for p in passages if p.container == "body"]
    assert [(p.text, p.chapter, p.review) for p in body] == [
        ("森林覆盖率达到18.5%。", 1, True),
        ("到2025年，森林覆盖率达19.5%。", 2, False),
    ]


def test_table_cells_below_the_header_and_box_paragraphs_are_passages():
    passages = passages_from_document(small_document())
    assert [(p.text, p.container, p.column) for p in passages if p.container == "table"] == [
        ("在建项目", "table", "类别")
    ]
    assert [p.text for p in passages if p.container == "box"] == ["专栏1", "建设5G基站不少于3500个。"]


def test_footnote_body_is_mapped_onto_its_raw_line():
    passages = passages_from_document(small_document())
    note = [p for p in passages if p.container == "footnote"][0]
    assert note.paragraph.locate(0, 4) == (
        3,
        "森林覆盖率达到18.5%。[footnoteRef:1] [1: 注释正文。]".index("注释正文"),
    )
    assert (note.chapter, note.review) == (1, True)


def test_whole_plan_has_body_box_table_and_footnote_passages(plan_passages):
    containers = {p.container for p in plan_passages}
    assert containers == {"body", "box", "table", "footnote"}
    assert len([p for p in plan_passages if p.container == "footnote"]) == 29


def test_review_is_read_from_chapter_and_numbered_section_headings():
    document = Document(
        path="x.txt",
        blocks=[
            paragraph("第一章 发展基础", 1),
            paragraph("全市地区生产总值达到1.2万亿元。", 2),
            paragraph("第二节 面临形势", 3),
            paragraph("到2025年，地区生产总值达到1.6万亿元。", 4),
        ],
        lines=[],
    )
    passages = passages_from_document(document)
    assert [(p.paragraph.line, p.review, p.heading) for p in passages] == [
        (2, True, None),
        (4, False, "面临形势"),
    ]


def test_a_value_reached_by_a_past_year_is_not_a_horizon():
    """增长到2020年的78.93亿元 tells what 2020 reached: the sentence reports the past (以来, 年末)."""
    assert sentence_tense(
        "“十三五”以来，经济较快增长。地区生产总值从2015年末的57亿元增长到2020年的79亿元。"
    ) == (
        2,
        0,
    )
    assert sentence_tense("到2025年，地区生产总值达到100亿元。") == (0, 1)


def test_half_width_brackets_open_a_look_back_section_under_a_numbered_chapter():
    document = Document(
        path="x.txt",
        blocks=[
            paragraph("一、开启全面建设社会主义现代化新征程", 1),
            paragraph("(一)全面建设小康社会如期实现", 2),
            paragraph("“十三五”以来，经济较快增长。地区生产总值从2015年末的57亿元增长到2020年的79亿元。", 3),
            paragraph("(二)发展环境", 4),
        ],
        lines=[],
    )
    passages = passages_from_document(document)
    assert [(p.paragraph.line, p.review) for p in passages] == [(3, True)]
