"""The correction, indicator-settings and adjustment pages check values as the core does (issue 16, finding 9),
refuse with a Chinese message, store nothing then, and leave an audit entry for every change they do store."""

from __future__ import annotations

import pytest

from planwatch.web.accounts.models import AuditEntry
from planwatch.web.plans.models import Adjustment
from tests.web.conftest import indicator
from tests.web.test_plan_review import _form

NOT_FINITE = "数值必须是有限的数字（不接受 NaN、无穷大或超出范围的数）"


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize(
    ("number", "field", "typed", "message"),
    [
        (16, "target_value", "inf", f"指标16：目标值：{NOT_FINITE}"),
        (16, "target_value", "1e300", "指标16：目标值：1e+300大得不合常理（超过1e+15）：请检查单位"),
        (1, "target_value", "-250", "指标1：目标值：年均增长-250%不可能：任何量都不会下降100%或更多"),
        (16, "baseline_value", "nan", f"指标16：基期值：{NOT_FINITE}"),
        (16, "name", "名" * 5000, "指标16：指标名称不超过200字"),
    ],
)
def test_a_correction_that_no_statistic_can_be_is_refused(planner, number, field, typed, message):
    found = indicator(number)
    before = (found.target_value, found.baseline_value, found.name)
    response = planner.post(
        f"/plans/indicators/{found.pk}/correct/", _form(found, **{field: typed}), follow=True
    )
    assert message in _messages(response)
    found.refresh_from_db()
    assert (found.target_value, found.baseline_value, found.name) == before


def test_a_stored_correction_leaves_an_audit_entry(planner):
    forest = indicator(16)
    planner.post(f"/plans/indicators/{forest.pk}/correct/", _form(forest, target_value="19.8"))
    entry = AuditEntry.objects.filter(model="主要指标", object_id=str(forest.pk), action="update").first()
    assert entry is not None and entry.user.username == "guihuake"
    assert entry.after["目标值"] == 19.8 and entry.before["目标值"] == 19.5


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("inf", f"调整后目标值：{NOT_FINITE}"),
        ("-250", "调整后目标值：年均增长-250%不可能：任何量都不会下降100%或更多"),
    ],
)
def test_an_adjustment_to_an_impossible_target_is_refused(planner, value, message):
    gdp = indicator(1)
    response = planner.post(
        "/plans/adjustments/propose/",
        {"indicator": gdp.pk, "new_target_text": value, "new_target_value": value, "reason": "测试"},
        follow=True,
    )
    assert message in _messages(response)
    assert not Adjustment.objects.exists()


def test_an_adjustment_takes_effect_from_its_year_and_earlier_years_keep_the_old_target(
    planner, admin_client_
):
    forest = indicator(16)
    planner.post(
        "/plans/adjustments/propose/",
        {
            "indicator": forest.pk,
            "new_target_text": "20",
            "new_target_value": "20",
            "reason": "扩大统计范围",
            "effective_year": "2024",
        },
    )
    admin_client_.post(
        f"/plans/adjustments/{Adjustment.objects.get().pk}/decide/",
        {"decision": "approve", "document_number": "松府发〔2023〕12号"},
    )

    def used(year: int) -> tuple:
        row = next(
            r for r in planner.get("/evaluations/", {"year": year}).context["rows"] if r["number"] == 16
        )
        return row["target"]["value"], row["target"]["version"], row["target_used"]["version"]

    assert used(2023) == (19.5, "纲要原文", 1)
    assert used(2024) == (20.0, "第2版（2024年起规划调整后，松府发〔2023〕12号）", 2)


def test_an_effective_year_outside_the_period_is_refused(planner):
    forest = indicator(16)
    response = planner.post(
        "/plans/adjustments/propose/",
        {"indicator": forest.pk, "new_target_text": "20", "reason": "x", "effective_year": "2031"},
        follow=True,
    )
    assert "生效年份应在规划期2021—2025年内" in _messages(response)
