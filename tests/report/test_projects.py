from planwatch.report.projects import ProjectRecord, project_records


def test_projects_come_from_every_project_table_and_tasks_from_the_chapters(songjiang_plan):
    projects, tasks = project_records(songjiang_plan)
    # 表1 8 film projects, 表2 14 education rows, 表3 16 health rows
    assert len(projects) == 38
    assert [p.investment for p in projects[:5]] == [8.5, 9.0, 5.0, 6.0, 11.43]
    assert [p.category for p in projects].count("在建项目") == 3
    assert [p.table for p in projects].count("表2 教育领域重点项目") == 14
    # chapters 3–11 hold the tasks (5+2+4+4+3+3+4+5+4 sections); 1 reviews, 2 sets goals, 12 safeguards
    assert len(tasks) == 34
    assert sorted({t.area for t in tasks}, key=lambda a: int(a[1:-1])) == [f"第{n}章" for n in range(3, 12)]
    assert tasks[0].text == "建成具有国际影响力的科创走廊"


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
