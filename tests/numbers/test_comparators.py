"""Comparator words: 达到, 以上, 不少于, 不低于, 超过, 力争, 约, 左右, 近, 控制在, 以下, 以内, 不高于, 低于."""

import pytest

from planwatch.numbers.comparators import compare
from planwatch.numbers.quantities import find_quantities


def comparison(text):
    quantity = find_quantities(text)[-1]
    result = compare(text, quantity.number_start, quantity.end, quantity.is_range, quantity.approximate_more)
    return result.comparator, result.word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("地区研发投入强度达到4.8%", ("=", None)),
        ("森林覆盖率达19.5%", ("=", None)),
        ("城镇污水处理率达到99%以上", (">=", "以上")),
        ("至2022年累计建设5G基站不少于3500个", (">=", "不少于")),
        ("每年新增就业岗位不低于1.5万个", (">=", "不低于")),
        ("2019年产值超过3万亿元", (">=", "超过")),
        ("力争新增2家", (">=", "力争")),
        ("计划到2022年累计实现约6100户", ("~", "约")),
        ("高新技术企业年均新增300家左右", ("~", "左右")),
        ("总投资累计近3000亿元", ("~", "近")),
        ("常住人口控制在200万人", ("<=", "控制在")),
        ("失业率控制在5%以内", ("<=", "以内")),
        ("单位能耗降至0.3吨以下", ("<=", "以下")),
        ("细颗粒物浓度不高于35微克/立方米", ("<=", "不高于")),
        ("死亡人数低于0.024人/亿元", ("<=", "低于")),
        ("松江已集聚了6900多家影视文化企业", (">=", "多")),
        ("引进1-2所市实验性示范性高中", ("range", None)),
    ],
)
def test_comparator_of_a_quantity(text, expected):
    assert comparison(text) == expected


def test_near_is_a_bound_word_only_right_before_the_number():
    assert comparison("近年来新增3个") == ("=", None)
