"""Years and horizons: 到2025年, 至2022年, 2021年底, 三年内, 每年, 年均, 累计, 十三五期末 → 2020."""

import pytest

from planwatch.numbers import horizons
from planwatch.numbers.horizons import find_horizons, governing_year, plan_end_year


def first(text):
    found = find_horizons(text)
    assert found, text
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "year"),
    [
        ("到2022年，松江引领带动", horizons.BY, 2022),
        ("到2025年累计实现约10000户", horizons.BY, 2025),
        ("至2022年累计建设5G基站", horizons.BY, 2022),
        ("到2021年底，实现区级40-100G带宽能力", horizons.BY, 2021),
        ("到二〇二五年，长三角G60科创走廊", horizons.BY, 2025),
        ("2020年全年环境空气质量优良率达88.7%", horizons.YEAR, 2020),
        ("从“十二五”期末995.36亿元", horizons.PERIOD_END, 2015),
        ("增长至“十三五”期末的1637.11亿元", horizons.PERIOD_END, 2020),
        ("由“十二五”时期的336.45亿元", horizons.PERIOD, 2015),
    ],
)
def test_horizon_kind_and_year(text, kind, year):
    horizon = first(text)
    assert (horizon.kind, horizon.year) == (kind, year)


def test_within_years_counts_the_years():
    horizon = first("三年内新建300个以上电动汽车充电桩")
    assert (horizon.kind, horizon.years) == (horizons.WITHIN, 3)
    assert first("计划五年内完成300万平方米").years == 5


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("每年新增就业岗位不低于1.5万个", horizons.PER_YEAR),
        ("年均增长35.3%", horizons.AVERAGE),
        ("累计救助157.6万人次", horizons.CUMULATIVE),
    ],
)
def test_yearly_average_and_cumulative_words(text, kind):
    assert first(text).kind == kind


def test_plan_ordinal_gives_its_last_year():
    assert [plan_end_year(n) for n in (12, 13, 14)] == [2015, 2020, 2025]


def test_comparison_point_is_not_the_year_of_the_fact():
    text = "城镇污水处理率达95.4%，比“十二五”期末提高4.4个百分点"
    found = find_horizons(text)
    assert found[0].reference is True
    assert governing_year(found, len(text)) is None


def test_nearest_stated_year_governs():
    text = "计划到2022年累计实现约6100户，到2025年累计实现约10000户"
    found = find_horizons(text)
    assert governing_year(found, text.index("6100")).year == 2022
    assert governing_year(found, text.index("10000")).year == 2025


def test_end_of_a_year_without_by():
    horizon = first("2021年底实现区级带宽能力")
    assert (horizon.kind, horizon.year) == (horizons.YEAR, 2021)


def test_a_comparison_year_after_spaces_of_a_pdf_copy_is_still_a_reference():
    text = "财政收入预计实现 6.13 亿元,同比 2015 年增长 72%"
    found = [h for h in find_horizons(text) if h.year == 2015]
    assert [h.reference for h in found] == [True]
    assert governing_year(found, len(text)) is None
    assert first("2015 年末的57.02亿元").reference is False
