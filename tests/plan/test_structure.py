"""The Songjiang plan's structure, checked against values written by hand from the document."""

from __future__ import annotations

from planwatch.document.text_reader import parse_text
from planwatch.plan.structure import build_plan
from planwatch.reading import read_plan

CHAPTERS = [
    (1, "在服从服务融入国家战略中开启新时代现代化新松江建设新征程", 3),
    (2, "高质量建设人民满意的“科创、人文、生态”现代化新松江", 54),
    (3, "构建新发展格局，创造长三角G60科创走廊策源地高质量一体化发展新气象", 215),
    (4, "加快优化空间格局，发力建设独立的综合性节点城市", 251),
    (5, "构建现代化产业体系，打造科技创新策源与高端产业引领的科创之城", 273),
    (6, "大力弘扬人文松江精神品质，打造绵厚历史与新时代文明交相辉映的人文之城", 402),
    (7, "深入践行“两山”理念，打造人与自然和谐共生的生态之城", 466),
    (8, "努力创造高品质生活，更好满足松江人民对美好生活的向往", 484),
    (9, "全面实施乡村振兴战略，加快形成城乡融合发展格局", 611),
    (10, "着力加强全周期管理，持续提升城市治理现代化水平", 631),
    (11, "积极推动改革系统集成，实现更高水平制度型开放", 657),
    (12, "全面加强党的领导，团结全区人民为实现规划目标而奋斗", 676),
]

SECTIONS = {
    1: [
        ("一", 1, "“十三五”时期的主要成就"),
        ("1", 2, "经济综合实力实现跃升，稳步迈上高质量发展新轨道"),
        ("2", 2, "长三角G60科创走廊上升为国家战略重要平台，科创引领开辟一体化发展新空间"),
        ("3", 2, "新型城镇化建设成效显著，城乡融合取得新突破"),
        ("4", 2, "人文松江建设全面提速，城市品质彰显新魅力"),
        ("5", 2, "人民生活保障更加有力，社会事业展现新作为"),
        ("6", 2, "生态松江建设持续发力，绿色发展凸显新成效"),
        ("二", 1, "新发展阶段面临的机遇与挑战"),
        ("三", 1, "2035年远景目标展望"),
    ],
    2: [
        ("一", 1, "“十四五”时期经济社会发展指导思想"),
        ("二", 1, "“十四五”时期经济社会发展必须遵循的原则"),
        ("三", 1, "2025年经济社会发展目标"),
    ],
    3: [
        ("1", 2, "建成具有国际影响力的科创走廊"),
        ("2", 2, "全力建设“中国制造”迈向“中国创造”的先进走廊"),
        ("3", 2, "全力建设科技和制度创新双轮驱动的先试走廊"),
        ("4", 2, "全力建设产城融合发展的先行走廊"),
        ("5", 2, "聚焦打造一体化市场体系"),
    ],
    # The document has no heading 二 in chapter 4 (it was lost in the export): reported as a warning.
    4: [("一", 1, "优化“一廊一轴两核”新城空间格局"), ("三", 1, "全面推进“四网融合”交通体系建设")],
    5: [
        ("一", 1, "强化新兴产业高地建设"),
        ("二", 1, "增创“五型经济”发展优势"),
        ("三", 1, "推动传统优势产业转型升级"),
        ("四", 1, "厚植产业创新、政务服务、人才发展生态"),
    ],
    6: [
        ("一", 1, "繁荣发展社会主义先进文化"),
        ("二", 1, "持续打响“上海之根、人文松江”文化品牌"),
        ("三", 1, "全面打造全域旅游示范区品牌"),
        ("四", 1, "全面打响上海科技影都品牌"),
    ],
    7: [
        ("一", 1, "加大重大领域污染防治力度"),
        ("二", 1, "优化生态空间布局"),
        ("三", 1, "加快构建现代环境治理体系"),
    ],
    8: [
        ("一", 1, "夯实更加稳固有力的基本保障体系"),
        ("二", 1, "完善更加普惠便捷的社会民生事业"),
        ("三", 1, "推动更加优质均衡的公共服务供给"),
    ],
    9: [
        ("一", 1, "促进乡村产业经济多元化发展"),
        ("二", 1, "打造生态宜居新家园"),
        ("三", 1, "探索农民增收新渠道"),
        ("四", 1, "推动城乡融合制度创新"),
    ],
    10: [
        ("一", 1, "“一网通办”提升政务服务质量效率"),
        ("二", 1, "“一网统管”保障城市安全有序运行"),
        ("三", 1, "“绣花功夫”推进城市精细化管理"),
        ("四", 1, "全力推动城市数字化转型"),
        ("五", 1, "着力构建“共建共享”社会治理新格局"),
    ],
    11: [
        ("一", 1, "以更大力度扩大开放合作"),
        ("二", 1, "不断推进政府改革创新"),
        ("三", 1, "持续深化国资国企改革"),
        ("四", 1, "打造开放高效一流营商环境"),
    ],
    12: [("一", 1, "发挥党的领导核心作用"), ("二", 1, "全面推进法治松江建设"), ("三", 1, "完善规划实施保障")],
}


def test_title_comes_from_the_mention_of_the_outline_with_the_numeral_zero(songjiang_plan):
    assert songjiang_plan.title == "上海市松江区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"


def test_period_is_the_fourteenth_five_year_plan(songjiang_plan):
    assert (songjiang_plan.period_start, songjiang_plan.period_end) == (2021, 2025)
    assert songjiang_plan.base_year == 2020


def test_the_twelve_chapters_with_wrapped_titles_joined(songjiang_plan):
    assert [(c.number, c.title, c.line) for c in songjiang_plan.chapters] == CHAPTERS


def test_the_sections_of_every_chapter(songjiang_plan):
    for chapter in songjiang_plan.chapters:
        assert [(s.number, s.level, s.title) for s in chapter.sections] == SECTIONS[chapter.number], (
            chapter.number
        )


def test_section_lines_point_at_the_headings(songjiang_plan):
    chapter3 = songjiang_plan.chapters[2]
    assert [s.line for s in chapter3.sections] == [217, 220, 234, 240, 244]
    assert [s.line for s in songjiang_plan.chapters[0].sections] == [5, 6, 13, 20, 26, 32, 38, 45, 50]


def test_a_lead_phrase_ending_in_a_full_stop_is_the_task_title(songjiang_plan):
    section = songjiang_plan.chapters[2].sections[1]  # 2、全力建设“中国制造”迈向“中国创造”的先进走廊
    assert [(item.title, item.line) for item in section.items] == [
        ("深化产业协同创新中心建设", 221),
        ("推动产业链深度合作", 222),
        ("强化沪西五区联动发展", 233),
    ]
    assert section.items[0].text.startswith("深化产业协同创新中心建设。发挥上海（松江）龙头带动作用")


def test_principles_led_by_a_dash_are_tasks_titled_without_the_dash(songjiang_plan):
    principles = songjiang_plan.chapters[1].sections[1]
    assert [item.title for item in principles.items] == [
        "坚持党的全面领导",
        "坚持以人民为中心",
        "坚持新发展理念",
        "坚持服从服务融入国家战略",
        "坚持深化改革开放",
        "坚持系统思维",
    ]


def test_a_paragraph_that_opens_with_a_long_sentence_has_no_title(songjiang_plan):
    intro = songjiang_plan.chapters[0].items[0]
    assert intro.line == 4
    assert intro.title is None


def test_a_paragraph_cut_by_a_text_box_is_joined_again(songjiang_plan):
    first = songjiang_plan.chapters[4].sections[0].items[0]
    assert first.title == "加快打造世界级产业集群"
    assert first.line == 276
    assert "六大高地建设，依托高铁时代长三角G60科创走廊战略平台" in first.text


def test_chapter_preamble_paragraphs_are_kept_on_the_chapter(songjiang_plan):
    assert [item.line for item in songjiang_plan.chapters[2].items] == [216]
    assert [item.line for item in songjiang_plan.preface] == [1]


def test_the_missing_section_two_of_chapter_four_is_reported(songjiang_plan):
    assert songjiang_plan.warnings == ["第266行：第4章的“三、全面推进“四网融合”交通体系建设”之前缺少编号2"]


def test_boxes(songjiang_plan):
    boxes = [(b.title, b.number, b.chapter, b.line) for b in songjiang_plan.boxes]
    assert boxes == [
        ("专栏1：完善“1+7+N”产业联盟体系", 1, 3, 223),
        ("加快形成4个千亿级产业集群", None, 5, 277),
        ("松江区加快新型基础设施建设行动计划", None, 5, 326),
    ]
    first, clusters, infrastructure = songjiang_plan.boxes
    assert "2019年产值超过3万亿元。" in first.text
    assert clusters.text.split("\n")[0] == "（一）新一代信息技术"
    assert "依托腾讯长三角人工智能超算中心及产业基地项目" in clusters.text
    assert "力争打造成为长三角最大、全国前三的AI超算中心。" in clusters.text
    assert "至2022年累计建设5G基站不少于3500个" in infrastructure.text
    assert "超算中心2021预计投产4.4千个机柜" in infrastructure.text
    assert infrastructure.text.count("\n（") == 3  # (二) (三) (四) each start a paragraph


def test_figures(songjiang_plan):
    assert [(f.caption, f.number, f.line, f.chapter) for f in songjiang_plan.figures] == [
        ("图1 松江“十四五”空间布局示意图", 1, 253, 4),
        ("图2 松江新城“十四五”空间战略示意图", 2, 261, 4),
    ]


def test_a_file_without_chapters_is_a_format_error():
    import pytest

    from planwatch.errors import PlanFormatError

    with pytest.raises(PlanFormatError, match="no chapter heading"):
        build_plan(parse_text("到2025年，森林覆盖率达19.5%。\n"))


def test_a_plan_without_period_in_the_title_takes_it_from_the_text(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "《某县国民经济和社会发展规划纲要》（2026-2030年）是……。\n第一章  总体要求\n一、指导思想\n坚持发展。\n",
        encoding="utf-8",
    )
    plan = read_plan(path)
    assert (plan.title, plan.period_start, plan.period_end) == ("某县国民经济和社会发展规划纲要", 2026, 2030)
    assert [(s.number, s.title) for s in plan.chapters[0].sections] == [("一", "指导思想")]


def test_the_fifteenth_plan_period_comes_from_its_ordinal(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("某市国民经济和社会发展第十五个五年规划纲要\n第一章  开启新征程\n", encoding="utf-8")
    plan = read_plan(path)
    assert (plan.period_start, plan.period_end) == (2026, 2030)
    assert plan.title == "某市国民经济和社会发展第十五个五年规划纲要"
