from planwatch.report.projects import ProjectRecord, project_records


def test_projects_come_from_table_1_and_tasks_from_tables_2_and_3(songjiang_plan):
    projects, tasks = project_records(songjiang_plan)
    assert len(projects) == 8 and len(tasks) == 30
    assert [p.investment for p in projects[:5]] == [8.5, 9.0, 5.0, 6.0, 11.43]
    assert [p.category for p in projects].count("在建项目") == 3
    assert {t.table for t in tasks} == {"表2 教育领域重点项目", "表3 医疗健康领域重点项目"}


def test_a_first_phase_investment_stands_in_for_a_missing_total_and_is_marked(songjiang_plan):
    projects, _ = project_records(songjiang_plan)
    by_name = {p.name: p for p in projects}
    assert (by_name["中视儒意影视基地"].investment, by_name["中视儒意影视基地"].phase_only) == (9.0, True)
    assert (by_name["上海（车墩）高科技影视基地"].land, by_name["1905国际数娱影视产业园"].land) == (
        615.0,
        7.5,
    )
    assert by_name["昊浦影视基地"].table == "表1 “科技影都”重点影视项目"


def test_progress_is_merged_by_project_name(songjiang_plan):
    progress = {"昊浦影视基地": {"status": "已竣工", "completed_investment": 5.0, "unknown": 1}}
    projects, _ = project_records(songjiang_plan, progress=progress)
    done = next(p for p in projects if p.name == "昊浦影视基地")
    assert (done.status, done.completed_investment) == ("已竣工", 5.0)


def test_records_passed_in_replace_the_plan_tables(songjiang_plan):
    projects, tasks = project_records(
        songjiang_plan, projects=[{"name": "新项目", "investment": 2.0}], tasks=[]
    )
    assert projects == [ProjectRecord(name="新项目", investment=2.0)] and tasks == []
