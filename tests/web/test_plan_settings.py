from tests.web.conftest import indicator


def test_the_planning_office_sets_the_tolerances(planner, plan):
    planner.post(f"/plans/{plan.pk}/settings/", {"progress_tolerance": "0.05", "growth_tolerance_pp": "1"})
    plan.refresh_from_db()
    assert (plan.progress_tolerance, plan.growth_tolerance_pp) == (0.05, 1.0)


def test_a_tolerance_out_of_range_is_refused_with_a_message(planner, plan):
    response = planner.post(
        f"/plans/{plan.pk}/settings/", {"progress_tolerance": "10", "growth_tolerance_pp": "x"}, follow=True
    )
    page = response.content.decode()
    assert "完成进度容差应为 0 到 1 之间的小数" in page
    assert "增长率容差：“x”不是数字" in page
    plan.refresh_from_db()
    assert plan.progress_tolerance == 0.10


def test_the_growth_tolerance_reaches_the_engine(planner, plan):
    """GDP 2021–2023 average growth 4.4% against 6.5%: lagging with 0.5 pp, on track with 3 pp."""

    def status() -> str:
        rows = planner.get("/evaluations/", {"year": "2023"}).context["rows"]
        return next(r for r in rows if r["number"] == 1)["status"]

    assert status() == "lagging"
    planner.post(f"/plans/{plan.pk}/settings/", {"progress_tolerance": "0.1", "growth_tolerance_pp": "3"})
    assert status() == "on_track"


def test_a_path_shape_chosen_per_indicator_reaches_the_engine(planner):
    from planwatch.web.evaluations.service import core_settings

    patents = indicator(11)
    patents.path_shape = "geometric"
    patents.save()
    assert core_settings(patents.plan).indicators[11].path == "geometric"


def test_a_reporter_cannot_change_the_settings(kewei, plan):
    assert kewei.post(f"/plans/{plan.pk}/settings/", {"progress_tolerance": "0.5"}).status_code == 403
