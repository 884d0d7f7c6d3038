"""The indicator-kind registry: one spec per kind, and a new kind is one entry."""

import re

import pytest

from planwatch.evaluate import (
    EVALUATORS,
    KindSpec,
    evaluate_plan,
    expected_path,
    kind_label,
    register,
    spec_for,
)
from planwatch.evaluate.kinds import kinds, recognise_kind, unregister
from planwatch.plan.model import KIND_ZH, KINDS
from tests.evaluate.builders import indicator, plan, rows


def test_every_kind_of_the_methodology_has_a_spec_with_the_vocabularys_label():
    assert kinds()[: len(KINDS)] == KINDS
    for kind in KINDS:
        spec = spec_for(kind)
        assert spec.label_zh == KIND_ZH[kind]
        assert spec.description_zh
    assert kind_label("per_year_bound") == "逐年约束"
    assert spec_for("cumulative").measures == ("amount", "reduction_rate", "level")


def _rank_evaluate(ctx):
    """A rank to reach (力争进入全市前3): met when the latest rank is at or above it."""
    wanted = int(re.search(r"\d+", ctx.indicator.target_text).group())
    values = ctx.values("level")
    year = max(values)
    rank = ctx.figure(values[year]).value
    status = ("achieved" if ctx.final else "achieved_early") if rank <= wanted else "lagging"
    return ctx.result(
        status, [f"{year}年排名第{rank:g}位，目标前{wanted}位"], data_year=year, target_value=wanted
    )


@pytest.fixture
def rank_kind():
    spec = register(
        KindSpec(
            name="rank",
            label_zh="排名目标",
            description_zh="排名：进入某一名次以内",
            evaluate=_rank_evaluate,
            measures=("level",),
            chart=lambda result: {result.target_year: float(result.target_value)},
            recognise=lambda name, unit, text: text.startswith("进入全市前"),
        )
    )
    yield spec
    unregister("rank")


def test_a_made_up_kind_takes_one_registry_entry(rank_kind):
    # recognised from a cell, labelled, evaluated by the engine, charted: all from the one entry above
    assert recognise_kind("营商环境排名", "位", "进入全市前3") == "rank"
    assert recognise_kind("森林覆盖率", "%", "19.5") == "share"  # the built-in grammar otherwise
    assert kind_label("rank") == "排名目标"
    assert "rank" in EVALUATORS
    the_plan = plan(
        indicator(1, "营商环境排名", unit="位", kind="rank", target=None, target_text="进入全市前3")
    )
    result = evaluate_plan(the_plan, rows(the_plan, (1, 2022, 5), (1, 2023, 2)), 2023).indicators[0]
    # 2023: 2nd ≤ 3 → achieved early
    assert (result.kind, result.status) == ("rank", "achieved_early")
    assert result.explanation.startswith("2023年排名第2位，目标前3位；提前实现。")
    assert expected_path(result) == {2025: 3.0}


def test_an_unknown_kind_is_a_verdict_not_an_exception():
    the_plan = plan(indicator(1, "某指标", kind="rank", target=3))
    result = evaluate_plan(the_plan, rows(the_plan), 2023).indicators[0]
    assert result.status == "no_data"
    assert "未知的目标类型“rank”" in result.explanation


def test_expected_path_of_a_level_is_the_linear_path_from_baseline_to_target():
    the_plan = plan(indicator(1, "企业数", unit="家", target=200))
    result = evaluate_plan(the_plan, rows(the_plan, (1, 2020, 100), (1, 2022, 150)), 2022).indicators[0]
    # 100 → 200 over 2020–2025: 20 a year
    assert expected_path(result) == pytest.approx(
        {2020: 100, 2021: 120, 2022: 140, 2023: 160, 2024: 180, 2025: 200}
    )


def test_expected_path_of_a_cumulative_target_is_an_even_share_of_the_total():
    the_plan = plan(indicator(1, "旧街坊改造面积", unit="万平方米", kind="cumulative", target=300))
    result = evaluate_plan(the_plan, rows(the_plan, (1, 2021, 52, "amount")), 2021).indicators[0]
    assert expected_path(result) == pytest.approx(
        {2020: 0, 2021: 60, 2022: 120, 2023: 180, 2024: 240, 2025: 300}
    )
