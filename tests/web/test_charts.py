"""The chart data behind the dashboard cards and indicator pages (not a view, but every view draws it)."""

import json

from tests.web.conftest import indicator


def _chart(client, number: int, year: int) -> dict:
    cards = client.get("/", {"year": str(year)}).context["cards"]
    card = next(c for c in cards if c["indicator"].number == number)
    return json.loads(card["chart"])


def test_a_share_has_a_linear_path_from_its_baseline_to_its_target(planner):
    chart = _chart(planner, 16, 2023)  # 森林覆盖率: 18.5 in 2020 → 19.5 in 2025
    assert chart["expected"][0] == ["2020", 18.5]
    assert chart["expected"][-1] == ["2025", 19.5]
    assert chart["expected"][3] == ["2023", 19.1]
    assert chart["projection"][-1][0] == "2025"


def test_a_growth_target_is_a_flat_line_of_the_yearly_rate(planner):
    chart = _chart(planner, 1, 2023)
    assert {value for _, value in chart["expected"]} == {6.5}
    assert chart["unit"] == "%"


def test_a_cumulative_target_shows_the_running_total(planner):
    chart = _chart(planner, 19, 2025)  # 旧街坊改造面积: 52 (converted from 520000平方米) + 40 + 65 + 70 + 78
    assert chart["observed"]["累计完成"][-1][:2] == ["2025", 305.0]
    assert chart["expected"][-1] == ["2025", 300.0]


def test_illustrative_points_are_flagged(planner):
    chart = _chart(planner, 16, 2025)
    flags = {year: flag for year, _, flag in chart["observed"]["监测值"]}
    assert flags["2020"] is False and flags["2021"] is True


def test_an_adjusted_target_moves_the_path(planner, admin_client_):
    forest = indicator(16)
    planner.post(
        "/plans/adjustments/propose/",
        {
            "indicator": forest.pk,
            "new_target_text": "20",
            "new_target_value": "20",
            "reason": "扩大统计范围",
            "effective_year": "2021",
        },
    )
    from planwatch.web.plans.models import Adjustment

    admin_client_.post(
        f"/plans/adjustments/{Adjustment.objects.get().pk}/decide/",
        {"decision": "approve", "document_number": "松府发〔2023〕12号"},
    )
    assert _chart(planner, 16, 2023)["expected"][-1] == ["2025", 20.0]
