"""Quantities in running text, with the plan's own phrases."""

import pytest

from planwatch.numbers.quantities import find_quantities


def only(text):
    found = find_quantities(text)
    assert len(found) == 1, found
    quantity = found[0]
    return quantity.value, quantity.value_max, quantity.unit, text[quantity.start : quantity.end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每年新增就业岗位不低于1.5万个", (1.5, None, "万个", "1.5万个")),
        ("超算中心2021预计投产4.4千个机柜", (4.4, None, "千个", "4.4千个")),
        ("总投资累计近3000亿元", (3000, None, "亿元", "3000亿元")),
        ("增长至“十三五”期末的1637.11亿元", (1637.11, None, "亿元", "1637.11亿元")),
        ("PM2.5年均浓度为35微克/立方米", (35, None, "微克/立方米", "35微克/立方米")),
        ("比“十二五”期末提高了1.3个百分点", (1.3, None, "个百分点", "1.3个百分点")),
        ("绿化覆盖率达 36.76%", (36.76, None, "%", "36.76%")),
        ("新增生态林1.67平方公里", (1.67, None, "平方公里", "1.67平方公里")),
        ("完成300万平方米旧住房修缮改造", (300, None, "万平方米", "300万平方米")),
        ("日均客流量约2.5万乘次", (2.5, None, "万乘次", "2.5万乘次")),
        ("累计救助157.6万人次", (157.6, None, "万人次", "157.6万人次")),
        ("总占地150亩", (150, None, "亩", "150亩")),
        ("新增绿道75公里", (75, None, "公里", "75公里")),
        ("加快打造１个中心", (1, None, "个", "１个")),
        ("依托现有7大区管企业集团", (7, None, "大", "7大")),
        ("新建三百个充电桩", (300, None, "个", "三百个")),
        ("每年就业岗位新增一万五千个", (15000, None, "个", "一万五千个")),
        ("比重达到百分之三十三", (33, None, "%", "百分之三十三")),
    ],
)
def test_quantity_has_value_unit_and_span(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全力引进1-2所市实验性示范性高中", (1, 2, "所", "1-2所")),
        ("推动4-5家社区卫生服务中心", (4, 5, "家", "4-5家")),
        ("每个镇分片设置3-5个", (3, 5, "个", "3-5个")),
        ("8-10所市一级园创建", (8, 10, "所", "8-10所")),
        ("实现区级40-100G带宽能力", (40, 100, "G", "40-100G")),
    ],
)
def test_range_keeps_both_ends(text, expected):
    assert only(text) == expected


def test_two_ranges_in_one_list_are_two_quantities():
    found = find_quantities("推动2-3所市示范园、8-10所市一级园创建")
    assert [(q.value, q.value_max) for q in found] == [(2, 3), (8, 10)]


@pytest.mark.parametrize(
    "text",
    [
        "PM2.5年均浓度",  # pollutant name
        "长三角G60科创走廊",
        "加快5G商用进程",  # a technology generation, not 5 G of bandwidth
        "轨道交通12号线西延伸",
        "位于玉树路、S32交界处",
        "“1+7+N”产业联盟",
        "“6天+365天”一站式交易",
        "跃升至2020年的第31位",
        "三次产业增加值比重由2015年0.9:55:44.1调整",
        "市场主体数量占全国比重上升至1/16",
        "2019年8月举办项目开工仪式",
        "“十四五”时期",
        "立足“四个放在”、强化“四大功能”",
        "地方财政收入连续60个月保持正增长",
        "长三角G60科创走廊三年内实现1.0到3.0",
        "打造上海影视乐园4A景区",
        "积极构建“十五分钟社区生活圈”",
        "叶榭八十八亩乡村民宿",
    ],
)
def test_numbers_in_names_dates_and_ratios_are_not_quantities(text):
    assert find_quantities(text) == []


def test_more_after_a_number_marks_a_lower_bound():
    found = find_quantities("拥有高新技术企业2.1万多家")
    assert (found[0].value, found[0].unit, found[0].approximate_more) == (2.1, "万家", True)


def test_unitless_numbers_only_when_asked():
    assert find_quantities("目标值为6.5") == []
    assert [q.value for q in find_quantities("目标值为6.5", keep_unitless=True)] == [6.5]


def test_ranks_are_places_after_a_scope_or_written_with_their_unit():
    from planwatch.numbers.quantities import find_ranks, is_top_rank

    text = "总量全市第五，从2018年的第78位跃升至2020年的第31位，力争全国前三。"
    ranks = find_ranks(text)
    assert [(r.value, r.unit, text[r.start : r.end]) for r in ranks] == [
        (5, "名", "第五"),
        (78, "位", "第78位"),
        (31, "位", "第31位"),
        (3, "名", "前三"),
    ]
    assert [is_top_rank(text, r) for r in ranks] == [False, False, False, True]


def test_ordinals_of_names_and_batches_are_not_ranks():
    from planwatch.numbers.quantities import find_ranks

    assert find_ranks("第四批全国旅游标准化示范单位、上海第九人民医院、第七届运动会、第一责任人") == []


def test_fractions_after_a_verb_are_shares():
    from planwatch.numbers.quantities import find_fractions

    assert [(q.value, q.unit) for q in find_fractions("市场主体数量占全国比重上升至1/16")] == [
        (0.0625, "比例")
    ]
    assert [q.value for q in find_fractions("占比达到三分之一")] == [0.333333]
    assert find_fractions("70/500（25）") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a numeral with its unit that closes the clause counts what the noun before it names
        ("新增公共停车泊位两千个。", [(2000.0, "个")]),
        ("建成充电桩三千五百个，新增学位一万二千个", [(3500.0, "个"), (12000.0, "个")]),
        # one that runs on into more name stays part of the name
        ("叶榭八十八亩乡村民宿建成开放。", []),
        # without a unit it counts nothing
        ("泊位两千，", []),
    ],
)
def test_a_chinese_numeral_straight_after_a_noun_counts_when_it_closes_the_clause(text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text)] == expected
