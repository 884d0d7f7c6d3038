"""Impossible figures are refused, doubtful ones warned (planwatch.evaluate.plausibility)."""

from __future__ import annotations

from planwatch.evaluate.plausibility import Rule, checks, impossible, usual_change, within_hundred

RD_HISTORY = {2020: (4.32, "%"), 2021: (4.45, "%"), 2022: (4.55, "%"), 2023: (4.62, "%"), 2024: (4.7, "%")}


def test_a_share_above_100_percent_is_impossible():
    reason = impossible(480, kind="share", name="研发经费支出占地区生产总值比例", unit="%", measure="level")
    assert reason == "数值480%不可能：比重（比率）应在0至100%之间"


def test_a_negative_share_is_impossible_but_100_is_not():
    assert impossible(-0.1, kind="share", name="森林覆盖率", unit="%", measure="level")
    assert impossible(100, kind="share", name="森林覆盖率", unit="%", measure="level") is None


def test_a_growth_rate_in_percent_may_be_negative_or_above_100():
    assert (
        impossible(
            -12, kind="annual_growth_rate", name="地区生产总值年均增长率", unit="%", measure="growth_rate"
        )
        is None
    )
    assert (
        impossible(
            130, kind="annual_growth_rate", name="地区生产总值年均增长率", unit="%", measure="growth_rate"
        )
        is None
    )
    assert not within_hundred("level", "工业增加值增长率", "%", "level")


def test_a_level_named_as_a_rate_in_percent_is_a_share():
    assert within_hundred("level", "城镇调查失业率", "%", "level")


def test_a_negative_count_is_impossible_even_with_a_scale_word():
    assert impossible(-3, kind="level", name="有效期内高新技术企业数", unit="家", measure="level") == (
        "数值-3家不可能：计数不能为负数"
    )
    assert impossible(-1, kind="level", name="常住人口", unit="万人", measure="level")
    assert impossible(-1.5, kind="level", name="地区生产总值", unit="亿元", measure="level") is None


def test_the_usual_change_is_the_median_of_year_on_year_changes():
    # changes 0.13, 0.10, 0.07, 0.08 → median (0.08 + 0.10) / 2 = 0.09
    assert round(usual_change({y: v for y, (v, _) in RD_HISTORY.items()}), 6) == 0.09


def test_no_usual_change_with_fewer_than_three_changes():
    assert usual_change({2022: 1.0, 2023: 2.0, 2024: 3.0}) is None


def test_a_jump_beyond_three_times_the_usual_change_is_warned():
    found = checks(9.5, year=2025, unit="%", source="区统计局", history=RD_HISTORY, percent_points=True)
    assert [c.code for c in found] == ["jump"]
    # 9.5 − 4.7 = +4.8 points; usual 0.09; 3 × 0.09 = 0.27
    assert found[0].message == "较2024年变化+4.8个百分点，超过通常年变化（0.09个百分点）的3倍"


def test_a_usual_step_is_not_warned():
    assert checks(4.95, year=2025, unit="%", source="区统计局", history=RD_HISTORY) == []


def test_a_figure_after_a_gap_is_not_compared_with_the_usual_one_year_change():
    # 2024 missing: 2025 against 2023 is two years' change, not a jump of one year
    gap = {y: v for y, v in RD_HISTORY.items() if y != 2024}
    assert checks(4.95, year=2025, unit="%", source="区统计局", history=gap) == []
    assert [c.code for c in checks(9.5, year=2025, unit="%", source="区统计局", history=RD_HISTORY)] == [
        "jump"
    ]


def test_no_jump_rule_without_enough_history():
    short = {2023: (4.62, "%"), 2024: (4.7, "%")}
    assert checks(9.5, year=2025, unit="%", source="区统计局", history=short) == []


def test_min_max_missing_source_and_changed_unit_are_warned():
    rule = Rule(minimum=5, maximum=8, jump_factor=None)
    low = checks(4.8, year=2025, unit="‰", source=" ", history=RD_HISTORY, rule=rule)
    assert [c.code for c in low] == ["below_minimum", "no_source", "unit_changed"]
    assert low[0].message == "数值4.8低于设定的下限5"
    assert low[2].message == "单位“‰”与上年的“%”不同"
    assert [c.code for c in checks(9, year=2025, unit="%", source="x", history={}, rule=rule)] == [
        "above_maximum"
    ]


def test_the_validator_refuses_an_impossible_share_and_a_negative_count_naming_the_cell():
    from planwatch.evaluate.observations import check_observation_rows
    from planwatch.plan.model import Plan
    from tests.evaluate.builders import indicator

    plan = Plan(
        "规划",
        2021,
        2025,
        indicators=[
            indicator(1, "森林覆盖率", "%", kind="share", target=20),
            indicator(2, "高新技术企业数", "家", target=3000),
        ],
    )
    rows = [
        (2, [1, 2023, "480", "", "", "%"]),
        (3, [2, 2023, "-3", "", "", "家"]),
        (4, [1, 2023, "19", "", "", "%"]),
    ]
    observations, problems = check_observation_rows(
        ["indicator", "year", "value", "measure", "series", "unit"], rows, plan
    )
    assert [(p.row, p.column, p.reason) for p in problems] == [
        (2, "value", "数值480%不可能：比重（比率）应在0至100%之间"),
        (3, "value", "数值-3家不可能：计数不能为负数"),
    ]
    assert [o.value for o in observations] == [19.0]


def test_only_a_part_of_a_whole_is_bounded_by_100_not_every_level_in_percent():
    # a true figure must never be refused: deflation, a debt ratio or self-sufficiency above 100
    for name, value in (("居民消费价格涨幅", -0.3), ("政府债务率", 130), ("粮食自给率", 104)):
        assert impossible(value, kind="share", name=name, unit="%", measure="level") is None, name
    assert impossible(130, kind="level", name="婴儿死亡率", unit="‰", measure="level") is None
    # a share of 增加值 is still a share (增加值 is a quantity, not a change)
    assert impossible(130, kind="share", name="数字经济核心产业增加值占GDP比重", unit="%", measure="level")
    assert impossible(-1, kind="share", name="森林覆盖率", unit="%", measure="level")
