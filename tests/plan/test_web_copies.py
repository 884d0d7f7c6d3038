"""Text copied from a web page: a typed 目录 before the body, headings glued to the paragraph before them,
half-width punctuation. The structure is the one of the same plan in a clean export."""

from __future__ import annotations

from planwatch.document.text_reader import parse_text
from planwatch.plan.structure import build_plan

CLEAN = [
    (1, "发展基础", [("一", 1, "发展成就"), ("二", 1, "面临形势")]),
    (2, "总体要求", [("一", 1, "指导思想"), ("二", 1, "主要目标")]),
]

WEB_COPY = """某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要
发布时间:2021-02-05 来源:市发展改革委
目 录
第一章 发展基础……………………………………1
第一节 发展成就………………………………1
第二节 面临形势………………………………3
第二章 总体要求……………………………………5
第一节 指导思想………………………………5
第二节 主要目标………………………………6
第一章 发展基础
第一节 发展成就
"十三五"时期,全市生产总值达到1.2 万亿元,年均增长6.5%。第二节 面临形势
当前和今后一个时期,发展仍处于重要战略机遇期。第二章 总体要求
第一节 指导思想
坚持稳中求进工作总基调。
第二节 主要目标
到2025年,全市生产总值达到1.6 万亿元。
"""


def outline(plan):
    return [(c.number, c.title, [(s.number, s.level, s.title) for s in c.sections]) for c in plan.chapters]


def test_a_web_copy_with_a_typed_contents_and_glued_headings_reads_as_the_clean_plan():
    plan = build_plan(parse_text(WEB_COPY))
    assert outline(plan) == CLEAN
    assert plan.title == "某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert plan.warnings == [
        "第12行：标题“第二节 面临形势”接在上一段末尾，已将其分开",
        "第13行：标题“第二章 总体要求”接在上一段末尾，已将其分开",
        "第3行：目录（至第9行）不作为正文读入",
    ]


def test_the_paragraph_before_a_glued_heading_keeps_its_text_and_source_map():
    plan = build_plan(parse_text(WEB_COPY))
    (item,) = plan.chapters[0].sections[0].items
    # The space a web page put before the unit is gone: 1.2 万亿元 → 1.2万亿元.
    assert item.text == '"十三五"时期,全市生产总值达到1.2万亿元,年均增长6.5%。'
    assert item.line == 12
    heading = plan.chapters[0].sections[1]
    assert (heading.title, heading.line) == ("面临形势", 12)


def test_contents_without_page_numbers_end_where_the_body_repeats_the_first_entry():
    text = "某县国民经济和社会发展第十四个五年规划纲要\n目录\n一、发展基础\n二、总体要求\n一、发展基础\n（一）主要成就\n经济增长。\n二、总体要求\n（一）指导思想\n坚持发展。\n"
    plan = build_plan(parse_text(text))
    assert outline(plan) == [
        (1, "发展基础", [("一", 1, "主要成就")]),
        (2, "总体要求", [("一", 1, "指导思想")]),
    ]


def test_a_sentence_mentioning_a_chapter_is_not_split():
    text = "某县国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求\n重大项目见本纲要。第三章所列项目由各部门落实。\n"
    plan = build_plan(parse_text(text))
    assert [item.text for item in plan.chapters[0].items] == [
        "重大项目见本纲要。第三章所列项目由各部门落实。"
    ]
    assert plan.warnings == []


def test_half_width_numbering_marks_are_headings():
    text = "某县国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求\n一.指导思想\n坚持发展。\n二、主要目标\n(一)经济发展\n增长6%。\n"
    plan = build_plan(parse_text(text))
    assert outline(plan) == [
        (1, "总体要求", [("一", 1, "指导思想"), ("二", 1, "主要目标"), ("一", 2, "经济发展")])
    ]


def test_spaces_before_units_and_inside_numbers_are_removed_but_names_keep_theirs():
    from planwatch.document.spacing import tighten_numbers

    assert tighten_numbers("到2025年增长6.5 %左右，达到424.74 亿元") == "到2025年增长6.5%左右，达到424.74亿元"
    assert tighten_numbers("提高到1 .5万人") == "提高到1.5万人"
    assert tighten_numbers("长三角 G60 科创走廊") == "长三角 G60 科创走廊"
    assert tighten_numbers("表1 主要指标") == "表1 主要指标"


def test_a_table_copied_from_a_web_page_with_a_heading_glued_to_its_last_cell():
    text = (
        "某市国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求\n第一节 主要目标\n主要指标\n"
        "指标\t单位\t2020年\t2025年\t属性\n1.地区生产总值\t亿元\t10020\t15000\t预期性\n"
        "2.城区常住人口\t万人\t420\t500\t预期性第二章　构建都市圈\n第一节 打造港口\n建设港口。\n"
    )
    plan = build_plan(parse_text(text))
    assert outline(plan) == [
        (1, "总体要求", [("一", 1, "主要目标")]),
        (2, "构建都市圈", [("一", 1, "打造港口")]),
    ]
    (table,) = plan.tables
    assert (table.caption, table.line) == ("主要指标", 5)
    assert table.header == ["指标", "单位", "2020年", "2025年", "属性"]
    assert table.rows == [
        ["1.地区生产总值", "亿元", "10020", "15000", "预期性"],
        ["2.城区常住人口", "万人", "420", "500", "预期性"],
    ]
    assert plan.warnings == ["第7行：标题“第二章　构建都市圈”接在表格末尾，已将其分开"]


def test_extraction_reads_the_repaired_web_copy(tmp_path):
    from planwatch.reading import read_plan

    path = tmp_path / "web.txt"
    path.write_text(WEB_COPY, encoding="utf-8")
    plan = read_plan(path)
    # The spaces before 万亿元 are gone, and the look-back paragraph cut from its glued heading gives baselines.
    assert [(t.value, t.unit, t.line, t.year) for t in plan.targets] == [(1.6, "万亿元", 17, 2025)]
    assert [(b.value, b.unit, b.line) for b in plan.baselines] == [(1.2, "万亿元", 12), (6.5, "%", 12)]


def test_a_numbered_heading_glued_after_a_sentence_is_split_off():
    text = "某县国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求\n一、指导思想\n坚持稳中求进。二、主要目标\n增长6%。\n"
    plan = build_plan(parse_text(text))
    assert outline(plan) == [(1, "总体要求", [("一", 1, "指导思想"), ("二", 1, "主要目标")])]
    assert [i.text for i in plan.chapters[0].sections[0].items] == ["坚持稳中求进。"]
