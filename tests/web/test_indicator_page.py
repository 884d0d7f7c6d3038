from tests.web.conftest import indicator


def test_it_shows_observations_sources_and_verdict_to_the_planning_office(planner):
    forest = indicator(16)
    response = planner.get(f"/plans/indicators/{forest.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "森林覆盖率" in page
    assert "区绿化市容局" in page
    assert "数据版本" in page
    assert "data-chart=" in page


def test_it_lets_a_reporter_see_their_own_indicator(kewei):
    assert kewei.get(f"/plans/indicators/{indicator(8).pk}/").status_code == 200


def test_it_hides_another_departments_indicator_from_a_reporter(kewei):
    assert kewei.get(f"/plans/indicators/{indicator(16).pk}/").status_code == 404


def test_it_requires_login(anonymous):
    response = anonymous.get(f"/plans/indicators/{indicator(1).pk}/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")


def test_it_marks_illustrative_observations(planner):
    from planwatch.web.monitoring.models import Observation

    illustrative = Observation.objects.filter(source="示例数据").select_related("indicator").first()
    assert illustrative is not None
    page = planner.get(f"/plans/indicators/{illustrative.indicator.pk}/").content.decode()
    assert "illustrative-banner" in page
    assert '<span class="tag illustrative">示例</span>' in page
