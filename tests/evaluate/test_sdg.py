import pytest

from planwatch.evaluate.sdg import category_of, progress_measure


def test_ratio_of_observed_to_required_cagr():
    # required: (121/100)^(1/2) − 1 = 10%/yr over 2020–2022; observed 2020–2021: 105/100 − 1 = 5%
    # ratio 0.05 / 0.10 = 0.5 → limited progress
    measure = progress_measure(100, 2020, 105, 2021, 121, 2022, "up")
    assert measure.ratio == pytest.approx(0.5)
    assert measure.category == "limited_progress"
    assert measure.category_zh == "有限进展"


def test_categories_at_the_thresholds():
    assert category_of(0.95) == "substantial_progress"
    assert category_of(0.6) == "moderate_progress"
    assert category_of(0.0) == "limited_progress"
    assert category_of(-0.01) == "deterioration"


def test_deterioration_when_moving_away_from_a_downward_target():
    # target down from 0.035 to 0.024, value rose to 0.04: observed CAGR > 0, required < 0
    measure = progress_measure(0.035, 2020, 0.04, 2022, 0.024, 2025, "down")
    assert measure.category == "deterioration"


def test_met_target_is_target_achieved():
    measure = progress_measure(50.52, 2020, 61.2, 2023, 60, 2025, "up")
    assert measure.category == "target_achieved"
    assert measure.ratio is None


def test_undefined_for_non_positive_values():
    assert progress_measure(0, 2020, 5, 2022, 10, 2025, "up") is None
