import json

import pytest

from planwatch.web.accounts.models import ApiToken
from planwatch.web.monitoring.models import Observation


def _token() -> str:
    from django.contrib.auth.models import User

    return ApiToken.issue(User.objects.get(username="kw")).key  # only hashes are stored: issue one to use


def test_it_describes_itself_in_openapi(anonymous):
    document = anonymous.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert "/api/observations" in document["paths"]


def test_anonymous_callers_see_only_published_indicators(anonymous, plan):
    plan.indicators.filter(number=21).update(published=False)
    numbers = [i["number"] for i in anonymous.get("/api/indicators").json()]
    assert 21 not in numbers and len(numbers) == 20


def test_a_reporter_reads_their_own_and_the_published_indicators(kewei, plan):
    # 10 is 区科委's own, 16 区绿化市容局's: unpublished, only the own one stays visible to the 区科委 reporter.
    plan.indicators.filter(number__in=[10, 16]).update(published=False)
    numbers = [i["number"] for i in kewei.get("/api/indicators").json()]
    assert 10 in numbers and 16 not in numbers and len(numbers) == 20


def test_anonymous_callers_see_only_approved_observations(anonymous):
    states = {o["state"] for o in anonymous.get("/api/observations").json()}
    assert states == {"approved"}


def test_a_token_submits_an_observation_of_its_department(anonymous):
    response = anonymous.post(
        "/api/observations",
        json.dumps({"indicator": 8, "year": 2025, "value": 3350, "source": "区科委"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_token()}",
    )
    assert response.status_code == 201
    created = Observation.objects.get(pk=response.json()[0]["id"])
    assert (created.state, created.submitted_by.username) == ("submitted", "kw")


def test_a_token_cannot_submit_for_another_department(anonymous):
    response = anonymous.post(
        "/api/observations",
        json.dumps({"indicator": 16, "year": 2025, "value": 20}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_token()}",
    )
    assert response.status_code == 403


def test_a_bad_item_is_named(anonymous):
    response = anonymous.post(
        "/api/observations",
        json.dumps([{"indicator": 8, "year": 2025, "value": "多"}]),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_token()}",
    )
    assert response.status_code == 400
    assert response.json()["error"] == "第1条“value”：“多”不是数字：请只填写数字，不要带单位或文字"


def test_a_wrong_token_is_refused(anonymous):
    response = anonymous.post(
        "/api/observations", "{}", content_type="application/json", HTTP_AUTHORIZATION="Bearer nope"
    )
    assert response.status_code == 401


def test_submitting_without_a_token_is_refused(anonymous):
    assert anonymous.post("/api/observations", "{}", content_type="application/json").status_code == 401


def test_it_gives_the_evaluation_json(leader):
    data = leader.get("/api/evaluations", {"year": "2025"}).json()
    assert data["year"] == 2025
    assert len(data["indicators"]) == 21
    assert set(data["indicators"][0]) >= {
        "number",
        "status",
        "status_zh",
        "warning",
        "progress",
        "explanation",
    }


def test_a_reporter_gets_only_the_verdicts_they_may_read(kewei, plan):
    plan.indicators.exclude(number__in=[8, 10, 11]).update(published=False)
    data = kewei.get("/api/evaluations", {"year": "2025"}).json()
    assert [row["number"] for row in data["indicators"]] == [8, 10, 11]


def test_a_reporter_reads_another_departments_figures_only_once_approved(kewei, plan):
    from django.contrib.auth.models import User

    forest = plan.indicators.get(number=16)
    Observation.objects.create(
        indicator=forest,
        year=2025,
        value=19.9,
        state=Observation.SUBMITTED,
        submitted_by=User.objects.get(username="lhsr"),
    )
    own = plan.indicators.get(number=8)
    Observation.objects.create(
        indicator=own,
        year=2025,
        value=3300,
        state=Observation.SUBMITTED,
        submitted_by=User.objects.get(username="kw"),
    )
    rows = kewei.get("/api/observations").json()
    assert {(o["indicator"], o["state"]) for o in rows if o["year"] == 2025 and o["state"] != "approved"} == {
        (8, "submitted")
    }
    assert 16 in {o["indicator"] for o in rows}  # its approved figures


def test_an_unpublished_indicator_is_not_found_anonymously(anonymous, plan):
    hidden = plan.indicators.get(number=21)
    hidden.published = False
    hidden.save()
    assert anonymous.get(f"/api/indicators/{hidden.pk}").status_code == 404


def test_a_value_in_another_unit_is_converted_by_the_engine(anonymous):
    response = anonymous.post(
        "/api/observations",
        json.dumps({"indicator": 11, "year": 2025, "value": 61.5, "unit": "件", "source": "区市场监管局"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_token()}",
    )
    assert response.status_code == 201


def test_a_unit_that_does_not_fit_is_refused_naming_the_item(anonymous):
    response = anonymous.post(
        "/api/observations",
        json.dumps({"indicator": 10, "year": 2025, "value": 5.1, "unit": "亿元"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_token()}",
    )
    assert response.status_code == 400
    assert response.json()["error"].startswith("第1条“unit”：")


# Several plans (INTERFACES.md §5)


def test_it_lists_the_plans_with_version_and_indicator_count(anonymous, plan, national):
    listed = anonymous.get("/api/plans").json()
    assert [(p["id"], p["version"], p["indicators"]) for p in listed] == [
        (plan.pk, 1, 21),
        (national.pk, 1, 8),
    ]
    assert listed[1]["period"] == {"start": 2026, "end": 2030}
    assert [p["id"] for p in anonymous.get("/api/plans", {"limit": "1", "offset": "1"}).json()] == [
        national.pk
    ]
    assert anonymous.get("/api/plans", {"limit": "x"}).json() == {"error": "“limit”应为非负整数"}


def test_an_archived_plan_is_listed_only_for_the_planning_office(anonymous, planner, national):
    national.archived = True
    national.save()
    assert national.pk not in [p["id"] for p in anonymous.get("/api/plans").json()]
    assert national.pk in [p["id"] for p in planner.get("/api/plans").json()]
    response = anonymous.get(f"/api/plans/{national.pk}/indicators")
    assert response.status_code == 404 and response.json()["error"].startswith(
        f"没有编号为 {national.pk} 的规划"
    )


@pytest.mark.parametrize("which", ["plan", "national"])
def test_the_scoped_endpoints_give_that_plans_items(which, anonymous, leader, request):
    chosen = request.getfixturevalue(which)
    indicators = anonymous.get(f"/api/plans/{chosen.pk}/indicators").json()
    assert {i["plan"] for i in indicators} == {chosen.pk}
    assert len(indicators) == (21 if which == "plan" else 8)
    observations = anonymous.get(f"/api/plans/{chosen.pk}/observations").json()
    assert (len(observations) > 0) == (which == "plan")  # the national plan has no monitoring data yet
    evaluation = leader.get(f"/api/plans/{chosen.pk}/evaluations", {"year": str(chosen.period_end)})
    assert evaluation.status_code == 200
    assert len(evaluation.json()["indicators"]) == len(indicators)


def test_the_unscoped_endpoints_mean_the_default_plan_and_name_it(anonymous, plan, national):
    response = anonymous.get("/api/indicators")
    assert response["X-PlanWatch-Plan"] == str(plan.pk) and len(response.json()) == 21
    other = anonymous.get("/api/indicators", {"plan": str(national.pk)})
    assert other["X-PlanWatch-Plan"] == str(national.pk) and len(other.json()) == 8
    from planwatch.web.plans.scope import set_default_plan

    set_default_plan(national)
    assert anonymous.get("/api/observations")["X-PlanWatch-Plan"] == str(national.pk)


def test_an_unknown_plan_is_a_json_404_never_another_plan(anonymous):
    for url in (
        "/api/plans/999999/indicators",
        "/api/plans/999999/evaluations",
        "/api/indicators?plan=999999",
    ):
        response = anonymous.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"error": "没有编号为 999999 的规划，或无权查看"}


def test_a_year_outside_the_plans_period_is_a_json_400(leader, national):
    response = leader.get(f"/api/plans/{national.pk}/evaluations", {"year": "2025"})
    assert response.status_code == 400
    assert response.json() == {"error": "2025年不在规划期（2026—2030年）内"}
    assert leader.get("/api/evaluations", {"year": "20²5"}).status_code == 400


def test_every_error_under_api_is_json(anonymous, planner):
    missing = anonymous.get("/api/nothing")
    assert missing.status_code == 404 and missing.json() == {"error": "没有这个接口或对象：/api/nothing"}
    wrong_method = planner.generic("DELETE", "/api/plans")
    assert wrong_method.status_code == 405 and "error" in wrong_method.json()
    no_csrf = anonymous.post("/api/plans")
    assert no_csrf.status_code in (403, 405) and "error" in no_csrf.json()


def test_an_unexpected_failure_is_json(anonymous, monkeypatch):
    from django.test import Client

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("planwatch.web.api.views.plans_visible_to", broken)
    response = Client(raise_request_exception=False).get("/api/plans")
    assert response.status_code == 500
    assert response.json() == {"error": "服务器内部错误，已记录；请稍后重试"}


def test_a_token_submits_to_the_plan_in_the_url(anonymous, national):
    # The national plan has 8 indicators: number 9 exists only in Songjiang's plan, so it is refused here.
    response = anonymous.post(
        f"/api/plans/{national.pk}/observations",
        json.dumps({"indicator": 9, "year": 2026, "value": 1.0}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {_token()}",
    )
    assert response.status_code == 400
    assert response.json()["error"] == "第1条“indicator”：未知指标“9”：不是本规划主要指标表中的序号或准确名称"


def test_a_token_sees_at_least_what_an_anonymous_caller_sees(anonymous, plan):
    from django.test import Client

    plan.indicators.filter(number__in=[10, 16]).update(published=False)
    public = {i["id"] for i in anonymous.get("/api/indicators").json()}
    with_token = Client().get("/api/indicators", HTTP_AUTHORIZATION=f"Bearer {_token()}").json()
    assert public < {i["id"] for i in with_token}  # and 区科委's own unpublished indicator 10 besides
    assert {i["number"] for i in with_token} - {
        i["number"] for i in anonymous.get("/api/indicators").json()
    } == {10}
    one = anonymous.get(f"/api/indicators/{plan.indicators.get(number=8).pk}")
    assert one["X-PlanWatch-Plan"] == str(plan.pk)
