"""Stored evaluations and cached pages: reused while the plan's data is unchanged, renewed when it changes."""

from __future__ import annotations

import pytest


@pytest.fixture
def counting(monkeypatch):
    """Counts the core evaluations behind evaluation_data."""
    from planwatch.web.evaluations import service

    calls = []

    def evaluate(plan, year):
        calls.append((plan.pk, year))
        return original(plan, year)

    original = service.evaluation_json
    monkeypatch.setattr(service, "evaluation_json", evaluate)
    return calls


def test_an_evaluation_is_computed_once_per_plan_year_and_data(plan, counting):
    from planwatch.web.evaluations.service import evaluation_data

    first, _ = evaluation_data(plan, 2022)
    again, _ = evaluation_data(plan, 2022)
    assert counting == [(plan.pk, 2022)]
    assert again["indicators"] == first["indicators"]
    evaluation_data(plan, 2023)
    assert counting == [(plan.pk, 2022), (plan.pk, 2023)]


def test_an_approved_observation_renews_the_stored_evaluation(plan, counting):
    from planwatch.web.evaluations.service import evaluation_data
    from planwatch.web.monitoring.models import Observation

    evaluation_data(plan, 2022)
    observation = Observation.objects.filter(indicator__plan=plan, state=Observation.APPROVED).first()
    observation.value += 1
    observation.save()
    evaluation_data(plan, 2022)
    assert counting == [(plan.pk, 2022), (plan.pk, 2022)]


def test_an_override_shows_at_once_on_a_stored_evaluation(plan, counting):
    from django.contrib.auth.models import User

    from planwatch.web.evaluations.models import VerdictOverride
    from planwatch.web.evaluations.service import evaluation_data

    evaluation_data(plan, 2022)
    indicator = plan.indicators.get(number=1)
    VerdictOverride.objects.create(
        indicator=indicator,
        year=2022,
        status="on_track",
        reason="口径调整",
        created_by=User.objects.get(username="guihuake"),
    )
    data, _ = evaluation_data(plan, 2022)
    row = next(r for r in data["indicators"] if r["number"] == 1)
    assert row["status"] == "on_track" and row["override"]["reason"] == "口径调整"


def test_the_archived_run_is_computed_afresh(plan, counting, planner):
    from planwatch.web.evaluations.service import evaluation_data

    evaluation_data(plan, 2022)
    planner.post("/evaluations/run/", {"plan": plan.pk, "year": "2022"})
    assert counting == [(plan.pk, 2022), (plan.pk, 2022)]


def test_the_dashboard_shows_a_newly_approved_value(plan, planner):
    from planwatch.web.monitoring.models import Observation

    indicator = plan.indicators.get(number=8)
    planner.get("/")  # cached now
    observation = Observation.objects.create(
        indicator=indicator,
        year=2023,
        value=987.6,
        measure="level",
        state=Observation.SUBMITTED,
        source="区统计局",
    )
    assert "987.6" not in planner.get("/").content.decode()
    planner.post(f"/monitoring/review/{observation.pk}/", {"decision": "approve"})
    assert "987.6" in planner.get("/?year=2023").content.decode()


def test_a_reporters_cached_dashboard_is_not_shown_to_a_leader(plan, kewei, leader):
    reporter_page = kewei.get("/").content.decode()
    leader_page = leader.get("/").content.decode()
    assert reporter_page.count('class="card ') == 3  # 区科委: indicators 8, 10 and 11
    assert leader_page.count('class="card ') == plan.indicators.count()


def test_a_cached_page_still_greets_each_user_by_name(plan, kewei, shengtai):
    assert "kw" in kewei.get("/plans/").content.decode()
    assert "sthj" in shengtai.get("/plans/").content.decode()
