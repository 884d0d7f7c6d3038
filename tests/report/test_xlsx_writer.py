import io

import openpyxl

from planwatch.report import build_report
from planwatch.report.xlsx_writer import neutralise
from tests.report.sample import SAMPLE_MIDTERM, verdict_counts


def _open(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_workbook_has_the_indicator_observation_project_and_task_sheets(midterm_xlsx):
    book = _open(midterm_xlsx)
    assert book.sheetnames == ["说明", "主要指标", "监测数据", "重大项目", "重点任务"]
    assert [book[name].freeze_panes for name in book.sheetnames[1:]] == ["B2", "B2", "A2", "A2"]


def test_the_indicator_sheet_holds_the_verdicts(midterm_xlsx):
    sheet = _open(midterm_xlsx)["主要指标"]
    header = [c.value for c in sheet[1]]
    assert header[:9] == ["序号", "指标", "单位", "属性", "基期值", "目标值", "本期值", "完成进度", "评价"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, max_row=22, values_only=True)}
    assert sorted(rows) == list(range(1, 22))
    assert rows[8][4:10] == ("1755", "3200", "3300※", 1545 / 1445, "提前实现※", "绿")
    assert rows[13][8:10] == ("滞后于预期※", "红")
    assert sum(1 for row in rows.values() if row[8].rstrip("※") == "基本符合预期") == 8


def test_the_observation_sheet_keeps_numbers_sources_and_vintages(midterm_xlsx, sample_obs):
    sheet = _open(midterm_xlsx)["监测数据"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    rows = [row for row in rows if isinstance(row[0], int)]
    assert len(rows) == len([o for o in sample_obs if o.year <= 2023])
    forest = [row for row in rows if row[1] == 16 and row[3] == 2022]
    assert sorted((row[6], row[8], row[11]) for row in forest) == [
        (19.0, "部门报送", "否"),
        (19.12, "示例数据", "是"),
    ]


def test_the_summary_sheet_carries_the_summary_paragraph(midterm_xlsx):
    sheet = _open(midterm_xlsx)["说明"]
    texts = [row[0] for row in sheet.iter_rows(values_only=True) if row[0]]
    assert any("纲要提出的" in text and verdict_counts(text) == SAMPLE_MIDTERM for text in texts)


def test_text_that_looks_like_a_formula_is_neutralised(songjiang_plan, midterm_evaluation):
    projects = [
        {"name": '=HYPERLINK("http://evil","x")', "category": "+1", "department": "@SUM(A1)"},
        {"name": "-2+3", "investment": -1.5},
    ]
    book = _open(build_report(songjiang_plan, midterm_evaluation, "midterm", "xlsx", projects=projects))
    sheet = book["重大项目"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    names = [row[2] for row in sheet.iter_rows(min_row=2, max_row=3, values_only=True)]
    assert names == ['\'=HYPERLINK("http://evil","x")', "'-2+3"]
    assert sheet.cell(row=3, column=5).value == -1.5  # numbers stay numbers


def test_neutralise_leaves_ordinary_values_alone():
    assert [neutralise(v) for v in ("松江", 3.5, None, "=1", "\t=1")] == ["松江", 3.5, None, "'=1", "'\t=1"]


def test_the_indicator_sheet_also_gives_the_raw_numbers(midterm_xlsx):
    sheet = _open(midterm_xlsx)["主要指标"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == 13)
    assert dict(zip(header, row, strict=True))["基期数值"] == 52
    assert (row[header.index("本期数值")], row[header.index("本期年份")]) == (53.2, 2023)
