from dataclasses import replace

from planwatch.report.model import Marked
from planwatch.report.project_sections import project_blocks, table_label, task_blocks, task_count_sentence
from planwatch.report.projects import ProjectRecord, TaskRecord


def test_projects_are_counted_with_investment_by_category_and_by_status():
    projects = [
        ProjectRecord(
            "甲", "在建项目", "表1 重点项目", investment=8.5, status="已竣工", completed_investment=8.5
        ),
        ProjectRecord(
            "乙", "在建项目", "表1 重点项目", investment=9.0, status="按计划推进", completed_investment=3
        ),
        ProjectRecord("丙。", "在谈项目", "表1 重点项目", late=True),
    ]
    text = project_blocks(projects)[0].text
    assert text.startswith("纲要和项目库列出重大项目3个，其中重点项目3个（计划投资17.5亿元）。")
    assert "已明确投资额的2个项目计划投资合计17.5亿元" in text
    assert "从推进情况看，已竣工1个（计划投资8.5亿元），按计划推进1个（计划投资9亿元），滞后1个。" in text
    assert "累计完成投资11.5亿元。进度滞后的项目为丙。" in text and "丙。。" not in text


def test_tasks_without_reports_say_so_once_and_print_no_table_of_dashes():
    tasks = [TaskRecord("新建学校", "第8章"), TaskRecord("优化空间格局", "第4章")]
    paragraph, table = task_blocks(tasks)
    assert paragraph.text == (
        "纲要共2章部署重点任务2项。各责任部门尚未报送推进情况，任务清单见数据附件（Excel）“重点任务”表。"
    )
    assert not table.printed  # the workbook still lists them
    assert table.values[0][2:4] == ["第8章", "新建学校"]
    assert task_count_sentence(tasks) == "纲要部署的2项重点任务，各责任部门尚未报送推进情况。"


def test_only_projects_with_reported_progress_are_printed_the_others_are_counted():
    projects = [
        ProjectRecord("甲", "在建项目", "表1 重点项目", investment=8.5, progress="形象进度55%；主体施工※",
                      completed_investment=4.1, illustrative=True),
        ProjectRecord("乙", "在建项目", "表1 重点项目", investment=9.0),
        ProjectRecord("丙", "在谈项目", "表1 重点项目"),
    ]  # fmt: skip
    paragraph, table = project_blocks(projects)
    assert "累计完成投资4.1※亿元。" in paragraph.text
    assert paragraph.text.endswith(
        "已报送推进情况的1个项目见下表；其余2个项目，项目单位尚未报送推进情况，清单见数据附件（Excel）“重大项目”表。"
    )
    assert table.printed and [row[1] for row in table.rows] == ["甲"]
    assert [row[2] for row in table.values] == ["甲", "乙", "丙"]
    assert table.values[0][11] == Marked(4.1)  # the workbook marks the illustrative figure too
    official = replace(projects[0], illustrative=False)
    assert "累计完成投资4.1亿元。" in project_blocks([official])[0].text
    nothing = project_blocks(projects[1:])
    assert not nothing[1].printed and "各项目单位尚未报送推进情况" in nothing[0].text


def test_reported_tasks_are_counted_by_status_like_the_indicators():
    tasks = [
        TaskRecord("甲", "第3章", status="进展符合预期"),
        TaskRecord("乙", "第3章", status="进展符合预期"),
        TaskRecord("丙", "第4章", status="滞后", late=True),
        TaskRecord("丁", "第4章"),
    ]
    assert task_count_sentence(tasks) == "纲要部署的4项重点任务中，进展符合预期2项，滞后1项，未报送1项。"
    assert task_blocks(tasks)[0].text.endswith("进度滞后的任务为“丙”。")


def test_the_project_sheet_columns_match_their_header():
    table = project_blocks([ProjectRecord("甲", "在建项目", "表1 重点项目", investment=8.5, land=20.0)])[1]
    assert len(table.sheet_header) == len(table.values[0])
    row = dict(zip(table.sheet_header, table.values[0], strict=True))
    assert (row["计划投资（亿元）"], row["占地（亩）"], row["项目名称"]) == (8.5, 20.0, "甲")


def test_table_label_keeps_the_table_number():
    assert table_label("表1 “科技影都”重点影视项目") == "表1" and table_label("") == ""


def test_a_plan_whose_key_tasks_no_department_has_been_given_says_so_not_that_it_lists_none():
    assert task_count_sentence([], 3) == "纲要部署的3项重点任务尚未分解到责任部门，暂无推进情况。"
    assert task_blocks([], 2, 3)[0].text == "纲要部署的3项重点任务尚未分解到责任部门，暂无推进情况。"
    assert task_blocks([], 2)[0].text == "纲要正文未列出可分解的重点任务。"
    assert task_count_sentence([]) == ""
