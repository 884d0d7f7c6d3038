"""The number grammar on random strings of digits, Chinese numerals, units and bound words: a value or None/[], never
an exception, never an infinite or NaN value, spans inside the text."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from planwatch.numbers import comparators, horizons, numerals, quantities, units
from tests.hardening.fuzzing import fuzz, time_limit

pytestmark = pytest.mark.slow  # left out of the fast subset (README)

PIECES = [
    *"0123456789０１２３４５６７８９.．,，-－~～至到点",
    *numerals.CHINESE_NUMERAL_CHARS,
    *units.MULTIPLIERS,
    *units.COMPOUND_UNITS,
    *units.SIMPLE_UNITS,
    *units.PERCENT_UNITS,
    "百分之", "分之", "第", "前", "位", "名", "强", "全市", "全国", "多", "余", "G", "Gbps", "PM2.5", "+", "/", ":",
    "“", "”", "年", "年底", "到", "至", "截至", "十三五", "十四五", "期末", "时期", "年内", "近", "每年", "年均", "累计",
    "不少于", "不超过", "以上", "以下", "左右", "约", "力争", "控制在", "达到", "，", "。", "、", " ", "\t", "（", "）",
    "e", "E", "inf", "nan", "９" * 30, "9" * 400, "一" * 20, "亿" * 3, "万亿",
]  # fmt: skip
GRAMMAR_TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
ANY_TEXT = st.text(max_size=60)
TEXT = st.one_of(GRAMMAR_TEXT, ANY_TEXT)
NUMBER = st.one_of(st.floats(), st.integers(-(10**20), 10**20).map(float))
UNIT = st.one_of(st.sampled_from(PIECES), st.text(max_size=6))


def _value_or_none(value):
    assert value is None or (isinstance(value, float) and math.isfinite(value)), value


@fuzz(1000)
@given(TEXT)
@example("9" * 400)
@example("9" * 5000)
@example("一万亿亿")
@example("点五")
def test_numerals_are_a_finite_value_or_none(text):
    with time_limit(5):
        _value_or_none(numerals.parse_number(text))
        _value_or_none(numerals.chinese_to_number(text))
        whole = numerals.chinese_to_int(text)
        assert whole is None or isinstance(whole, int)
        assert len(numerals.to_half_width(text)) == len(text)


@fuzz(1000)
@given(TEXT)
@example("9" * 400 + "万个")
@example("百分之" + "9" * 400)
@example("9" * 400 + "-1" + "个")
def test_quantities_have_finite_values_and_spans_inside_the_text(text):
    with time_limit(5):
        for keep_unitless in (False, True):
            for quantity in quantities.find_quantities(text, keep_unitless=keep_unitless):
                assert 0 <= quantity.start < quantity.end <= len(text)
                assert quantity.start <= quantity.number_start < quantity.number_end <= quantity.end
                _value_or_none(quantity.value)
                _value_or_none(quantity.value_max)
                value, unit = quantity.normalized
                _value_or_none(value)
                comparison = comparators.compare(
                    text, quantity.number_start, quantity.end, quantity.is_range, quantity.approximate_more
                )
                assert comparison.comparator in (">=", "<=", "=", "~", "range")
                assert quantity.end <= comparison.end <= len(text)
        for quantity in quantities.find_ranks(text) + quantities.find_fractions(text):
            assert 0 <= quantity.start < quantity.end <= len(text)
            _value_or_none(quantity.value)
            quantities.is_top_rank(text, quantity)


@fuzz(600)
@given(TEXT, st.integers(0, 80))
def test_bound_words_and_horizons_never_raise(text, position):
    with time_limit(5):
        position = min(position, len(text))
        before = comparators.word_before(text, position)
        assert before is None or before[0] in (">=", "<=", "~")
        after = comparators.word_after(text, position)
        assert after is None or position <= after[2] <= len(text)
        found = horizons.find_horizons(text)
        for horizon in found:
            assert 0 <= horizon.start < horizon.end <= len(text)
            assert horizon.year is None or isinstance(horizon.year, int)
        horizons.governing_year(found, position)


@fuzz(600)
@given(NUMBER, UNIT, UNIT)
@example(float("inf"), "万元", "元")
@example(float("nan"), "个", "个")
@example(1e308, "万亿元", "元")
def test_unit_conversions_return_a_number_or_none(value, unit, other):
    with time_limit(5):
        normalized, base = units.normalize(value, unit)
        assert isinstance(normalized, float) and isinstance(base, str)
        units.to_base(value, unit)
        converted = units.convert(value, unit, other)
        assert converted is None or isinstance(converted, float)
        assert isinstance(units.compatible(unit, other), bool)
        factor, rest = units.split_multiplier(unit)
        assert factor >= 1 and unit.endswith(rest)


@fuzz(300)
@given(st.integers(0, 10**15))
def test_arabic_numbers_read_back_as_written(number):
    assert numerals.parse_number(str(number)) == float(number)
    assert numerals.parse_number(f"{number:,}") == float(number)
