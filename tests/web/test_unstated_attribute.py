"""The national plan states no 属性: its indicators show 未标明 (never 预期性) until the office sets them."""

from __future__ import annotations

import re

from planwatch.web.plans.models import Indicator
from tests.web.test_plan_review import _form


def _national_row(national, number: int) -> Indicator:
    return Indicator.objects.get(plan=national, number=number)


def test_the_demo_national_plan_keeps_every_attribute_unstated(national):
    assert sorted(set(national.indicators.values_list("attribute", flat=True))) == ["unstated"]
    assert national.indicators.count() == 8
    unstated = [w for w in national.reader_warnings if "未标明属性" in w]
    assert len(unstated) == 1 and "8项指标均请在指标核对页按纲要确认" in unstated[0]


def test_the_dashboard_prints_unstated_and_never_expected_for_the_national_plan(planner, national):
    page = planner.get(f"/plans/{national.pk}/dashboard/").content.decode()
    cards = re.findall(r'<p class="meta">([^·<]*) ·', page)
    assert len(cards) == 8
    assert {c.strip() for c in cards} == {"未标明"}
    assert "预期性" not in page


def test_the_review_page_lists_the_unstated_indicators_and_offers_no_silent_default(planner, national):
    page = planner.get(f"/plans/{national.pk}/review/").content.decode()
    assert "属性未标明的指标（8项）" in page
    co2 = _national_row(national, 8)
    assert f'<a href="#indicator-{co2.pk}">8. 单位国内生产总值二氧化碳排放降低</a>' in page
    # the select starts on 未标明, so saving another field never turns it into 预期性
    assert page.count('<option value="unstated" selected>未标明（请按纲要选择）</option>') == 8


def test_onboarding_step_two_names_the_indicators_to_set(planner, national):
    page = planner.get(f"/plans/{national.pk}/onboarding/").content.decode()
    assert "8项指标属性未标明、待选定" in page
    life = _national_row(national, 5)
    assert f'<a href="/plans/{national.pk}/review/#indicator-{life.pk}">5. 人均预期寿命</a>' in page


def test_saving_another_field_keeps_the_attribute_unstated(planner, national):
    life = _national_row(national, 5)
    planner.post(f"/plans/indicators/{life.pk}/correct/", _form(life, unit="岁"))
    life.refresh_from_db()
    assert life.attribute == "unstated"
    assert "attribute" not in life.corrected


def test_setting_the_attribute_is_a_correction_with_the_files_value_beside_it(planner, national):
    co2 = _national_row(national, 8)
    response = planner.post(f"/plans/indicators/{co2.pk}/correct/", _form(co2, attribute="binding"))
    assert response.status_code == 302
    co2.refresh_from_db()
    assert (co2.attribute, co2.corrected, co2.original["attribute"]) == ("binding", ["attribute"], "unstated")
    assert co2.history.first().attribute == "binding"  # audited: the history records who changed it
    assert co2.history.first().history_user.username == "guihuake"
    page = planner.get(f"/plans/{national.pk}/review/").content.decode()
    assert "属性：人工更正为 约束性，纲要原文 未标明" in page
    assert "属性未标明的指标（7项）" in page
    api = planner.get(f"/api/plans/{national.pk}/indicators").json()
    by_number = {row["number"]: row for row in api}
    assert (by_number[8]["attribute"], by_number[8]["attribute_stated"], by_number[8]["attribute_zh"]) == (
        "binding",
        True,
        "约束性",
    )
    assert (by_number[5]["attribute"], by_number[5]["attribute_stated"], by_number[5]["attribute_zh"]) == (
        "expected",
        False,
        "未标明",
    )
