"""Linking baseline facts of the text to the main indicators; never a guess."""

import pytest

from planwatch.extract.baselines import BaselineFact
from planwatch.extract.linking import link_baselines, rival_qualifiers, similarity
from planwatch.plan.model import Indicator, TargetValue


def indicator(number, name, unit, kind="level", target=None):
    return Indicator(
        number, name, unit, "expected", kind, str(target), 2025, TargetValue(target, ">="), base_year=2020
    )


def fact(metric, value, unit, line=1, year=None, year_implied=2020, kind="level", period=None, quote=None):
    quote = quote or f"{metric}达到{value}{unit}"
    return BaselineFact(
        metric,
        value,
        unit,
        year,
        line,
        quote,
        value,
        unit,
        kind=kind,
        year_implied=year_implied,
        period=period,
    )


def test_same_measure_under_another_wording_is_similar():
    assert similarity("有效期内高新技术企业数", "高新技术企业总数") == 1.0
    assert similarity("户籍人口居民平均预期寿命", "人均期望寿命") >= 0.7
    assert (
        similarity(
            "战略性新兴产业产值（制造业部分）占规上工业总产值比重",
            "战略性新兴产业产值占规模以上工业总产值比重",
        )
        == 1.0
    )


def test_rival_qualifiers_mean_another_measure():
    assert rival_qualifiers("生活垃圾回收利用率", "生活垃圾资源化利用率")
    assert similarity("生活垃圾回收利用率", "资源化利用率") == 0.0
    assert similarity("森林覆盖率", "绿化覆盖率") == 0.0
    assert similarity("全社会固定资产投资年均增长率", "工业固定资产投资年均增长") == 0.0


def test_indicator_gets_the_base_year_fact_with_quote_and_confidence():
    forest = indicator(16, "森林覆盖率", "%", "share", 19.5)
    facts = [
        fact("绿化覆盖率", 36.76, "%"),
        fact("森林覆盖率", 18.5, "%", line=43, quote="森林覆盖率达到18.5%"),
    ]
    link_baselines([forest], facts)
    assert (forest.baseline.value, forest.baseline.year, forest.baseline.line) == (18.5, 2020, 43)
    assert (forest.baseline.quote, forest.baseline.confidence, forest.baseline.unit) == (
        "森林覆盖率达到18.5%",
        1.0,
        "%",
    )


def test_an_older_value_is_not_a_baseline():
    firms = indicator(8, "有效期内高新技术企业数", "家", target=3200)
    link_baselines([firms], [fact("高新技术企业总数", 469, "家", year_implied=2015)])
    assert firms.baseline is None


def test_an_implausible_value_is_not_a_baseline():
    firms = indicator(8, "有效期内高新技术企业数", "家", target=3200)
    link_baselines([firms], [fact("拥有高新技术企业", 2.1, "万家")])
    assert firms.baseline is None


def test_units_convert_to_the_indicator_unit():
    income = indicator(17, "居民人均可支配收入", "万元", "relative")
    link_baselines([income], [fact("城乡居民可支配收入", 59500, "元")])
    assert (income.baseline.value, income.baseline.unit) == (5.95, "万元")


def test_growth_indicator_takes_the_growth_rate_of_the_period_ending_in_the_base_year():
    revenue = indicator(2, "地方财政收入年均增长率", "%", "annual_growth_rate", 6)
    facts = [
        fact("地方财政收入", 220.62, "亿元"),
        fact(
            "地方财政收入年均增速",
            12.4,
            "%",
            year_implied=2020,
            kind="annual_growth_rate",
            period="2016-2020",
        ),
    ]
    link_baselines([revenue], facts)
    assert revenue.baseline.value == 12.4


def test_each_fact_goes_to_the_best_matching_indicator_only():
    industrial = indicator(5, "工业固定资产投资年均增长率", "%", "annual_growth_rate", 20)
    overall = indicator(4, "全社会固定资产投资年均增长率", "%", "annual_growth_rate", 10)
    growth = fact("工业固定资产投资年均增长", 35.3, "%", kind="annual_growth_rate", period="2016-2020")
    link_baselines([overall, industrial], [growth])
    assert overall.baseline is None
    assert industrial.baseline.value == 35.3


def test_a_fact_named_exactly_by_an_allocated_indicator_is_no_other_indicators_baseline():
    retail = indicator(1, "社会消费品零售总额增长", "%", "allocation")
    online = indicator(2, "网络零售额占社会消费品零售总额比重", "%", "share", 12.5)
    link_baselines([retail, online], [fact("社会消费品零售总额增长", 4.0, "%", kind="share")])
    assert retail.baseline is None
    assert online.baseline is None


def test_the_longest_name_a_fact_matches_takes_it():
    rate = indicator(1, "城镇调查失业率", "%", "share", 5.5)
    youth = indicator(2, "青年城镇调查失业率", "%", "share", 15)
    link_baselines([rate, youth], [fact("青年城镇调查失业率", 14.2, "%")])
    assert rate.baseline is None
    assert youth.baseline.value == 14.2


_SYNTHETIC_PLAN = """某市国民经济和社会发展第十五个五年规划纲要

第一章  主要目标
2025年，全市社会消费品零售总额增长4.0%。
“十五五”时期经济社会发展主要指标
\t类别
\t指标
\t2025年
\t2030年
\t属性

\t经济发展
\t1.社会消费品零售总额增长（%）
\t
\t保持在合理区间、各年度视情提出
\t预期性

\t经济发展
\t2.网络零售额占社会消费品零售总额比重（%）
\t
\t12.5
\t预期性

第二章  重大任务
一、扩大消费
网络零售额占社会消费品零售总额比重达到12.5%。
"""


def test_a_plan_text_gives_a_growth_note_to_no_indicator_that_merely_contains_its_name(tmp_path):
    from planwatch.reading import read_plan

    path = tmp_path / "plan.txt"
    path.write_text(_SYNTHETIC_PLAN, encoding="utf-8")
    plan = read_plan(path)
    by_number = {i.number: i for i in plan.indicators}
    assert by_number[2].name == "网络零售额占社会消费品零售总额比重"
    assert by_number[2].baseline is None
    with_share = _SYNTHETIC_PLAN.replace(
        "增长4.0%。", "增长4.0%，网络零售额占社会消费品零售总额比重达到10.2%。"
    )
    path.write_text(with_share, encoding="utf-8")
    assert {i.number: i for i in read_plan(path).indicators}[2].baseline.value == 10.2


@pytest.fixture(scope="module")
def linked_plan(plan_baselines):
    from planwatch.reading import read_plan

    from .conftest import PLAN

    plan = read_plan(PLAN)
    for item in plan.indicators:
        item.baseline = None
    link_baselines(plan.indicators, plan_baselines)
    return {item.name: item.baseline for item in plan.indicators}


@pytest.mark.parametrize(
    ("name", "value", "line"),
    [
        ("有效期内高新技术企业数", 1755, 17),
        ("森林覆盖率", 18.5, 43),
        ("户籍人口居民平均预期寿命", 84.05, 35),
        ("全社会研发经费支出占地区生产总值比例", 4.32, 17),
        ("每万人口发明专利拥有量", 50.52, 17),
        ("战略性新兴产业产值（制造业部分）占规上工业总产值比重", 29, 11),
        ("地方财政收入年均增长率", 12.4, 9),
    ],
)
def test_plan_indicator_gets_its_2020_baseline_from_the_text(linked_plan, name, value, line):
    baseline = linked_plan[name]
    assert (baseline.value, baseline.year, baseline.line) == (value, 2020, line)


def test_plan_indicators_the_text_does_not_state_stay_unlinked(linked_plan):
    # the text's 资源化利用率达到43% is another measure than 生活垃圾回收利用率
    for name in (
        "生活垃圾回收利用率",
        "全社会固定资产投资年均增长率",
        "商品销售总额年均增长率",
        "旧街坊改造面积",
        "单位生产总值生产安全事故死亡人数",
    ):
        assert linked_plan[name] is None, name
