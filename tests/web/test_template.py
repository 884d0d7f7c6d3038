import io

from openpyxl import load_workbook


def test_it_gives_a_reporter_a_template_with_only_their_indicators(kewei):
    response = kewei.get("/monitoring/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="planwatch-kw-2025.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content))["监测值填报"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "指标名称", "年份", "数值")
    assert [r[0] for r in rows[1:]] == [8, 10, 11]
    assert {r[2] for r in rows[1:]} == {2025}


def test_it_refuses_another_departments_template_to_a_reporter(kewei):
    from planwatch.web.accounts.models import Department

    other = Department.objects.get(code="sthj")
    assert kewei.get("/monitoring/template.xlsx", {"department": other.pk}).status_code == 403


def test_it_gives_the_planning_office_any_departments_template(planner):
    from planwatch.web.accounts.models import Department

    other = Department.objects.get(code="sthj")
    response = planner.get("/monitoring/template.xlsx", {"department": other.pk})
    sheet = load_workbook(io.BytesIO(response.content))["监测值填报"]
    assert sorted({r[0] for r in sheet.iter_rows(min_row=2, values_only=True)}) == [12, 13]


def test_it_refuses_a_leader(leader):
    assert leader.get("/monitoring/template.xlsx").status_code == 403
