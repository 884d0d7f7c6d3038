"""Every heading hierarchy of PLAN-FORMS.md §2, on small plans written by hand, with the expected outline."""

from __future__ import annotations

import pytest

from planwatch.document.text_reader import parse_text
from planwatch.errors import PlanFormatError
from planwatch.plan.structure import build_plan


def plan_of(text: str):
    return build_plan(parse_text(text))


def outline(plan) -> list[tuple]:
    return [(c.number, c.title, [(s.number, s.level, s.title) for s in c.sections]) for c in plan.chapters]


NATIONAL = """中华人民共和国国民经济和社会发展
第十四个五年规划和二〇三五年远景目标纲要
第一篇 开启全面建设社会主义现代化国家新征程
第一章 发展环境
第一节 决胜全面建成小康社会取得决定性成就
“十三五”时期，经济实力、科技实力、综合国力跃上新的大台阶。
第二节 我国发展环境面临深刻复杂变化
当前和今后一个时期，我国发展仍然处于重要战略机遇期。
第二章 指导方针
第一节 指导思想
高举中国特色社会主义伟大旗帜。
第二篇 坚持创新驱动发展 全面塑造发展新优势
坚持创新在我国现代化建设全局中的核心地位。
第三章 强化国家战略科技力量
第一节 整合优化科技资源配置
以国家战略性需求为导向推进创新体系优化组合。
第二节 加强原创性引领性科技攻关
在事关国家安全和发展全局的基础核心领域，制定实施战略性科学计划。
"""


def test_national_form_parts_chapters_and_jie_sections():
    plan = plan_of(NATIONAL)
    assert plan.title == "中华人民共和国国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert (plan.period_start, plan.period_end) == (2021, 2025)
    assert [(p.number, p.title, p.line, p.chapters) for p in plan.parts] == [
        (1, "开启全面建设社会主义现代化国家新征程", 3, [1, 2]),
        (2, "坚持创新驱动发展 全面塑造发展新优势", 12, [3]),
    ]
    assert outline(plan) == [
        (
            1,
            "发展环境",
            [("一", 1, "决胜全面建成小康社会取得决定性成就"), ("二", 1, "我国发展环境面临深刻复杂变化")],
        ),
        (2, "指导方针", [("一", 1, "指导思想")]),
        (
            3,
            "强化国家战略科技力量",
            [("一", 1, "整合优化科技资源配置"), ("二", 1, "加强原创性引领性科技攻关")],
        ),
    ]
    # The part's own lead paragraph belongs to the part, not to the chapter before it.
    assert [item.line for item in plan.parts[1].items] == [13]
    assert plan.chapters[1].sections[0].items[0].text == "高举中国特色社会主义伟大旗帜。"
    assert plan.warnings == []


PROVINCIAL = """某省人民政府
2021年2月
某省国民经济和社会发展第十四个五年规划
和二〇三五年远景目标纲要（草案）
前言
本纲要根据《中共某省委关于制定某省国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议》编制。
第一章 发展基础
第一节 发展成就
一、经济实力显著增强
全省生产总值突破4万亿元。
二、创新能力稳步提升
研发投入强度达到2.3%。
第二节 发展环境
外部环境更趋复杂。
第二章 总体要求
第一节 指导思想
坚持稳中求进工作总基调。
第二节 主要目标
一、经济发展
地区生产总值年均增长6%左右。
附件
名词解释
1.数字经济：以数据资源为关键要素的经济形态。
"""


def test_provincial_form_chapter_jie_and_numbered_sections_with_front_and_back_matter():
    plan = plan_of(PROVINCIAL)
    assert plan.title == "某省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert outline(plan) == [
        (
            1,
            "发展基础",
            [
                ("一", 1, "发展成就"),
                ("一", 2, "经济实力显著增强"),
                ("二", 2, "创新能力稳步提升"),
                ("二", 1, "发展环境"),
            ],
        ),
        (2, "总体要求", [("一", 1, "指导思想"), ("二", 1, "主要目标"), ("一", 2, "经济发展")]),
    ]
    assert [item.line for item in plan.preface] == [1, 2, 3, 4, 6]
    assert [(a.title, a.line, [i.text for i in a.items]) for a in plan.annexes] == [
        ("附件", 21, []),
        ("名词解释", 22, ["1.数字经济：以数据资源为关键要素的经济形态。"]),
    ]
    assert plan.warnings == []


MUNICIPAL = """某市国民经济和社会发展第十四个五年规划纲要
一、发展基础
（一）主要成就
全市生产总值达到1.2万亿元。
（二）面临形势
发展不平衡不充分问题仍然突出。
二、总体要求
（一）指导思想
以习近平新时代中国特色社会主义思想为指导。
（三）主要目标
到2025年，地区生产总值达到1.6万亿元。
三、加快建设现代化产业体系
推动制造业高质量发展。
"""


def test_municipal_form_without_chapter_headings_reads_yi_headings_as_chapters():
    plan = plan_of(MUNICIPAL)
    assert outline(plan) == [
        (1, "发展基础", [("一", 1, "主要成就"), ("二", 1, "面临形势")]),
        (2, "总体要求", [("一", 1, "指导思想"), ("三", 1, "主要目标")]),
        (3, "加快建设现代化产业体系", []),
    ]
    assert plan.chapters[2].items[0].text == "推动制造业高质量发展。"
    assert plan.warnings == [
        "第2行起：未找到“第X章”形式的章标题，以“一、”形式的标题作为章读入",
        "第10行：第2章的“三、主要目标”之前缺少编号2",
    ]


DOTTED = """某市国民经济和社会发展第十四个五年规划纲要
一、发展环境
1.1 发展基础
全市经济总量稳步提升。
1.2 面临形势
外部环境更趋复杂。
二、发展目标
2.1 指导思想
坚持新发展理念。
2.2 主要目标
到2025年，全市常住人口城镇化率达到75%。
1.5倍以上的增长不是标题。
"""


def test_yi_chapters_with_dotted_sections():
    plan = plan_of(DOTTED)
    assert outline(plan) == [
        (1, "发展环境", [("1.1", 1, "发展基础"), ("1.2", 1, "面临形势")]),
        (2, "发展目标", [("2.1", 1, "指导思想"), ("2.2", 1, "主要目标")]),
    ]
    assert [item.text for item in plan.chapters[1].sections[1].items][-1] == "1.5倍以上的增长不是标题。"


DISTRICT = """《某区国民经济和社会发展第十五个五年规划和二O三五年远景目标纲要》是全区未来五年的行动纲领。
第1章 全面开启社会主义现代化建设新征程
一、发展基础
（一）经济实力
1. 产业结构
全区第三产业增加值比重提高到62%。
2. 创新能力
研发投入持续增长。
（二）社会事业
教育质量稳步提升。
二、发展环境
机遇与挑战并存。
第2章 坚持以人民为中心的发展思想，紧扣高质量发展主题，全面建设科创、人文、生态现代化新城区
一、总体要求
坚持党的全面领导。
第十二章 保障规划实施
加强党的领导。
"""


def test_district_form_with_four_levels_arabic_chapter_numbers_and_a_long_chapter_title():
    plan = plan_of(DISTRICT)
    assert plan.title == "某区国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要"
    assert (plan.period_start, plan.period_end) == (2026, 2030)
    assert outline(plan) == [
        (
            1,
            "全面开启社会主义现代化建设新征程",
            [
                ("一", 1, "发展基础"),
                ("一", 2, "经济实力"),
                ("1", 3, "产业结构"),
                ("2", 3, "创新能力"),
                ("二", 2, "社会事业"),
                ("二", 1, "发展环境"),
            ],
        ),
        (
            2,
            "坚持以人民为中心的发展思想，紧扣高质量发展主题，全面建设科创、人文、生态现代化新城区",
            [("一", 1, "总体要求")],
        ),
        (12, "保障规划实施", []),
    ]
    assert plan.warnings == ["第16行：第12章之前缺少第3章"]


def test_a_jie_heading_right_after_a_chapter_heading_is_not_glued_onto_its_title():
    plan = plan_of(
        "某省国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求\n第一节 指导思想\n坚持发展。\n"
    )
    assert outline(plan) == [(1, "总体要求", [("一", 1, "指导思想")])]


def test_a_bare_chapter_number_takes_its_title_from_the_next_line():
    plan = plan_of("某县国民经济和社会发展第十四个五年规划纲要\n第一章\n发展基础\n一、主要成就\n经济增长。\n")
    assert outline(plan) == [(1, "发展基础", [("一", 1, "主要成就")])]


def test_a_reference_to_a_chapter_at_the_start_of_a_sentence_is_not_a_heading():
    plan = plan_of(
        "某县国民经济和社会发展第十四个五年规划纲要\n第一章 发展基础\n第三章所列重大项目，由各部门分工落实。\n"
    )
    assert [c.number for c in plan.chapters] == [1]


def test_half_width_parentheses_and_spaced_numbers_are_headings_too():
    plan = plan_of(
        "某市国民经济和社会发展第十四个五年规划纲要\n第 一 章  总体要求\n(一)指导思想\n坚持发展。\n"
    )
    assert outline(plan) == [(1, "总体要求", [("一", 1, "指导思想")])]


def test_a_plan_without_any_heading_is_read_as_one_chapter_with_a_warning():
    body = (
        "某县国民经济和社会发展第十四个五年规划纲要\n"
        + "坚持发展是第一要务，加快建设现代化经济体系，推进城乡融合发展。\n" * 5
    )
    plan = plan_of(body)
    assert [(c.number, c.title) for c in plan.chapters] == [(1, "全文")]
    assert len(plan.chapters[0].items) == 6
    assert plan.warnings == ["未找到任何章节标题（第一章、一、等）：全文作为一章读入，请核对文件"]


def test_a_web_page_source_is_refused_saying_what_it_is():
    with pytest.raises(PlanFormatError, match="no chapter heading.*网页源代码（HTML）"):
        plan_of("<!DOCTYPE html>\n<html><body><p>hello</p></body></html>\n")


def test_a_csv_file_is_refused_saying_what_it_is():
    with pytest.raises(PlanFormatError, match="CSV"):
        plan_of("indicator,year,value\n1,2021,5.2\n2,2021,3.1\n")


def test_numbered_lists_of_an_annex_do_not_change_the_section_levels_of_the_chapters():
    text = (
        "某县国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求\n第一节 主要目标\n1.经济发展\n增长6%。\n"
        "附件\n一、重大项目\n（一）交通项目\n"
    )
    plan = plan_of(text)
    assert outline(plan) == [(1, "总体要求", [("一", 1, "主要目标"), ("1", 2, "经济发展")])]
    assert [(a.title, [i.text for i in a.items]) for a in plan.annexes] == [
        ("附件", ["一、重大项目", "（一）交通项目"])
    ]


DOTTED_WITH_LISTS = """某市国民经济和社会发展第十四个五年规划纲要
一、发展环境
1.1 发展基础
1. 经济实力
全市经济总量稳步提升。
2. 社会事业
教育质量提升。
1.2 面临形势
外部环境更趋复杂。
二、发展目标
2.1 主要目标
1. 经济发展
增长6%左右。
"""


def test_the_nesting_of_forms_is_read_from_the_document_not_from_a_fixed_order():
    # 1.1 sections hold 1. lists here: the lists start (at 1) under a 1.1 heading, so 1. is the inner level,
    # although 1. comes before 1.1 in the usual order of forms.
    plan = plan_of(DOTTED_WITH_LISTS)
    assert outline(plan) == [
        (
            1,
            "发展环境",
            [("1.1", 1, "发展基础"), ("1", 2, "经济实力"), ("2", 2, "社会事业"), ("1.2", 1, "面临形势")],
        ),
        (2, "发展目标", [("2.1", 1, "主要目标"), ("1", 2, "经济发展")]),
    ]


BUFEN = """某县国民经济和社会发展第十四个五年规划纲要
第一部分 发展基础
一、主要成就
全县生产总值突破500亿元。
二、面临形势
机遇与挑战并存。
第二部分 总体要求
一、指导思想
坚持稳中求进。
"""


def test_parts_written_di_x_bufen_are_the_chapters_when_there_is_no_di_x_zhang():
    plan = plan_of(BUFEN)
    assert outline(plan) == [
        (1, "发展基础", [("一", 1, "主要成就"), ("二", 1, "面临形势")]),
        (2, "总体要求", [("一", 1, "指导思想")]),
    ]
    assert plan.parts == []
    assert plan.warnings == ["第2行起：未找到“第X章”形式的章标题，以“第X部分”形式的标题作为章读入"]


def test_parts_written_di_x_bufen_group_chapters_when_there_are_chapters():
    plan = plan_of(
        "某县国民经济和社会发展第十四个五年规划纲要\n第一部分 总论\n第一章 发展基础\n一、主要成就\n增长。\n"
        "第二部分 分论\n第二章 产业发展\n一、制造业\n升级。\n"
    )
    assert [(p.number, p.title, p.chapters) for p in plan.parts] == [(1, "总论", [1]), (2, "分论", [2])]
    assert outline(plan) == [(1, "发展基础", [("一", 1, "主要成就")]), (2, "产业发展", [("一", 1, "制造业")])]
