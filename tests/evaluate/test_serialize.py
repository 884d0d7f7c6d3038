import pytest

from planwatch.evaluate import evaluate_plan, evaluation_to_json
from tests.evaluate.builders import indicator, plan, rows

REQUIRED = {
    "number",
    "name",
    "attribute",
    "kind",
    "status",
    "status_zh",
    "warning",
    "progress",
    "explanation",
}


def small_evaluation():
    the_plan = plan(
        indicator(1, "森林覆盖率", target=19.5, attribute="binding"),
        indicator(
            2, "能耗降低", kind="allocation", target=None, target_text="完成市级要求", attribute="binding"
        ),
        title="测试纲要",
    )
    observations = rows(the_plan, (1, 2020, 18.5, "level", "", "%", "纲要"), (1, 2022, 19.12))
    return evaluate_plan(the_plan, observations, 2022)


def test_json_has_the_fixed_fields_of_interfaces_section_2():
    data = evaluation_to_json(small_evaluation())
    assert (data["plan"], data["year"], data["time_progress"]) == ("测试纲要", 2022, 0.4)
    first, second = data["indicators"]
    assert set(first) >= REQUIRED
    # π = 0.62 / 1.0 = 62% ≥ 40% + 10%
    assert (first["status"], first["status_zh"], first["warning"]) == ("ahead", "快于预期", "green")
    assert first["progress"] == 0.62
    assert (second["status"], second["warning"], second["progress"]) == ("needs_input", None, None)
    assert data["summary"] == {"ahead": 1, "needs_input": 1}


def test_json_extras_carry_the_numbers_used():
    first = evaluation_to_json(small_evaluation())["indicators"][0]
    assert first["baseline"] == {
        "value": 18.5,
        "year": 2020,
        "source": "纲要",
        "vintage": None,
        "illustrative": False,
    }
    assert first["current"]["value"] == 19.12
    assert first["target"] == {"value": 19.5, "direction": "up", "version": "纲要原文"}
    assert first["projection"]["method"] == "linear_fit"
    assert first["sdg"]["category"] == "substantial_progress"
    assert first["computed_status"] == "ahead"
    assert first["override"] is None


def test_json_reports_the_growth_still_required():
    from tests.evaluate.builders import rows as make_rows

    the_plan = plan(indicator(1, "地区生产总值年均增长率", kind="annual_growth_rate", target=6.5))
    observations = make_rows(the_plan, (1, 2021, 9.0, "growth_rate"), (1, 2022, -1.5, "growth_rate"))
    data = evaluation_to_json(evaluate_plan(the_plan, observations, 2022))["indicators"][0]
    # (1.065^5 / (1.09 × 0.985))^(1/3) − 1 = (1.370087 / 1.07365)^(1/3) − 1 = 1.276102^(1/3) − 1 = 8.466%
    assert data["required_growth"] == pytest.approx(8.466, abs=1e-3)
    assert data["required"]["best"] == 9.0
