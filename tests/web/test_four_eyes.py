"""Four-eyes rule (双人复核), a plan setting on by default: whoever entered and submitted a figure cannot approve it."""

from __future__ import annotations

from planwatch.web.monitoring.models import Observation
from tests.web.conftest import indicator


def _own_submission(planner, plan) -> Observation:
    from django.contrib.auth.models import User
    from django.utils import timezone

    return Observation.objects.create(
        indicator=indicator(11),
        year=plan.period_end,
        value=61.5,
        measure="level",
        source="区统计局",
        state=Observation.SUBMITTED,
        submitted_by=User.objects.get(username="guihuake"),
        submitted_at=timezone.now(),
    )


def test_the_rule_is_on_for_a_plan_by_default(plan):
    assert plan.four_eyes is True


def test_the_planner_who_submitted_a_figure_cannot_approve_it(planner, plan):
    observation = _own_submission(planner, plan)
    response = planner.post(f"/monitoring/review/{observation.pk}/", {"decision": "approve"}, follow=True)
    observation.refresh_from_db()
    assert observation.state == Observation.SUBMITTED and observation.reviewed_by is None
    assert "四眼原则：该数据由您本人填报提交，不能由您审核通过" in response.content.decode()


def test_another_planner_approves_it(planner, admin_client_, plan):
    observation = _own_submission(planner, plan)
    admin_client_.post(f"/monitoring/review/{observation.pk}/", {"decision": "approve"})
    observation.refresh_from_db()
    assert observation.state == Observation.APPROVED and observation.reviewed_by.username == "admin"


def test_the_plan_setting_turns_the_rule_off(planner, plan):
    planner.post(
        f"/plans/{plan.pk}/settings/",
        {"progress_tolerance": "0.1", "growth_tolerance_pp": "0.5", "four_eyes_shown": "1"},
    )
    plan.refresh_from_db()
    assert plan.four_eyes is False
    observation = _own_submission(planner, plan)
    planner.post(f"/monitoring/review/{observation.pk}/", {"decision": "approve"})
    observation.refresh_from_db()
    assert observation.state == Observation.APPROVED


def test_a_settings_form_without_the_box_leaves_the_rule_as_it_was(planner, plan):
    planner.post(f"/plans/{plan.pk}/settings/", {"progress_tolerance": "0.1", "growth_tolerance_pp": "0.5"})
    plan.refresh_from_db()
    assert plan.four_eyes is True


def test_the_demo_accounts_walk_the_whole_workflow(planner, kewei):
    found = indicator(11)
    kewei.post("/monitoring/save/", {f"value-{found.pk}-1": "61.5", f"source-{found.pk}-1": "区统计局"})
    kewei.post("/monitoring/submit/")
    observation = Observation.objects.get(indicator=found, state=Observation.SUBMITTED)
    planner.post(f"/monitoring/review/{observation.pk}/", {"decision": "approve"})
    observation.refresh_from_db()
    assert (observation.state, observation.submitted_by.username, observation.reviewed_by.username) == (
        "approved",
        "kw",
        "guihuake",
    )
