import pytest

from planwatch.evaluate.units import conversion_factor, normalize


def test_scale_words_convert():
    assert conversion_factor("万元", "亿元") == pytest.approx(1e-4)
    assert conversion_factor("元", "万元") == pytest.approx(1e-4)
    assert conversion_factor("平方米", "万平方米") == pytest.approx(1e-4)
    assert conversion_factor("万人", "人") == pytest.approx(1e4)


def test_concentrations_convert_between_micro_and_milligrams():
    assert conversion_factor("μg/m³", "毫克/立方米") == pytest.approx(1e-3)


def test_percentage_points_are_not_percent():
    assert conversion_factor("个百分点", "%") is None


def test_different_quantities_do_not_convert():
    assert conversion_factor("家", "人") is None
    assert conversion_factor("人/亿元", "人/万元") is None


def test_spellings_are_normalized():
    assert normalize("微克/\n立方米") == "微克/立方米"
    assert normalize("ug/m3") == "微克/立方米"
    assert normalize("％") == "%"
