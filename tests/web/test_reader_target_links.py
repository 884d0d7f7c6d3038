"""Targets highlighted in the plan's text link to the indicator they are about, for those who may open it."""

from types import SimpleNamespace

from planwatch.web.plans.linking import indicator_for_target
from tests.web.conftest import indicator


def test_a_target_links_to_its_indicator_in_the_reader(leader, plan):
    page = leader.get(f"/plans/{plan.pk}/").content.decode()
    # line 478: “森林覆盖率达19.5%” is indicator 16's target
    assert (
        f'<a class="target-link" href="/plans/indicators/{indicator(16).pk}/" title="查看对应指标">'
        '<mark class="target" title="量化目标">森林覆盖率达19.5%</mark></a>'
    ) in page


def test_a_reporter_gets_no_link_to_another_departments_indicator(kewei, plan):
    page = kewei.get(f"/plans/{plan.pk}/").content.decode()
    assert f'href="/plans/indicators/{indicator(16).pk}/"' not in page
    assert '<mark class="target" title="量化目标">森林覆盖率达19.5%</mark>' in page


def _indicators(*rows):
    return [SimpleNamespace(name=name, unit=unit) for name, unit in rows]


def test_a_metric_equal_to_the_name_links_even_with_brackets_in_the_name():
    found = indicator_for_target("上市、挂牌企业数", "家", _indicators(("上市、挂牌企业数（科创板）", "家")))
    assert found is not None and found.name == "上市、挂牌企业数（科创板）"


def test_a_short_metric_inside_many_names_does_not_link():
    assert indicator_for_target("投资", "亿元", _indicators(("全社会固定资产投资年均增长率", "%"))) is None


def test_a_unit_that_disagrees_does_not_link():
    assert indicator_for_target("森林覆盖率", "公顷", _indicators(("森林覆盖率", "%"))) is None


def test_two_fitting_indicators_link_to_neither():
    rows = _indicators(("工业固定资产投资年均增长率", "%"), ("全社会固定资产投资年均增长率", "%"))
    assert indicator_for_target("固定资产投资年均增长率", "%", rows) is None
