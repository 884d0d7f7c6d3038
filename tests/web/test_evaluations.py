from planwatch.web.evaluations.models import EvaluationRun, VerdictOverride
from tests.web.conftest import indicator


def test_it_shows_the_verdict_table_to_a_leader(leader):
    response = leader.get("/evaluations/", {"year": "2025"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 21
    assert "纲要原文" in response.content.decode() or "第1版" in response.content.decode()


def test_it_refuses_a_reporter(kewei):
    assert kewei.get("/evaluations/").status_code == 403


def test_it_archives_a_run_with_the_target_versions_used(planner):
    response = planner.post("/evaluations/run/", {"plan": indicator(1).plan_id, "year": "2024"})
    assert response.status_code == 302
    run = EvaluationRun.objects.get()
    assert run.year == 2024
    assert run.targets_used["16"] == {"version": 1, "target_text": "19.5", "target_value": 19.5}
    assert run.observations_used
    assert planner.get(f"/evaluations/runs/{run.pk}/").status_code == 200


def test_it_refuses_a_run_by_a_leader(leader):
    assert leader.post("/evaluations/run/", {"plan": indicator(1).plan_id, "year": "2024"}).status_code == 403
    assert not EvaluationRun.objects.exists()


def test_an_override_is_shown_beside_the_computed_verdict(planner):
    gdp = indicator(1)
    computed = planner.get("/evaluations/", {"year": "2025"}).context["rows"]
    computed_status = next(r for r in computed if r["number"] == 1)["status"]
    response = planner.post(
        f"/evaluations/override/{gdp.pk}/",
        {"year": "2025", "status": "nearly_achieved", "reason": "受疫情冲击，区政府认定基本完成"},
    )
    assert response.status_code == 302
    override = VerdictOverride.objects.get()
    assert override.computed_status == computed_status
    row = next(r for r in planner.get("/evaluations/", {"year": "2025"}).context["rows"] if r["number"] == 1)
    assert row["status"] == "nearly_achieved"
    assert row["computed_status"] == computed_status
    assert row["override"]["reason"] == "受疫情冲击，区政府认定基本完成"


def test_an_override_needs_a_reason(planner):
    gdp = indicator(1)
    planner.post(f"/evaluations/override/{gdp.pk}/", {"year": "2025", "status": "achieved", "reason": ""})
    assert not VerdictOverride.objects.exists()


def test_it_refuses_an_override_by_a_reporter(kewei):
    found = indicator(8)
    response = kewei.post(
        f"/evaluations/override/{found.pk}/", {"year": "2025", "status": "achieved", "reason": "x"}
    )
    assert response.status_code == 403


def test_an_archived_run_is_hidden_from_a_reporter(planner, kewei):
    planner.post("/evaluations/run/", {"plan": indicator(1).plan_id, "year": "2023"})
    run = EvaluationRun.objects.get()
    assert kewei.get(f"/evaluations/runs/{run.pk}/").status_code == 403


def test_the_page_names_the_mode_of_the_year(leader):
    assert "2023年中期评估" in leader.get("/evaluations/", {"year": "2023"}).content.decode()
    assert "2025年总结评估" in leader.get("/evaluations/", {"year": "2025"}).content.decode()
    assert "2022年年度监测" in leader.get("/evaluations/", {"year": "2022"}).content.decode()


def test_the_evaluation_reads_the_stored_corrected_rows_not_the_file(planner):
    from tests.web.test_plan_review import _form

    forest = indicator(16)
    before = next(
        r for r in planner.get("/evaluations/", {"year": "2023"}).context["rows"] if r["number"] == 16
    )
    # the planning office corrects the target below the 2023 figure: the stored row decides, not the plan file
    planner.post(
        f"/plans/indicators/{forest.pk}/correct/", _form(forest, target_value="18.9", target_text="18.9")
    )
    after = next(
        r for r in planner.get("/evaluations/", {"year": "2023"}).context["rows"] if r["number"] == 16
    )
    assert before["status"] != "achieved_early"
    assert (after["status"], after["target"]["value"], after["target_text"]) == (
        "achieved_early",
        18.9,
        "18.9",
    )


def test_a_superscript_digit_in_the_year_is_ignored_not_a_server_error(leader):
    assert leader.get("/evaluations/", {"year": "²"}).status_code == 200
    # a plan id that is no number names no plan: not found, never silently the first plan
    assert leader.get("/evaluations/", {"year": "²", "plan": "²"}).status_code == 404
    assert leader.get("/", {"year": "２０２３"}).status_code == 200
