"""Where every number comes from (issue 14 item 3): a person's correction beside the plan file's value, both
verdicts where a planner overrode one, and a growth target's base as a rate."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import indicator
from tests.web.test_plan_review import _form

BASE_OF_GDP = "4%（2020年：1637.11亿元）"  # 2020 growth 4% and GDP 1637.11亿元, songjiang-observations.csv


@pytest.fixture(autouse=True)
def reports_in_the_request(settings):
    settings.PLANWATCH_REPORT_RUNNER = "inline"


def _correct_forest_target(planner):
    forest = indicator(16)
    response = planner.post(
        f"/plans/indicators/{forest.pk}/correct/", _form(forest, target_value="19.8", target_text="19.8")
    )
    assert response.status_code == 302
    forest.refresh_from_db()
    assert forest.original == {"target_text": "19.5", "target_value": 19.5}
    return forest


def test_a_corrected_target_is_labelled_and_keeps_the_plan_files_value_beside_it(planner, client, plan):
    forest = _correct_forest_target(planner)

    page = planner.get(f"/plans/indicators/{forest.pk}/").content.decode()
    assert '19.8 <span class="tag">人工更正</span> <span class="muted">纲要原文：19.5</span>' in page
    review = planner.get(f"/plans/{plan.pk}/review/").content.decode()
    assert "目标值：人工更正为 19.8，纲要原文 19.5" in review
    public = client.get(f"/public/indicators/{forest.pk}/").content.decode()
    assert '<span class="tag">人工更正</span> <span class="muted">纲要原文：19.5</span>' in public
    rows = planner.get("/evaluations/", {"year": "2024"}).context["rows"]
    target = next(r for r in rows if r["number"] == 16)["target"]
    assert (target["value"], target["version"]) == (19.8, "人工更正（纲要原文：19.5）")


def test_a_second_correction_keeps_the_first_original(planner):
    forest = _correct_forest_target(planner)
    planner.post(
        f"/plans/indicators/{forest.pk}/correct/", _form(forest, target_value="20", target_text="20")
    )
    forest.refresh_from_db()
    assert forest.target_value == 20.0 and forest.original["target_value"] == 19.5


def _override_gdp(planner) -> str:
    gdp = indicator(1)
    computed = next(
        r for r in planner.get("/evaluations/", {"year": "2025"}).context["rows"] if r["number"] == 1
    )["status_zh"]
    planner.post(
        f"/evaluations/override/{gdp.pk}/",
        {"year": "2025", "status": "nearly_achieved", "reason": "受疫情冲击，区政府认定基本完成"},
    )
    return f"系统测算为{computed}，规划科改评为基本完成（理由：受疫情冲击，区政府认定基本完成"


def test_pages_and_reports_state_the_computed_verdict_and_the_planners(planner, client, plan):
    sentence = _override_gdp(planner)
    assert not sentence.startswith("系统测算为基本完成")  # the override changes the verdict
    gdp = indicator(1)
    assert sentence in planner.get(f"/plans/indicators/{gdp.pk}/", {"year": "2025"}).content.decode()
    assert sentence in planner.get("/evaluations/", {"year": "2025"}).content.decode()
    assert sentence in client.get(f"/public/indicators/{gdp.pk}/", {"year": "2025"}).content.decode()
    report = planner.get(f"/evaluations/report/final.html?plan={plan.pk}&year=2025").content.decode()
    assert f"第1项“地区生产总值年均增长率”{sentence}）" in report  # the summary names it
    assert f"{sentence}）。" in report  # the annex's basis of the verdict ends with it


def test_a_growth_targets_base_is_a_rate_with_the_level_beside_it(planner, client, plan):
    gdp = indicator(1)
    page = planner.get(f"/plans/indicators/{gdp.pk}/", {"year": "2024"}).content.decode()
    assert f"<dt>基期值</dt><dd>{BASE_OF_GDP}</dd>" in page
    assert f"基期值 {BASE_OF_GDP}" in client.get(f"/public/indicators/{gdp.pk}/").content.decode()
    report = planner.get(f"/evaluations/report/annual.html?plan={plan.pk}&year=2024").content.decode()
    report = re.sub(r'<span class="n">(.*?)</span>', r"\1", report)  # numbers kept unbroken: their text
    assert BASE_OF_GDP in report
    assert "1637.11</td>" not in report  # never the level alone under the indicator's unit of %
