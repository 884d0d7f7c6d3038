import pytest

from planwatch.evaluate.settings import IndicatorSettings, Settings
from planwatch.plan.model import TargetValue
from tests.evaluate.builders import evaluate, indicator, plan, rows


def test_plan_settings_default_to_the_methodology():
    rules = Settings().for_indicator(1)
    assert (rules.tolerance, rules.growth_tolerance, rules.nearly_achieved, rules.red_effort_factor) == (
        0.10,
        0.5,
        0.95,
        1.5,
    )


def test_an_indicator_setting_overrides_only_what_it_names():
    settings = Settings(tolerance=0.05, indicators={3: IndicatorSettings(growth_tolerance=1.0)})
    assert settings.for_indicator(3).tolerance == 0.05
    assert settings.for_indicator(3).growth_tolerance == 1.0
    assert settings.for_indicator(4).growth_tolerance == 0.5


def test_unknown_path_shape_is_refused():
    with pytest.raises(ValueError):
        Settings(indicators={1: IndicatorSettings(path="logistic")})


def test_a_narrower_tolerance_changes_the_verdict():
    the_plan = plan(indicator(1, "比例", target=20))
    observations = rows(the_plan, (1, 2020, 10), (1, 2022, 13.5))
    # π = 35%, τ = 40%: on track with δ = 10 points, lagging with δ = 3 points
    assert evaluate(the_plan, observations, 2022).status == "on_track"
    assert evaluate(the_plan, observations, 2022, settings=Settings(tolerance=0.03)).status == "lagging"


def test_an_adjusted_target_is_used_and_named():
    the_plan = plan(indicator(1, "比例", target=20))
    observations = rows(the_plan, (1, 2020, 10), (1, 2022, 13.5))
    adjusted = Settings(
        indicators={1: IndicatorSettings(target=TargetValue(15, ">="), target_version="2023年中期调整")}
    )
    result = evaluate(the_plan, observations, 2022, settings=adjusted)
    # π = 3.5 / 5 = 70% ≥ 40% + 10% → ahead
    assert result.status == "ahead"
    assert result.target_version == "2023年中期调整"
    assert "目标采用2023年中期调整" in result.explanation
