from planwatch.web.monitoring.models import Observation
from tests.web.conftest import indicator


def test_it_shows_a_reporter_the_form_for_their_own_indicators(kewei):
    response = kewei.get("/monitoring/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "2025年度监测数据填报" in page
    assert "有效期内高新技术企业数" in page
    assert "森林覆盖率" not in page


def test_it_saves_form_values_as_drafts(kewei):
    patents = indicator(11)
    response = kewei.post(
        "/monitoring/save/", {f"value-{patents.pk}-1": "61.5", f"source-{patents.pk}-1": "区市场监管局"}
    )
    assert response.status_code == 302
    draft = Observation.objects.get(indicator=patents, state=Observation.DRAFT)
    assert draft.value == 61.5
    assert draft.source == "区市场监管局"


def test_it_refuses_a_value_for_another_departments_indicator(kewei):
    forest = indicator(16)
    response = kewei.post("/monitoring/save/", {f"value-{forest.pk}-1": "30"})
    assert response.status_code == 403
    assert not Observation.objects.filter(indicator=forest, state=Observation.DRAFT).exists()


def test_it_refuses_a_reporter_asking_for_another_department(kewei):
    from planwatch.web.accounts.models import Department

    assert (
        kewei.get("/monitoring/", {"department": Department.objects.get(code="sthj").pk}).status_code == 403
    )


def test_it_names_a_non_numeric_form_value(kewei):
    patents = indicator(11)
    response = kewei.post("/monitoring/save/", {f"value-{patents.pk}-1": "很多"}, follow=True)
    page = response.content.decode()
    assert "指标11“每万人口发明专利拥有量”：“很多”不是数字" in page
    assert f'id="value-{patents.pk}-1-error">“很多”不是数字' in page


def test_it_refuses_a_leader(leader):
    assert leader.get("/monitoring/").status_code == 403


def test_a_department_with_nothing_reported_in_a_plan_sees_an_empty_state(kewei, national):
    page = kewei.get(f"/plans/{national.pk}/monitoring/").content.decode()
    assert "本部门在本规划中还没有报送过数据" in page


def test_a_department_with_figures_sees_them_not_the_empty_state(kewei, plan):
    page = kewei.get(f"/plans/{plan.pk}/monitoring/").content.decode()
    assert "本部门在本规划中还没有报送过数据" not in page
    assert "每万人口发明专利拥有量" in page


def test_the_office_enters_data_for_the_departments_of_the_plan_it_is_on(planner, national):
    import re

    from planwatch.web.accounts.models import Department

    page = planner.get(f"/plans/{national.pk}/monitoring/").content.decode()
    select = re.search(r'<select id="department".*?</select>', page, re.S).group(0)
    options = re.findall(r'<option value="(\d+)" ?(selected)?>([^<]+)</option>', select)
    leads = Department.objects.filter(indicators__plan=national).distinct().order_by("pk")
    assert [name for _, _, name in options] == [d.name for d in leads]
    assert "区发改委" not in select  # a district department leads nothing in the national plan
    assert [pk for pk, selected, _ in options if selected] == [str(leads[0].pk)]
    assert "各项指标都已指定责任部门" in page


def test_a_reporter_of_the_national_plan_signs_in_with_its_demo_account(national):
    from django.test import Client

    from planwatch.web.demo import SUPERIOR_DEPARTMENTS

    client = Client()
    assert client.login(username="gj-kjb", password="gj-kjb-demo-2025")
    page = client.get(f"/plans/{national.pk}/monitoring/").content.decode()
    assert "科技部" in page
    assert "规划科开启填报轮次后，各部门即可填报" in page
    assert {code for code, _ in SUPERIOR_DEPARTMENTS} <= set(
        national.indicators.values_list("department__code", flat=True)
    )
