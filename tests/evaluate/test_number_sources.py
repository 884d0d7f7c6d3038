"""The core's texts say where a number comes from: an override beside the computed verdict, a growth base as a
rate."""

from __future__ import annotations

from planwatch.evaluate.results import Override
from tests.evaluate.builders import evaluate, indicator, plan, rows


def test_an_override_sentence_names_both_verdicts_and_the_reason():
    override = Override("on_track", "受疫情冲击，区政府认定基本符合预期。")
    assert override.sentence("lagging") == (
        "系统测算为滞后于预期，规划科改评为基本符合预期（理由：受疫情冲击，区政府认定基本符合预期）"
    )


def test_a_growth_targets_base_is_the_base_years_rate_with_its_level_beside_it():
    the_plan = plan(indicator(1, "地区生产总值年均增长率", kind="annual_growth_rate", target=6.5))
    observations = rows(
        the_plan,
        (1, 2020, 4.0, "growth_rate"),
        (1, 2020, 1637.11, "level", "", "亿元"),
        (1, 2021, 9.0, "growth_rate"),
    )
    assert evaluate(the_plan, observations, 2021).baseline_text == "4%（2020年：1637.11亿元）"


def test_a_growth_targets_base_level_alone_is_named_by_its_year_never_as_a_rate():
    the_plan = plan(indicator(1, "地区生产总值年均增长率", kind="annual_growth_rate", target=6.5))
    observations = rows(the_plan, (1, 2020, 1637.11, "level", "", "亿元"), (1, 2021, 9.0, "growth_rate"))
    assert evaluate(the_plan, observations, 2021).baseline_text == "2020年：1637.11亿元"
