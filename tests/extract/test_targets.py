"""Targets: forward-looking commitments, with the plan's own sentences as examples."""

import pytest

from planwatch.document.model import Paragraph, Piece
from planwatch.extract.passages import Passage
from planwatch.extract.targets import extract_targets

from .conftest import passage


def one(text, **kwargs):
    targets = extract_targets([passage(text, **kwargs)], period=(2021, 2025))
    assert len(targets) == 1, targets
    return targets[0]


def on_line(targets, line, value):
    found = [t for t in targets if t.line == line and t.value == value]
    assert len(found) == 1, [(t.line, t.value, t.quote) for t in targets if t.line == line]
    return found[0]


def test_level_target_with_lower_bound_and_plan_year():
    target = one("到2025年，地区研发投入强度达到5%以上。")
    assert (target.metric, target.value, target.unit, target.comparator, target.year) == (
        "地区研发投入强度",
        5,
        "%",
        ">=",
        2025,
    )
    assert target.quote == "地区研发投入强度达到5%以上"


def test_per_year_bound_has_no_year():
    target = one("促进重点群体就业，每年新增就业岗位不低于1.5万个，拓宽就业渠道。")
    assert (target.value, target.unit, target.comparator, target.per_year, target.year) == (
        1.5,
        "万个",
        ">=",
        True,
        None,
    )
    assert (target.value_normalized, target.unit_normalized) == (15000, "个")
    assert target.kind == "per_year_bound"
    assert target.quote == "新增就业岗位不低于1.5万个"


def test_within_three_years_is_kept_apart_from_the_year():
    target = one("加快布设新能源终端和智能电网设施。三年内新建300个以上电动汽车充电桩。", container="box")
    assert (target.value, target.unit, target.comparator, target.year, target.within_years) == (
        300,
        "个",
        ">=",
        None,
        3,
    )
    assert target.quote == "新建300个以上电动汽车充电桩"
    assert target.metric == "新建电动汽车充电桩"


def test_about_and_cumulative_with_the_metric_named_at_the_end():
    text = "计划到2022年累计实现约6100户，到2025年累计实现约10000户农民相对集中居住，切实改善居住条件。"
    targets = extract_targets([passage(text)], period=(2021, 2025))
    assert [(t.value, t.comparator, t.year, t.kind) for t in targets] == [
        (6100, "~", 2022, "cumulative"),
        (10000, "~", 2025, "cumulative"),
    ]
    assert [t.metric for t in targets] == ["农民相对集中居住", "农民相对集中居住"]


def test_paragraph_opening_year_governs_later_sentences():
    text = "到2022年，松江引领带动长三角G60科创走廊高质量建设成效凸显。地区研发投入强度达到4.8%, 战新产业产值占规上工业产值比重达到30%以上。"
    targets = extract_targets([passage(text)], period=(2021, 2025))
    assert [(t.value, t.comparator, t.year) for t in targets] == [(4.8, "=", 2022), (30, ">=", 2022)]


def test_range_target_has_both_ends():
    target = one("全力引进1-2所市实验性示范性高中。", container="table")
    assert (target.value, target.value_max, target.unit, target.comparator) == (1, 2, "所", "range")


def test_number_split_across_box_lines_is_quoted_on_its_own_line():
    # 至2022年累计建设 / 5G / 基站不少于3500个，… as the box breaks it over lines 333-335
    text = "至2022年累计建设5G基站不少于3500个，实现区域5G信号全覆盖。"
    pieces = (Piece(0, 10, 333, 0), Piece(10, 12, 334, 0), Piece(12, len(text), 335, 0))
    box = Passage(Paragraph(text, 333, pieces), "box", 5)
    (target,) = extract_targets([box], period=(2021, 2025))
    assert (target.line, target.quote, target.value, target.comparator, target.year) == (
        335,
        "基站不少于3500个",
        3500,
        ">=",
        2022,
    )


def test_past_facts_inside_a_forward_section_are_not_targets():
    assert extract_targets([passage("在多个电视台制作了40多档节目。")], period=(2021, 2025)) == []
    assert extract_targets([passage("依托现有7大区管企业集团。")], period=(2021, 2025)) == []
    assert extract_targets([passage("集聚头部企业，2019年产值超过3万亿元。")], period=(2021, 2025)) == []


def test_review_section_states_no_targets():
    assert extract_targets([passage("森林覆盖率达到18.5%。", review=True)], period=(2021, 2025)) == []


def test_age_bracket_is_part_of_the_metric_not_a_target():
    targets = extract_targets(
        [passage("老年助餐能力达到全区65岁以上户籍老年人口的5%。")], period=(2021, 2025)
    )
    assert [(t.value, t.unit) for t in targets] == [(5, "%")]


def test_to_json_has_the_interface_fields_first():
    data = one("森林覆盖率达19.5%。").to_json()
    assert list(data)[:9] == [
        "metric",
        "value",
        "value_max",
        "unit",
        "comparator",
        "year",
        "per_year",
        "line",
        "quote",
    ]
    assert (data["metric"], data["value"], data["comparator"], data["year"]) == (
        "森林覆盖率",
        19.5,
        "=",
        None,
    )


# The whole plan: (line, value, unit, comparator, year, per_year) as read by hand from the text.
PLAN_TARGETS = [
    (218, 4.8, "%", "=", 2022, False),  # 地区研发投入强度达到4.8%
    (218, 30, "%", ">=", 2022, False),  # 战新产业产值占规上工业产值比重达到30%以上
    (218, 300, "家", "~", None, True),  # 高新技术企业年均新增300家左右
    (219, 5, "%", ">=", 2025, False),  # 地区研发投入强度达到5%以上
    (219, 3200, "家", ">=", 2025, False),  # 高新技术企业总数达3200家以上
    (242, 40, "%", ">=", None, True),  # 每年保持产业“标准地”总量达到年度产业用地供应量40%以上
    (335, 3500, "个", ">=", 2022, False),  # 至2022年累计建设5G基站不少于3500个
    (337, 20, "家", "=", None, False),  # 打造20家工业互联网标杆工厂
    (339, 40, "G", "range", 2021, False),  # 到2021年底，实现区级40-100G带宽能力
    (363, 4.4, "千个", "=", None, False),  # 超算中心2021预计投产4.4千个机柜
    (373, 300, "个", ">=", None, False),  # 三年内新建300个以上电动汽车充电桩
    (432, 8.5, "亿元", "=", None, False),  # 投资8.5亿元
    (461, 30, "亩", "~", None, False),  # 占地面积约30亩
    (472, 99, "%", ">=", None, False),  # 城镇污水处理率达到99%以上
    (473, 85, "%", ">=", None, False),  # 全区空气质量优良率达到85%以上
    (474, 100, "%", "=", None, False),  # 受污染耕地安全利用率和污染地块安全利用率均达到100%
    (478, 19.5, "%", "=", None, False),  # 森林覆盖率达19.5%
    (478, 1.67, "平方公里", "=", None, False),  # 新增生态林1.67平方公里
    (480, 45, "%", "=", None, False),  # 实现生活垃圾回收利用率45%
    (481, 90, "%", ">=", None, False),  # 户外广告设置规范率达到90%以上
    (488, 1.5, "万个", ">=", None, True),  # 每年新增就业岗位不低于1.5万个
    (488, 2500, "人", ">=", None, False),  # 帮扶引领成功创业不少于2500人
    (492, 300, "万平方米", "=", None, False),  # 计划五年内完成300万平方米旧住房修缮改造
    (524, 8, "所", "range", None, False),  # 8-10所市一级园创建
    (558, 4, "家", "range", None, False),  # 推动4-5家社区卫生服务中心
    (604, 120, "家", "=", 2025, False),  # 社区老年助餐服务场所达到120家
    (607, 3, "平方米", ">=", None, False),  # 人均体育场地面积不低于3平方米
    (619, 10000, "户", "~", 2025, False),  # 到2025年累计实现约10000户农民相对集中居住
    (622, 2.3, "万户", "=", None, False),  # 2.3万户农村生活污水处理设施更新改造和建设
]


@pytest.mark.parametrize(("line", "value", "unit", "comparator", "year", "per_year"), PLAN_TARGETS)
def test_plan_target(plan_targets, line, value, unit, comparator, year, per_year):
    found = [t for t in plan_targets if t.line == line and t.value == value]
    assert found, [(t.value, t.quote) for t in plan_targets if t.line == line]
    assert {(t.unit, t.comparator, t.year, t.per_year) for t in found} == {(unit, comparator, year, per_year)}


def test_plan_states_most_values_once_and_shared_values_once_per_metric(plan_targets):
    twice = {
        (t.line, t.value)
        for t in plan_targets
        if [u.line for u in plan_targets if u.value == t.value].count(t.line) > 1
    }
    # 均达到100%; the footnote's six 100s; 改造6个摄影棚 and 新建6个摄影棚
    assert twice == {(474, 100), (607, 100), (432, 6)}


def test_footnote_targets_of_the_six_hundred_project(plan_targets):
    found = [(t.metric, t.value, t.unit, t.year) for t in plan_targets if t.container == "footnote"]
    assert ("市民健身步道（骑行道）总里程", 100, "公里", 2025) in found
    assert len(found) == 6


def test_every_target_quote_is_an_exact_substring_of_its_line(plan_document, plan_targets):
    for target in plan_targets:
        assert target.quote in plan_document.source_line(target.line), (target.line, target.quote)
        assert target.quote


def test_no_target_reads_a_number_inside_a_name(plan_targets):
    assert not [t for t in plan_targets if t.unit == "G" and t.value < 10]
    assert not [t for t in plan_targets if "号线" in t.quote or t.unit in ("年", "月")]


def test_respectively_gives_each_quantity_its_own_subject():
    text = "单位地区生产总值能源消耗和二氧化碳排放分别降低13.5%、18%。"
    targets = extract_targets([passage(text)], period=(2021, 2025))
    assert [(t.metric, t.value, t.kind) for t in targets] == [
        ("单位地区生产总值能源消耗降低", 13.5, "cumulative"),
        ("二氧化碳排放降低", 18, "cumulative"),
    ]


def test_percent_range_written_with_both_units():
    target = one("地区生产总值年均增长6%-7%。")
    assert (target.value, target.value_max, target.comparator, target.kind) == (
        6,
        7,
        "range",
        "annual_growth_rate",
    )


def test_size_bracket_before_the_counted_thing_is_not_a_target():
    target = one("新引进10亿元以上重大产业项目30个。")
    assert (target.value, target.unit) == (30, "个")


def test_per_year_word_governs_only_its_own_clause():
    text = "地区生产总值年均增长6.5%，到2025年人均地区生产总值超过15万元。"
    targets = extract_targets([passage(text)], period=(2021, 2025))
    assert [(t.value, t.per_year, t.year) for t in targets] == [(6.5, False, None), (15, False, 2025)]


def test_both_reach_the_same_value_gives_one_target_per_metric():
    text = "确保受污染耕地安全利用率和污染地块安全利用率均达到100%。"
    targets = extract_targets([passage(text)], period=(2021, 2025))
    assert [(t.metric, t.value, t.quote) for t in targets] == [
        ("受污染耕地安全利用率", 100, "受污染耕地安全利用率和污染地块安全利用率均达到100%"),
        ("污染地块安全利用率", 100, "受污染耕地安全利用率和污染地块安全利用率均达到100%"),
    ]


@pytest.mark.parametrize(
    "text",
    ["积极构建15分钟社区生活圈。", "公园绿地500米半径覆盖范围进一步优化。", "推进政务服务24小时不打烊。"],
)
def test_a_reach_that_names_a_service_standard_is_not_a_target(text):
    assert extract_targets([passage(text)], period=(2021, 2025)) == []


def test_a_time_bound_with_its_own_bound_word_is_a_target():
    target = one("平均通勤时间控制在45分钟以内。")
    assert (target.metric, target.value, target.unit, target.comparator) == ("平均通勤时间", 45, "分钟", "<=")
