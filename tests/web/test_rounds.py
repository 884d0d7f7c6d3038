from planwatch.web.monitoring.models import ReportingRound


def test_it_shows_who_has_not_reported(planner):
    page = planner.get("/monitoring/rounds/").content.decode()
    assert "2025年度监测数据填报" in page
    assert "区科委" in page


def test_it_opens_a_round(planner):
    response = planner.post("/monitoring/rounds/", {"year": "2024", "deadline": "2025-03-31"})
    assert response.status_code == 302
    assert ReportingRound.objects.filter(year=2024, title="2024年度监测数据填报").exists()


def test_it_refuses_a_bad_deadline_with_a_message(planner):
    response = planner.post("/monitoring/rounds/", {"year": "2024", "deadline": "明年"}, follow=True)
    assert "截止日期" in response.content.decode()
    assert not ReportingRound.objects.filter(year=2024).exists()


def test_it_refuses_a_reporter(kewei):
    assert kewei.get("/monitoring/rounds/").status_code == 403
    assert kewei.post("/monitoring/rounds/", {"year": "2024", "deadline": "2025-03-31"}).status_code == 403


def test_the_planning_office_closes_a_round(planner):
    reporting_round = ReportingRound.objects.get()
    planner.post(f"/monitoring/rounds/{reporting_round.pk}/close/")
    reporting_round.refresh_from_db()
    assert not reporting_round.is_open


def test_a_reporter_cannot_close_a_round(kewei):
    reporting_round = ReportingRound.objects.get()
    assert kewei.post(f"/monitoring/rounds/{reporting_round.pk}/close/").status_code == 403
    reporting_round.refresh_from_db()
    assert reporting_round.is_open


def test_the_demo_round_holds_the_demo_figures_so_no_department_is_late(planner):
    status = planner.get("/monitoring/review/").context["status"]
    # every one of the 21 indicators has a 2025 figure in the demo data, reported in the 2025 round
    assert sum(row["assigned"] for row in status) == 21
    assert all(row["submitted"] == row["assigned"] and not row["late"] for row in status)


def test_a_value_submitted_in_the_round_counts_for_its_department(planner, kewei, plan):
    from planwatch.web.monitoring.models import Observation
    from tests.web.conftest import indicator

    Observation.objects.filter(indicator__plan=plan, year=2025).update(round=None)  # the round starts empty
    patents = indicator(11)
    kewei.post("/monitoring/save/", {f"value-{patents.pk}-1": "61.5", f"source-{patents.pk}-1": "区统计局"})
    kewei.post("/monitoring/submit/")
    status = {row["department"].code: row for row in planner.get("/monitoring/review/").context["status"]}
    assert (status["kw"]["submitted"], status["kw"]["assigned"]) == (1, 3)
    assert status["sthj"]["submitted"] == 0


def test_a_plan_without_rounds_says_how_to_open_the_first(planner, national):
    page = planner.get(f"/plans/{national.pk}/monitoring/rounds/").content.decode()
    assert "本规划还没有填报轮次" in page
    assert (
        f'href="/plans/{national.pk}/review/"' in page
    )  # assign departments first, on that plan's review page
    assert "开启新一轮填报" in page


def test_closing_a_round_of_the_second_plan_returns_to_that_plans_rounds(planner, plan, national):
    reporting_round = ReportingRound.objects.create(
        plan=national, year=2026, deadline="2027-03-31", title="2026年度监测数据填报"
    )
    response = planner.post(f"/monitoring/rounds/{reporting_round.pk}/close/")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/plans/{national.pk}/monitoring/rounds/"
    reporting_round.refresh_from_db()
    assert not reporting_round.is_open
    assert ReportingRound.objects.get(plan=plan).is_open  # the first plan's round is untouched


def test_the_form_offers_the_first_year_of_a_plan_without_rounds(planner, national):
    page = planner.get(f"/plans/{national.pk}/monitoring/rounds/").content.decode()
    assert 'name="year" size="5" inputmode="numeric" required value="2026"' in page


def test_the_form_offers_the_year_after_the_latest_round_within_the_period(planner, plan, national):
    ReportingRound.objects.create(
        plan=national, year=2027, deadline="2028-03-31", title="2027年度监测数据填报"
    )
    page = planner.get(f"/plans/{national.pk}/monitoring/rounds/").content.decode()
    assert 'required value="2028"' in page
    songjiang = planner.get(f"/plans/{plan.pk}/monitoring/rounds/").content.decode()
    assert 'required value="2025"' in songjiang  # its 2025 round is the last year of 2021–2025


def test_a_plan_without_rounds_whose_indicators_are_assigned_is_told_to_open_one(planner, national):
    page = planner.get(f"/plans/{national.pk}/monitoring/rounds/").content.decode()
    assert "本规划还没有填报轮次。各项指标都已指定责任部门，用上面的表单开启一轮即可" in page
    national.indicators.filter(number=8).update(department=None)
    page = planner.get(f"/plans/{national.pk}/monitoring/rounds/").content.decode()
    assert "还有1项指标未指定责任部门" in page
    assert f'href="/plans/{national.pk}/onboarding/assign/"' in page
