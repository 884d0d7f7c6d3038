import pytest

from planwatch.evaluate.paths import default_path, expected_progress, expected_value, time_progress
from tests.evaluate.builders import indicator


def test_time_progress_is_years_elapsed_over_period_length():
    # (2023 − 2020) / (2025 − 2020) = 3/5
    assert time_progress(2023, 2020, 2025) == pytest.approx(0.6)


def test_time_progress_is_one_at_and_after_the_target_year():
    assert time_progress(2025, 2020, 2025) == 1.0
    assert time_progress(2027, 2020, 2025) == 1.0


def test_time_progress_from_a_star_baseline_year_before_the_base_year():
    # a `*` baseline is for 2019: (2022 − 2019) / (2025 − 2019) = 3/6
    assert time_progress(2022, 2019, 2025) == pytest.approx(0.5)


def test_linear_path_expects_completion_equal_to_time_progress():
    # 18.5 + (19.5 − 18.5)·0.4 = 18.9
    assert expected_value(18.5, 19.5, 0.4, "linear") == pytest.approx(18.9)
    assert expected_progress(18.5, 19.5, 0.4, "linear") == pytest.approx(0.4)


def test_geometric_path_grows_by_a_constant_rate():
    # 100·(121/100)^0.5 = 110: half-way in time is 10% growth, i.e. 10/21 of the gap
    assert expected_value(100, 121, 0.5, "geometric") == pytest.approx(110)
    assert expected_progress(100, 121, 0.5, "geometric") == pytest.approx(10 / 21)


def test_geometric_path_falls_back_to_linear_for_a_zero_baseline():
    assert expected_value(0, 10, 0.5, "geometric") == pytest.approx(5)


def test_every_unit_defaults_to_the_linear_path_of_time_progress():
    # METHODOLOGY §3 (second edition): the geometric path is a per-indicator setting, never chosen from the unit
    for unit in ("家", "亿元", "万平方米", "%", "人/亿元", "岁"):
        assert default_path(indicator(unit=unit)) == "linear"
    assert default_path(indicator(unit="家", kind="share")) == "linear"
