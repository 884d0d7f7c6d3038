from planwatch.web.monitoring.models import Observation
from tests.web.conftest import indicator
from tests.web.helpers import filled_template


def test_it_names_the_row_and_column_of_a_bad_value_and_saves_nothing(kewei):
    template = kewei.get("/monitoring/template.xlsx").content
    before = Observation.objects.count()
    response = kewei.post("/monitoring/upload/", {"file": filled_template(template, {8: 3300, 10: "五点二"})})
    page = response.content.decode()
    assert response.status_code == 200
    assert "第3行“数值”列：“五点二”不是数字" in page
    assert Observation.objects.count() == before


def test_it_saves_a_good_file_as_drafts(kewei):
    template = kewei.get("/monitoring/template.xlsx").content
    response = kewei.post("/monitoring/upload/", {"file": filled_template(template, {8: 3300, 10: 5.2})})
    assert response.status_code == 302
    drafts = Observation.objects.filter(state=Observation.DRAFT, indicator__number__in=[8, 10], year=2025)
    assert sorted(o.value for o in drafts) == [5.2, 3300.0]
    assert {o.submitted_by.username for o in drafts} == {"kw"}


def test_it_refuses_a_row_of_another_departments_indicator(kewei, planner):
    from planwatch.web.accounts.models import Department

    other = Department.objects.get(code="lhsr")
    template = planner.get("/monitoring/template.xlsx", {"department": other.pk}).content
    response = kewei.post("/monitoring/upload/", {"file": filled_template(template, {16: 19.6})})
    assert "第3行“指标”列：指标16不在本部门负责的指标中" in response.content.decode()
    assert not Observation.objects.filter(indicator=indicator(16), state=Observation.DRAFT).exists()


def test_it_explains_a_file_that_is_not_excel(kewei):
    import io

    file = io.BytesIO(b"not a workbook")
    file.name = "data.xlsx"
    response = kewei.post("/monitoring/upload/", {"file": file})
    assert "文件无法读取" in response.content.decode()


def test_it_refuses_a_leader(leader):
    assert leader.get("/monitoring/upload/").status_code == 403


def test_it_names_a_row_repeated_in_the_file(kewei):
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(kewei.get("/monitoring/template.xlsx").content))
    sheet = workbook["监测值填报"]
    sheet["D2"] = 3300
    sheet.append([8, "有效期内高新技术企业数", 2025, 3400, "水平值", "", "家", "区科委", ""])
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "twice.xlsx"
    page = kewei.post("/monitoring/upload/", {"file": out}).content.decode()
    assert "第5行“指标”列：与第2行重复" in page


def test_a_value_in_a_convertible_unit_is_converted(db):
    import io

    from django.contrib.auth.models import User
    from django.test import Client
    from openpyxl import load_workbook

    client = Client()
    client.force_login(User.objects.get(username="fgj"))
    workbook = load_workbook(io.BytesIO(client.get("/monitoring/template.xlsx").content))
    sheet = workbook["监测值填报"]
    sheet["D2"], sheet["G2"], sheet["H2"] = 450000, "平方米", "区房管局"
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    out.name = "area.xlsx"
    assert client.post("/monitoring/upload/", {"file": out}).status_code == 302
    draft = Observation.objects.get(indicator=indicator(19), state=Observation.DRAFT)
    assert (draft.value, draft.unit, draft.measure) == (45.0, "万平方米", "amount")
    assert "单位换算：450000平方米 → 45万平方米" in draft.note
