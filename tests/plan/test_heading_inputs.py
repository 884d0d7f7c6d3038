"""The same plan as a text export, a .docx with plain paragraphs and a .docx with Word heading styles gives the
same parts, chapters and sections."""

from __future__ import annotations

import pytest

from planwatch.document import read_document
from planwatch.plan import headings
from planwatch.plan.structure import build_plan
from tests.document.docx_builder import DocxWriter
from tests.plan.test_heading_forms import DISTRICT, MUNICIPAL, NATIONAL, PROVINCIAL

# Word styles by heading form, as an office would set them (the national plan uses three levels).
STYLE_OF_FORM = {"part": "Heading 1", "chapter": "Heading 2", "jie": "Heading 3", "cn": "Heading 3"}


def shape(plan):
    return (
        plan.title,
        [(p.number, p.title, p.chapters) for p in plan.parts],
        [(c.number, c.title, [(s.number, s.level, s.title) for s in c.sections]) for c in plan.chapters],
    )


def write_docx(text: str, path, styled: bool):
    writer = DocxWriter()
    for line in text.strip("\n").split("\n"):
        heading = headings.classify(line)
        style = STYLE_OF_FORM.get(heading.form) if styled and heading else None
        writer.paragraph(line, style=style)
    return writer.save(path)


@pytest.mark.parametrize(
    "text",
    [NATIONAL, PROVINCIAL, MUNICIPAL, DISTRICT],
    ids=["national", "provincial", "municipal", "district"],
)
def test_text_plain_docx_and_styled_docx_give_the_same_structure(text, tmp_path):
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    from_text = shape(build_plan(read_document(tmp_path / "plan.txt")))
    plain = shape(build_plan(read_document(write_docx(text, tmp_path / "plain.docx", styled=False))))
    styled = shape(build_plan(read_document(write_docx(text, tmp_path / "styled.docx", styled=True))))
    assert plain == from_text
    assert styled == from_text


def test_unnumbered_headings_in_word_styles_are_chapters_and_sections(tmp_path):
    writer = DocxWriter()
    writer.word.styles.add_style("标题 2", 1)
    writer.paragraph("某县国民经济和社会发展第十四个五年规划纲要")
    writer.paragraph("发展基础", style="Heading 1")
    writer.paragraph("经济实力显著增强", style="标题 2")
    writer.paragraph("全县生产总值突破500亿元。")
    writer.paragraph("总体要求", style="Heading 1")
    writer.paragraph("指导思想", style="标题 2")
    writer.paragraph("坚持稳中求进。")
    plan = build_plan(read_document(writer.save(tmp_path / "styled.docx")))
    assert [
        (c.number, c.title, [(s.number, s.level, s.title) for s in c.sections]) for c in plan.chapters
    ] == [
        (1, "发展基础", [("1", 1, "经济实力显著增强")]),
        (2, "总体要求", [("1", 1, "指导思想")]),
    ]
    assert plan.chapters[0].sections[0].items[0].text == "全县生产总值突破500亿元。"


def test_a_styled_heading_with_a_long_numbered_title_is_still_a_section(tmp_path):
    long_title = "一、坚持以人民为中心的发展思想，紧扣高质量发展主题，推进治理体系和治理能力现代化，全面建设现代化新城区"
    writer = DocxWriter()
    writer.paragraph("某区国民经济和社会发展第十四个五年规划纲要")
    writer.paragraph("第一章 总体要求", style="Heading 1")
    writer.paragraph(long_title, style="Heading 2")
    writer.paragraph("坚持发展。")
    plan = build_plan(read_document(writer.save(tmp_path / "styled.docx")))
    assert [(s.number, s.level, s.title) for s in plan.chapters[0].sections] == [("一", 1, long_title[2:])]


def test_custom_styles_with_an_outline_level_are_headings(tmp_path):
    from docx.oxml import parse_xml

    writer = DocxWriter()
    for name, level in (("一级标题", 0), ("二级标题", 1)):
        style = writer.word.styles.add_style(name, 1)
        style.element.get_or_add_pPr().append(
            parse_xml(
                f'<w:outlineLvl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="{level}"/>'
            )
        )
    writer.paragraph("某县国民经济和社会发展第十四个五年规划纲要")
    writer.paragraph("发展基础", style="一级标题")
    writer.paragraph("经济实力显著增强", style="二级标题")
    writer.paragraph("全县生产总值突破500亿元。")
    writer.paragraph("总体要求", style="一级标题")
    plan = build_plan(read_document(writer.save(tmp_path / "custom.docx")))
    assert [
        (c.number, c.title, [(s.number, s.level, s.title) for s in c.sections]) for c in plan.chapters
    ] == [
        (1, "发展基础", [("1", 1, "经济实力显著增强")]),
        (2, "总体要求", []),
    ]
