from pathlib import Path

from planwatch.web.plans.models import Indicator
from tests.web.conftest import indicator


def test_it_shows_the_parsed_indicators_to_the_planning_office(planner):
    response = planner.get("/plans/review/")
    assert response.status_code == 200
    assert response.content.decode().count('class="review-row"') == 21


def test_it_refuses_a_reporter(kewei):
    assert kewei.get("/plans/review/").status_code == 403


def test_it_refuses_a_leader(leader):
    assert leader.get("/plans/review/").status_code == 403


def _form(found: Indicator, **changes) -> dict:
    data = {
        "name": found.name,
        "unit": found.unit,
        "attribute": found.attribute,
        "kind": found.kind,
        "target_text": found.target_text,
        "target_value": "" if found.target_value is None else found.target_value,
        "comparator": found.comparator or "",
        "direction": found.direction or "",
        "baseline_value": "" if found.baseline_value is None else found.baseline_value,
        "baseline_year": found.baseline_year or "",
        "department": found.department_id or "",
        "confirmed": "on",
        "published": "on",
    }
    data.update(changes)
    return data


def test_it_keeps_a_correction_and_remembers_which_field(planner):
    forest = indicator(16)
    response = planner.post(
        f"/plans/indicators/{forest.pk}/correct/", _form(forest, baseline_value="18.2", baseline_year="2020")
    )
    assert response.status_code == 302
    forest.refresh_from_db()
    assert forest.baseline_value == 18.2
    assert forest.confirmed
    assert "baseline_value" in forest.corrected


def test_it_refuses_a_non_numeric_target_with_a_message(planner):
    forest = indicator(16)
    response = planner.post(
        f"/plans/indicators/{forest.pk}/correct/", _form(forest, target_value="二十"), follow=True
    )
    assert "指标16：目标值：“二十”不是数字" in response.content.decode()
    forest.refresh_from_db()
    assert forest.target_value == 19.5


def test_it_refuses_a_correction_by_a_reporter(shengtai):
    forest = indicator(16)
    response = shengtai.post(f"/plans/indicators/{forest.pk}/correct/", _form(forest, kind="level"))
    assert response.status_code == 403
    forest.refresh_from_db()
    assert forest.kind == "share"


def test_the_source_files_hash_may_wrap_at_phone_width(planner, national):
    page = planner.get(f"/plans/{national.pk}/review/").content.decode()
    assert f'SHA-256 <span class="hash">{national.source_hash}</span>' in page
    css = (Path(__file__).resolve().parents[2] / "planwatch/web/static/planwatch/style.css").read_text()
    assert ".hash { overflow-wrap: anywhere; }" in css


def test_text_targets_read_as_planners_write_them_not_as_codes(planner, national):
    page = planner.get(f"/plans/{national.pk}/review/").content.decode()
    table = page[page.index("文中量化目标") :]
    assert "<td>不低于7%</td><td>全社会研发经费投入年均增长7%以上</td>" in table
    assert "<td>12.5%</td>" in table  # = 12.5 %, no “=”
    assert "&gt;=" not in table and "<td>= " not in table


def test_the_target_phrase_of_each_comparator():
    from planwatch.extract.targets import Target
    from planwatch.web.plans.templatetags.planwatch import target_zh

    def target(comparator, value, value_max=None, unit="%"):
        return Target("指标", value, value_max, unit, comparator, None, False, 1, "", value, unit)

    assert target_zh(target(">=", 7.0)) == "不低于7%"
    assert target_zh(target("<=", 3.5)) == "不高于3.5%"
    assert target_zh(target("~", 6.0)) == "6%左右"
    assert target_zh(target("=", 14.0, unit="个")) == "14个"
    assert target_zh(target("range", 3.0, 5.0)) == "3—5%"
    assert target_zh(target("range", 40.0, None, "G")) == "40G"
