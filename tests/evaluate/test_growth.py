import pytest

from planwatch.evaluate.growth import (
    average_growth,
    chained_index,
    cumulative_completion,
    growth_between,
    rates_from_levels,
    required_growth,
)


def test_average_growth_is_the_geometric_mean_of_yearly_rates():
    # 1.09 × 0.985 = 1.07365; √1.07365 = 1.036171, so 3.6171%
    assert average_growth([9.0, -1.5]) == pytest.approx(3.6171, abs=1e-4)


def test_average_growth_is_not_the_arithmetic_mean():
    # +10% then −10%: 1.1 × 0.9 = 0.99, so the average is −0.50%, not 0
    assert average_growth([10, -10]) == pytest.approx(-0.5013, abs=1e-4)


def test_chained_index_multiplies_one_plus_each_rate():
    assert chained_index([10, 10]) == pytest.approx(1.21)


def test_required_growth_for_the_remaining_years():
    # g* = 6.5% over 2021–2025: 1.065^5 = 1.370087; achieved 1.09 × 0.985 × 1.06 = 1.138069
    # still needed over 2024–2025: (1.370087 / 1.138069)^(1/2) − 1 = 9.721%
    assert required_growth(6.5, [9.0, -1.5, 6.0], 2020, 2025, 2023) == pytest.approx(9.721, abs=1e-3)


def test_required_growth_equals_target_when_on_the_target_path():
    assert required_growth(8, [8, 8], 2020, 2025, 2022) == pytest.approx(8)


def test_required_growth_is_not_defined_in_the_target_year():
    with pytest.raises(ValueError):
        required_growth(6, [6] * 5, 2020, 2025, 2025)


def test_cumulative_completion_compares_growth_achieved_with_growth_wanted():
    # (1.1 − 1) / (1.05^5 − 1) = 0.1 / 0.276282 = 0.36195
    assert cumulative_completion(5, [10], 2020, 2025) == pytest.approx(0.36195, abs=1e-5)


def test_growth_between_levels():
    # (1.21)^(1/2) − 1 = 10%
    assert growth_between(100, 121, 2) == pytest.approx(10)


def test_rates_from_levels_skip_a_year_after_a_gap():
    # 2021: 110/100 − 1 = 10%; 2023 has no 2022 level before it
    assert rates_from_levels({2020: 100, 2021: 110, 2023: 130}) == pytest.approx({2021: 10.0})
