"""Chinese and Arabic numerals as plan texts write them."""

import pytest

from planwatch.numbers.numerals import chinese_to_int, chinese_to_number, parse_number, to_half_width


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三百", 300),
        ("二〇二五", 2025),
        ("二○二五", 2025),  # the ○ (U+25CB) form of the Songjiang plan's title
        ("一万五千", 15000),
        ("一万五", 15000),
        ("两", 2),
        ("三十三", 33),
        ("十", 10),
        ("十五", 15),
        ("三百零五", 305),
        ("一千零一十五", 1015),
        ("三千五", 3500),
        ("一亿二千万", 120000000),
        ("十万零一十", 100010),
    ],
)
def test_chinese_integer_has_its_value(text, value):
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", ["十四五", "十三五", "一二三四五六", "三大", "", "万"])
def test_words_that_are_not_numerals_have_no_value(text):
    assert chinese_to_int(text) is None


def test_chinese_decimal_reads_digits_after_the_point():
    assert chinese_to_number("三点五") == 3.5
    assert chinese_to_number("十二点零五") == 12.05


@pytest.mark.parametrize(
    ("text", "value"),
    [("1637.11", 1637.11), ("1,637.11", 1637.11), ("104447", 104447), ("１", 1), ("５０．５２", 50.52)],
)
def test_arabic_numbers_with_separators_and_full_width_digits(text, value):
    assert parse_number(text) == value


def test_half_width_keeps_the_length_so_positions_stay_valid():
    assert to_half_width("加快打造１个中心") == "加快打造1个中心"


def test_chinese_numerals_agree_with_cn2an_over_many_integers():
    cn2an = pytest.importorskip("cn2an")
    numbers = list(range(0, 20001)) + [10**k + 7 for k in range(4, 12)] + [932070546105, 477200376205]
    wrong = [n for n in numbers if chinese_to_int(cn2an.an2cn(n)) != n]
    assert wrong == []


def test_chinese_numerals_agree_with_cn2an_on_random_integers():
    cn2an = pytest.importorskip("cn2an")
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies

    @hypothesis.settings(max_examples=500, deadline=None)
    @hypothesis.given(strategies.integers(min_value=0, max_value=10**12 - 1))
    def check(number):
        assert chinese_to_int(cn2an.an2cn(number)) == number

    check()
