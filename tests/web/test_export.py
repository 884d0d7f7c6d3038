import io

from openpyxl import load_workbook


def _numbers(client) -> set:
    response = client.get("/monitoring/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["监测值"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "指标名称", "责任部门", "年份")
    return {row[0] for row in rows[1:]}


def test_the_planning_office_exports_every_indicators_data(planner):
    assert _numbers(planner) == set(range(1, 22))


def test_a_reporter_exports_only_their_own(kewei):
    assert _numbers(kewei) == {8, 10, 11}


def test_it_requires_login(anonymous):
    assert anonymous.get("/monitoring/export.xlsx").status_code == 302
