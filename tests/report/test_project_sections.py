from planwatch.report.project_sections import project_blocks, table_label, task_blocks
from planwatch.report.projects import ProjectRecord, TaskRecord


def test_projects_are_counted_with_investment_by_category_and_by_status():
    projects = [
        ProjectRecord(
            "甲", "在建项目", "表1 重点项目", investment=8.5, status="已竣工", completed_investment=8.5
        ),
        ProjectRecord(
            "乙", "在建项目", "表1 重点项目", investment=9.0, status="按计划推进", completed_investment=3
        ),
        ProjectRecord("丙", "在谈项目", "表1 重点项目", late=True),
    ]
    text = project_blocks(projects)[0].text
    assert text.startswith("纲要表1列出重大项目3个，其中在建项目2个（计划投资17.5亿元），在谈项目1个。")
    assert "已明确投资额的2个项目计划投资合计17.5亿元" in text
    assert "从推进情况看，已竣工1个（计划投资8.5亿元），按计划推进1个（计划投资9亿元），滞后1个。" in text
    assert "累计完成投资11.5亿元。进度滞后的项目为丙。" in text


def test_tasks_without_reports_leave_the_progress_column_pending():
    paragraph, table = task_blocks([TaskRecord("新建学校", "教育", "表2 教育领域重点项目")])
    assert paragraph.text == "纲要表2列出重点任务1项。各责任部门尚未报送推进情况，下表推进情况一栏待填写。"
    assert table.rows == [["1", "教育", "新建学校", "—", "（待填写）"]]


def test_table_label_keeps_the_table_number():
    assert table_label("表1 “科技影都”重点影视项目") == "表1" and table_label("") == ""
