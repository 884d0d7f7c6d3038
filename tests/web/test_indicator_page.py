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


def test_an_indicator_without_values_says_who_reports_them(planner, national):
    from planwatch.web.plans.models import Indicator

    gdp = Indicator.objects.get(plan=national, number=1)
    page = planner.get(f"/plans/indicators/{gdp.pk}/").content.decode()
    assert "暂无监测值。由国家发展改革委在填报轮次中填报，审核通过后显示在这里。" in page


def test_an_indicator_without_a_department_says_to_assign_one_first(planner, national):
    from planwatch.web.plans.models import Indicator

    gdp = Indicator.objects.get(plan=national, number=1)
    gdp.department = None
    gdp.save()
    page = planner.get(f"/plans/indicators/{gdp.pk}/").content.decode()
    assert "请规划科先在指标核对中指定责任部门，再开启填报轮次。" in page


def test_a_verdict_without_a_numeric_target_names_no_target_used(planner):
    energy = indicator(14)  # 完成市级要求: the target is the allocation still to be entered
    page = planner.get(f"/plans/indicators/{energy.pk}/?year=2025").content.decode()
    assert "待录入下达指标" in page
    assert "<dt>所用目标</dt>" not in page
    forest = planner.get(f"/plans/indicators/{indicator(16).pk}/?year=2025").content.decode()
    assert "<dt>所用目标</dt><dd>19.5（纲要原文）</dd>" in forest


def test_observation_dates_do_not_wrap(planner):
    page = planner.get(f"/plans/indicators/{indicator(1).pk}/").content.decode()
    assert '<td class="nowrap">2021-04-01</td>' in page
