"""What a target cell means (METHODOLOGY.md §2): reach or hold, commitment and aspiration, named parts."""

import pytest

from planwatch.extract.target_cells import (
    aspiration_value,
    classify,
    commitment,
    comparator,
    direction_of,
    parts,
    target_number,
)
from planwatch.plan.model import Part


@pytest.mark.parametrize(
    "name, unit, cell, baseline, kind",
    [
        # a comparator the baseline does not meet yet is a level to reach (数字经济占比>60 with base 55)
        ("数字经济核心产业增加值占比", "%", ">60", 55.0, "share"),
        # one the baseline already meets is a bound to hold every year (失业率<5.5 with 5.2; 粮食>6.5 with 6.69)
        ("城镇调查失业率", "%", "<5.5", 5.2, "per_year_bound"),
        ("粮食综合生产能力", "亿吨", ">6.5", 6.69, "per_year_bound"),
        ("粮食综合生产能力", "亿吨", "6.5以上", 6.0, "level"),
        ("城镇调查失业率", "%", "5.5以内", 5.8, "share"),
        # no baseline yet: a strict comparator is held until the base year's figure decides
        ("城镇调查失业率", "%", "<5.5", None, "per_year_bound"),
        # the plan's own words win over the baseline
        ("粮食综合生产能力", "亿吨", "保持在6.5以上", 6.0, "per_year_bound"),
        ("森林覆盖率", "%", "达到60以上", 62.0, "share"),
    ],
)
def test_a_comparator_is_reached_or_held_as_the_baseline_says(name, unit, cell, baseline, kind):
    assert classify(name, unit, cell, False, baseline) == kind


def test_a_comparator_on_a_growth_rate_in_the_annual_column_is_a_growth_target_with_a_floor():
    cell = ">7、力争投入强度高于“十三五”时期实际"
    assert classify("全社会研发经费投入增长", "%", cell, True) == "annual_growth_rate"
    assert commitment(cell) == (">7", "投入强度高于“十三五”时期实际")
    assert (target_number(cell), comparator(cell, "up")) == (7.0, ">=")
    assert aspiration_value(cell) is None  # words, not a number: shown, never judged
    assert direction_of("全社会研发经费投入增长", cell, "annual_growth_rate") == "up"


def test_a_cell_that_says_average_growth_is_a_growth_target_whatever_the_name():
    assert classify("地区生产总值", "亿元", "年均增长7%以上", False) == "annual_growth_rate"
    assert (target_number("年均增长7%以上"), comparator("年均增长7%以上", "up")) == (7.0, ">=")


def test_about_with_a_numeric_aspiration():
    cell = "6%左右，力争7%"
    assert classify("地区生产总值年均增长", "%", cell, True) == "annual_growth_rate"
    assert (target_number(cell), comparator(cell, "up"), aspiration_value(cell)) == (6.0, "~", 7.0)


def test_cumulative_cells_and_named_parts():
    assert classify("单位GDP能源消耗降低", "%", "〔13.5〕", True) == "cumulative"
    assert classify("人均预期寿命", "岁", "〔1〕", True) == "cumulative"
    cell = "〔成片改造110 零星改造20〕"
    assert classify("旧区改造面积", "万平方米", cell, True) == "compound"
    assert parts("旧区改造面积", cell) == [Part("成片改造", 110.0, ">="), Part("零星改造", 20.0, ">=")]


def test_compound_cell_parts_are_named_from_the_indicator():
    assert parts("上市、挂牌企业数（科创板）", "70/500（25）") == [
        Part("上市", 70.0, ">="),
        Part("挂牌", 500.0, ">="),
        Part("科创板", 25.0, ">="),
    ]
