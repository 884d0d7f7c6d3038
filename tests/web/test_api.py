import json

from planwatch.web.accounts.models import ApiToken
from planwatch.web.monitoring.models import Observation


def _token() -> str:
    return ApiToken.objects.get(user__username="kw").key


def test_it_describes_itself_in_openapi(anonymous):
    document = anonymous.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert "/api/observations" in document["paths"]


def test_anonymous_callers_see_only_published_indicators(anonymous, plan):
    plan.indicators.filter(number=21).update(published=False)
    numbers = [i["number"] for i in anonymous.get("/api/indicators").json()]
    assert 21 not in numbers and len(numbers) == 20


def test_a_reporter_reads_only_their_own_indicators(kewei):
    assert [i["number"] for i in kewei.get("/api/indicators").json()] == [8, 10, 11]


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


def test_a_reporter_gets_only_their_own_verdicts(kewei):
    data = kewei.get("/api/evaluations", {"year": "2025"}).json()
    assert [row["number"] for row in data["indicators"]] == [8, 10, 11]


def test_a_reporter_reads_only_their_own_observations(kewei):
    numbers = {o["indicator"] for o in kewei.get("/api/observations").json()}
    assert numbers == {8, 10, 11}


def test_an_unpublished_indicator_is_not_found_anonymously(anonymous, plan):
    hidden = plan.indicators.get(number=21)
    hidden.published = False
    hidden.save()
    assert anonymous.get(f"/api/indicators/{hidden.pk}").status_code == 404


def test_a_value_in_another_unit_is_converted_by_the_engine(anonymous):
    response = anonymous.post(
        "/api/observations",
        json.dumps({"indicator": 11, "year": 2025, "value": 61.5, "unit": "件"}),
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
