import pytest

from planwatch.evaluate.compound import combine
from planwatch.plan.model import Part
from tests.evaluate.builders import evaluate, indicator, plan, rows

PARTS = [Part("上市", 70, ">="), Part("挂牌", 500, ">="), Part("科创板", 25, ">=")]


def listing_plan():
    return plan(
        indicator(
            1,
            "上市、挂牌企业数（科创板）",
            unit="家",
            kind="compound",
            target=None,
            comparator=None,
            target_text="70/500（25）",
            parts=PARTS,
        )
    )


def base_rows():
    return [(1, 2020, 29, "level", "上市"), (1, 2020, 408, "level", "挂牌"), (1, 2020, 5, "level", "科创板")]


def test_each_part_is_a_level_and_the_least_favourable_part_decides():
    the_plan = listing_plan()
    observations = rows(
        the_plan,
        *base_rows(),
        (1, 2022, 45, "level", "上市"),
        (1, 2022, 465, "level", "挂牌"),
        (1, 2022, 11, "level", "科创板"),
    )
    result = evaluate(the_plan, observations, 2022)
    # τ = 0.4, geometric paths:
    # 上市 π = 16/41 = 39.0%; expected (29·(70/29)^0.4 − 29)/41 = (41.26 − 29)/41 = 29.9% → on track
    # 挂牌 π = 57/92 = 62.0%; expected (408·(500/408)^0.4 − 408)/92 = 37.6% → ahead
    # 科创板 π = 6/20 = 30.0%; expected (5·5^0.4 − 5)/20 = 22.6% → on track
    assert [p.status for p in result.parts] == ["on_track", "ahead", "on_track"]
    assert result.status == "on_track"
    assert result.progress == pytest.approx(0.30)
    assert result.current_text == "45/465/11"


def test_all_parts_met_early_is_achieved_early():
    the_plan = listing_plan()
    observations = rows(
        the_plan,
        *base_rows(),
        (1, 2023, 71, "level", "上市"),
        (1, 2023, 510, "level", "挂牌"),
        (1, 2023, 25, "level", "科创板"),
    )
    assert evaluate(the_plan, observations, 2023).status == "achieved_early"


def test_one_part_short_at_the_end_is_not_achieved():
    the_plan = listing_plan()
    observations = rows(
        the_plan,
        *base_rows(),
        (1, 2025, 71, "level", "上市"),
        (1, 2025, 510, "level", "挂牌"),
        (1, 2025, 15, "level", "科创板"),
    )
    result = evaluate(the_plan, observations, 2025)
    # 科创板 π = 10/20 = 50%
    assert result.status == "not_achieved"
    assert [p.status for p in result.parts] == ["achieved", "achieved", "not_achieved"]


def test_combining_part_verdicts():
    assert combine(["achieved", "nearly_achieved"], final=True) == "nearly_achieved"
    assert combine(["achieved", "no_data"], final=True) == "no_data"
    assert combine(["achieved_early", "lagging"], final=False) == "lagging"
