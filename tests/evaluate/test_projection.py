import pytest

from planwatch.evaluate.projection import by_average_growth, by_linear_fit


def test_projection_by_average_growth_since_the_base_year():
    # 100 → 121 over 2020–2022 is 10%/yr; 2025 = 121 × 1.1^3 = 161.051
    projection = by_average_growth(2020, 100, 2022, 121, 2025)
    assert projection.value == pytest.approx(161.051)
    assert projection.rate == pytest.approx(10)


def test_projection_by_least_squares_line():
    # points (2020, 38), (2021, 39.5), (2022, 40.8): mean year 2021, mean value 39.4333
    # slope = ((−1)(−1.4333) + (1)(1.3667)) / 2 = 1.4; 2025: 39.4333 + 1.4 × 4 = 45.0333
    projection = by_linear_fit({2020: 38, 2021: 39.5, 2022: 40.8}, 2025)
    assert projection.rate == pytest.approx(1.4)
    assert projection.value == pytest.approx(45.0333, abs=1e-4)


def test_no_linear_fit_from_a_single_point():
    assert by_linear_fit({2020: 38}, 2025) is None
