"""A typed figure read once for every channel (form, spreadsheet, API)."""

import pytest

from planwatch.evaluate.values import NOT_FINITE, Reading, ValueProblem, read_value, target_problem


@pytest.mark.parametrize(
    ("typed", "reading"),
    [
        ("１２", Reading(12.0)),
        ("1,234.5", Reading(1234.5)),
        ("１，２３４．５", Reading(1234.5)),  # full-width comma and point fold to ASCII (NFKC)
        ("12%", Reading(12.0, percent=True)),
        ("１２％", Reading(12.0, percent=True)),
        (" -3.5 ", Reading(-3.5)),
        (3300, Reading(3300.0)),
    ],
)
def test_numbers_as_people_type_them(typed, reading):
    assert read_value(typed) == reading


@pytest.mark.parametrize("typed", ["nan", "inf", "-Infinity", "1e400", float("nan"), float("inf"), 10**400])
def test_non_finite_numbers_are_refused_with_one_message(typed):
    with pytest.raises(ValueProblem) as problem:
        read_value(typed)
    assert str(problem.value) == NOT_FINITE


@pytest.mark.parametrize("typed", ["约2200", "1_000", "%", "12 家", True])
def test_text_that_is_not_a_number_is_named(typed):
    with pytest.raises(ValueProblem, match="不是数字"):
        read_value(typed)


def test_a_target_is_checked_for_its_kind():
    assert target_problem(-250, "annual_growth_rate") == "年均增长-250%不可能：任何量都不会下降100%或更多"
    assert target_problem(-250, "level") is None  # a level may fall (e.g. a balance)
    assert target_problem(1e300, "level") == "1e+300大得不合常理（超过1e+15）：请检查单位"
    assert target_problem(float("inf"), "share") == NOT_FINITE
    assert target_problem(19.5, "share") is None
