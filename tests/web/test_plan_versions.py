"""A new version of a plan keeps what people did (issue 13 item 3; security finding 3: re-import deleted every task
assignment through the cascade from deleted chapters)."""

from __future__ import annotations

import pytest

from planwatch.web.demo import DEMO_PLAN
from planwatch.web.monitoring.models import Observation
from planwatch.web.plans.importer import import_plan_file
from planwatch.web.plans.models import Indicator, Plan, Task
from planwatch.web.plans.versions import normalized, reported_work, same_title
from planwatch.web.projects.models import TaskAssignment


def _assign_ten_tasks(plan) -> list[TaskAssignment]:
    from planwatch.web.accounts.models import Department

    TaskAssignment.objects.all().delete()  # the demo's own nine; this test counts its ten
    department = Department.objects.get(code="jw")
    tasks = list(plan.tasks.filter(chapter__number__in=[5, 6, 7]).exclude(title="").order_by("order")[:10])
    assert len(tasks) == 10
    return [
        TaskAssignment.objects.create(task=task, department=department, year=2025, progress_note=f"进展{n}")
        for n, task in enumerate(tasks)
    ]


def _changed_file(tmp_path, plan, drop: Task | None = None):
    """The plan file with the forest cover target 19.5 → 20, a paragraph added at the top (every line moves)
    and, if given, one task's paragraph removed."""
    lines = DEMO_PLAN.read_text(encoding="utf-8").split("\n")
    if drop is not None:
        assert (
            lines[drop.line - 1].strip().startswith(drop.title[:6]) or drop.title[:6] in lines[drop.line - 1]
        )
        del lines[drop.line - 1]
    text = "\n".join(lines)
    old_row = "\t森林覆盖率\n\t%\n\t约束性\n\t19.5\n"
    assert old_row in text
    text = text.replace(old_row, "\t森林覆盖率\n\t%\n\t约束性\n\t20\n")
    text = "本文件为修订稿，供核对。\n" + text
    path = tmp_path / "songjiang-14th-fyp-revised.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_reimporting_a_changed_file_keeps_every_assignment_correction_and_observation(plan, tmp_path):
    assignments = _assign_ten_tasks(plan)
    gdp = plan.indicators.get(number=1)
    gdp.kind, gdp.corrected = "level", ["kind"]
    gdp.save()
    forest = plan.indicators.get(number=16)
    forest.target_value, forest.corrected = 19.8, ["target_value"]
    forest.save()
    observations = Observation.objects.filter(indicator__plan=plan).count()
    departments = dict(plan.indicators.values_list("number", "department_id"))
    lines_before = {a.pk: a.task.line for a in assignments}

    stored = import_plan_file(_changed_file(tmp_path, plan))

    assert stored.pk == plan.pk and stored.version == 2
    assert Plan.objects.count() == 2
    assert TaskAssignment.objects.filter(task__plan=plan).count() == 10  # finding 3: was 10 → 0
    for assignment in TaskAssignment.objects.filter(task__plan=plan):
        assert (
            assignment.task.line == lines_before[assignment.pk] + 1
        )  # matched by content, moved by the new line
        assert not assignment.task.detached
    assert Observation.objects.filter(indicator__plan=plan).count() == observations
    assert dict(plan.indicators.values_list("number", "department_id")) == departments
    gdp.refresh_from_db()
    forest.refresh_from_db()
    assert gdp.kind == "level"
    assert forest.target_value == 19.8  # the person's correction stands until the office chooses
    stored.refresh_from_db()
    assert stored.import_review["conflicts"] == [
        {
            "indicator": gdp.pk,
            "number": 1,
            "name": "地区生产总值年均增长率",
            "field": "kind",
            "file": "annual_growth_rate",
            "person": "level",
        },
        {
            "indicator": forest.pk,
            "number": 16,
            "name": "森林覆盖率",
            "field": "target_value",
            "file": 20.0,
            "person": 19.8,
        },
    ]
    assert forest.target_text == "20"  # not corrected: the new file's text


def test_a_task_the_new_file_no_longer_holds_is_kept_detached_and_listed(plan, tmp_path, planner):
    assignments = _assign_ten_tasks(plan)
    dropped = assignments[3].task

    stored = import_plan_file(_changed_file(tmp_path, plan, drop=dropped))

    assert TaskAssignment.objects.filter(task__plan=plan).count() == 10
    dropped = Task.all_objects.get(pk=dropped.pk)
    assert dropped.detached
    assert not plan.tasks.filter(pk=dropped.pk).exists()  # out of the version in force
    assert [t["id"] for t in stored.import_review["unmatched_tasks"]] == [dropped.pk]
    page = planner.get(f"/plans/{plan.pk}/versions/").content.decode()
    assert "新文件中没有的已分工任务（1）" in page and dropped.title[:10] in page


def test_the_office_settles_a_disagreement_from_the_review_page(plan, tmp_path, planner):
    forest = plan.indicators.get(number=16)
    forest.target_value, forest.corrected = 19.8, ["target_value"]
    forest.save()
    import_plan_file(_changed_file(tmp_path, plan))
    page = planner.get(f"/plans/{plan.pk}/versions/").content.decode()
    assert "新文件与人工更正不一致（1）" in page

    response = planner.post(
        f"/plans/{plan.pk}/versions/", {"indicator": forest.pk, "field": "target_value", "choice": "file"}
    )

    assert response.status_code == 302
    forest.refresh_from_db()
    assert forest.target_value == 20.0 and "target_value" not in forest.corrected
    plan.refresh_from_db()
    assert plan.import_review["conflicts"] == []


def test_an_indicator_the_new_file_no_longer_holds_keeps_its_observations_detached(plan, tmp_path):
    lines = DEMO_PLAN.read_text(encoding="utf-8")
    text = lines.replace("\t森林覆盖率\n", "\t森林蓄积量\n")  # a different indicator in row 16
    path = tmp_path / "renamed.txt"
    path.write_text(text, encoding="utf-8")
    forest = plan.indicators.get(number=16)
    figures = forest.observations.count()
    assert figures > 0

    stored = import_plan_file(path)

    forest = Indicator.all_objects.get(pk=forest.pk)
    assert forest.detached and forest.observations.count() == figures
    assert plan.indicators.get(number=16).name == "森林蓄积量"
    assert plan.indicators.count() == 21
    assert stored.import_review["unmatched_indicators"] == [
        {"id": forest.pk, "number": 16, "name": "森林覆盖率"}
    ]


def test_reimporting_the_same_file_is_not_a_new_version(plan):
    assert import_plan_file(DEMO_PLAN).version == 1


def test_the_plan_named_by_id_gets_the_new_version(plan, national, tmp_path):
    stored = import_plan_file(_changed_file(tmp_path, plan), plan_id=plan.pk)
    assert (stored.pk, stored.version) == (plan.pk, 2)


def test_titles_are_compared_without_draft_and_revision_marks():
    assert same_title(
        "某区国民经济和社会发展第十五个五年规划纲要（草案）", "某区国民经济和社会发展第十五个五年规划纲要"
    )
    assert same_title("某区规划纲要(修订)", "某区 规划纲要")
    assert normalized("森林覆盖率①") == "森林覆盖率"
    assert not same_title("某区规划纲要", "某市规划纲要")


def test_undoing_an_import_is_refused_once_anything_is_reported(plan, national, planner):
    assert reported_work(plan)[0].endswith("条监测数据")
    response = planner.post(f"/plans/{plan.pk}/undo-import/", follow=True)
    assert "不能撤销导入" in response.content.decode()
    assert Plan.objects.filter(pk=plan.pk).exists()
    assert reported_work(national) == []
    planner.post(f"/plans/{national.pk}/undo-import/")
    assert not Plan.objects.filter(pk=national.pk).exists()


@pytest.mark.parametrize("role", ["kewei", "leader"])
def test_only_the_planning_office_reviews_imports(role, request, plan):
    assert request.getfixturevalue(role).get(f"/plans/{plan.pk}/versions/").status_code == 403


def _forest_target(client, year: int) -> tuple:
    rows = client.get("/evaluations/", {"year": str(year)}).context["rows"]
    row = next(r for r in rows if r["number"] == 16)
    return row["target"]["value"], row["target"]["version"]


def test_a_new_version_takes_effect_from_the_year_it_states(plan, tmp_path, planner):
    before = {year: _forest_target(planner, year) for year in (2022, 2023)}
    assert before[2023] == (19.5, "纲要原文")

    stored = import_plan_file(_changed_file(tmp_path, plan), effective_year=2024)

    assert (stored.version, stored.version_effective_year) == (2, 2024)
    assert {year: _forest_target(planner, year) for year in (2022, 2023)} == before
    assert _forest_target(planner, 2024) == (20.0, "第2版（2024年起执行规划第2版）")
    assert _forest_target(planner, 2025) == (20.0, "第2版（2024年起执行规划第2版）")
    page = planner.get("/plans/adjustments/").content.decode()
    assert "规划第2版" in page and "自2024年起" in page


def test_the_import_page_asks_from_which_year_a_new_version_applies(plan, tmp_path, planner):
    path = _changed_file(tmp_path, plan)
    with path.open("rb") as upload:
        refused = planner.post(
            "/plans/import/", {"file": upload, "plan": str(plan.pk), "effective_year": "2031"}, follow=True
        )
    assert "执行年份2031不在规划期2021—2025年内" in refused.content.decode()
    plan.refresh_from_db()
    assert plan.version == 1
    with path.open("rb") as upload:
        planner.post("/plans/import/", {"file": upload, "plan": str(plan.pk), "effective_year": "2023"})
    plan.refresh_from_db()
    assert (plan.version, plan.version_effective_year) == (2, 2023)
    assert _forest_target(planner, 2022)[0] == 19.5
    assert _forest_target(planner, 2023)[0] == 20.0


def test_reimporting_writes_no_correction_in_anyones_name(plan, tmp_path):
    """Matching rows moves their numbers out of the way first; the saves that follow are the import's, not a
    person's corrections (the import's own event and a version's revisions record them)."""
    from planwatch.web.accounts.models import AuditEntry

    before = set(AuditEntry.objects.values_list("pk", flat=True))
    import_plan_file(_changed_file(tmp_path, plan))
    written = AuditEntry.objects.exclude(pk__in=before)
    assert written.exists()  # the import itself is recorded
    assert not written.filter(event="indicator-correct").exists()
    assert not [e.change for e in written if "10000" in e.change]
