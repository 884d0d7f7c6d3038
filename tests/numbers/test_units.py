"""Units and their normalisation: 万元 ↔ 亿元 ↔ 元, 万平方米 ↔ 平方米, 千个 → 个."""

import pytest

from planwatch.numbers.units import compatible, convert, normalize, split_multiplier, to_base


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1.5, "万个", (15000, "个")),
        (4.4, "千个", (4400, "个")),
        (3000, "亿元", (300000000000, "元")),
        (1637.11, "亿元", (163711000000, "元")),
        (5.65, "万元", (56500, "元")),
        (300, "万平方米", (3000000, "平方米")),
        (2.45, "万亩", (24500, "亩")),
        (157.6, "万人次", (1576000, "人次")),
        (3, "万亿元", (3000000000000, "元")),
        (19.5, "%", (19.5, "%")),
        (35, "微克/立方米", (35, "微克/立方米")),
    ],
)
def test_value_is_multiplied_out_to_the_unit_without_multiplier(value, unit, expected):
    assert normalize(value, unit) == expected


def test_multiplier_is_split_from_the_unit():
    assert split_multiplier("万平方米") == (10000, "平方米")
    assert split_multiplier("个百分点") == (1, "个百分点")
    assert split_multiplier("万") == (1, "万")


def test_amounts_convert_between_yuan_units():
    assert convert(59500, "元", "万元") == 5.95
    assert convert(1637.11, "亿元", "万元") == 16371100
    assert convert(8500, "万元", "亿元") == 0.85


def test_areas_and_lengths_convert_to_their_base_unit():
    assert to_base(1.67, "平方公里") == (1670000, "平方米")
    assert to_base(75, "公里") == (75000, "米")


def test_percent_and_percentage_points_do_not_convert():
    assert not compatible("%", "个百分点")
    assert not compatible("家", "个")
    assert compatible("万平方米", "平方米")
    assert convert(3, "家", "%") is None
