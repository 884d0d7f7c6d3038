"""Onboarding a new plan (新规划接入): upload → parse review → lead and supporting departments → public → round."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from planwatch.web.plans.onboarding_forms import default_round_year

JIANGCHUAN_DOCX = Path(__file__).resolve().parents[1] / "fixtures/plans/jiangchuan-15th/styled.docx"


@pytest.fixture
def jiangchuan(planner, tmp_path):
    """The synthetic 江川市 15th plan (2026–2030, 8 main indicators), uploaded as .docx by the planning office."""
    path = tmp_path / "江川市十五五规划纲要.docx"
    shutil.copy(JIANGCHUAN_DOCX, path)
    with path.open("rb") as upload:
        response = planner.post("/plans/import/", {"file": upload})
    from planwatch.web.plans.models import Plan

    plan = Plan.objects.get(title="江川市国民经济和社会发展五年规划纲要")
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{plan.pk}/onboarding/"
    return plan


def _departments(*codes):
    from planwatch.web.accounts.models import Department

    return [Department.objects.get(code=code) for code in codes]


def test_an_imported_plan_opens_on_its_checklist_with_five_steps_all_but_the_upload_open(planner, jiangchuan):
    page = planner.get(f"/plans/{jiangchuan.pk}/onboarding/").content.decode()
    for title in ("上传并解析", "核对解析结果", "分解指标和任务", "选择公开内容", "开启首个填报轮次"):
        assert title in page
    assert "还有 <strong>4</strong> 步未完成" in page
    assert "8项主要指标" in page
    # Its paragraphs have no titles (lead phrases): every paragraph is a task to decompose.
    assert not jiangchuan.tasks.exclude(title="").exists()
    assert f"尚有8项指标、{jiangchuan.tasks.count()}项重点任务未指定牵头部门" in page
    assert "尚未开启填报轮次" in page
    assert f'href="/plans/{jiangchuan.pk}/review/"' in page  # step ② goes to the parse review


def test_the_parse_review_step_counts_the_readers_warnings(planner, jiangchuan):
    warnings = len(jiangchuan.reader_warnings)
    page = planner.get(f"/plans/{jiangchuan.pk}/onboarding/").content.decode()
    assert f"解析提示{warnings}条，已核对指标0/8项" in page


def test_confirming_the_parse_review_is_saved_and_audited(planner, jiangchuan):
    from planwatch.web.accounts.models import AuditEntry

    response = planner.post(f"/plans/{jiangchuan.pk}/onboarding/checked/", {"checked": "1"})
    assert response["Location"] == f"/plans/{jiangchuan.pk}/onboarding/"
    jiangchuan.refresh_from_db()
    assert jiangchuan.parse_checked
    entry = AuditEntry.objects.filter(model="规划", object_id=str(jiangchuan.pk)).first()
    assert entry.after["解析结果已核对"] is True and entry.before["解析结果已核对"] is False
    assert "已确认核对完毕" in planner.get(f"/plans/{jiangchuan.pk}/onboarding/").content.decode()


def test_each_row_gets_its_lead_and_supporting_departments(planner, jiangchuan):
    from planwatch.web.accounts.models import AuditEntry
    from planwatch.web.projects.models import TaskAssignment

    kw, fgw, tj = _departments("kw", "fgw", "tjj")
    first = jiangchuan.indicators.get(number=2)
    task = jiangchuan.tasks.order_by("order").first()
    response = planner.post(
        f"/plans/{jiangchuan.pk}/onboarding/assign/",
        {
            "action": "save",
            "row": [f"i{first.pk}", f"t{task.pk}"],
            f"i{first.pk}-lead": kw.pk,
            f"i{first.pk}-supporting": [fgw.pk, tj.pk, kw.pk],  # the lead is not its own supporter
            f"t{task.pk}-lead": fgw.pk,
            f"t{task.pk}-supporting": [kw.pk],
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.department == kw
    assert sorted(d.code for d in first.supporting.all()) == ["fgw", "tjj"]
    assignment = TaskAssignment.objects.get(task=task)
    assert (assignment.department, assignment.year) == (fgw, 2026)  # the plan's first year
    assert [d.code for d in assignment.supporting.all()] == ["kw"]
    assert AuditEntry.objects.filter(
        model="主要指标",
        object_id=str(first.pk),
        before={"配合部门": []},
        after={"配合部门": sorted([fgw.name, tj.name])},
    ).exists()
    assert AuditEntry.objects.filter(model="任务分解", object_id=str(assignment.pk), action="create").exists()
    page = planner.get(f"/plans/{jiangchuan.pk}/onboarding/assign/").content.decode()
    assert '<strong id="unassigned-indicators">7</strong>' in page


def test_rows_not_sent_keep_their_departments(planner, jiangchuan):
    (kw,) = _departments("kw")
    indicator = jiangchuan.indicators.get(number=1)
    indicator.department = kw
    indicator.save()
    planner.post(f"/plans/{jiangchuan.pk}/onboarding/assign/", {"action": "save"})
    indicator.refresh_from_db()
    assert indicator.department == kw


def test_a_department_that_does_not_exist_is_refused_naming_the_row(planner, jiangchuan):
    indicator = jiangchuan.indicators.get(number=3)
    response = planner.post(
        f"/plans/{jiangchuan.pk}/onboarding/assign/",
        {"action": "save", "row": [f"i{indicator.pk}"], f"i{indicator.pk}-lead": "999999"},
    )
    assert response.status_code == 400
    assert f"指标3“{indicator.name}”：所选牵头部门不存在" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.department is None


def test_by_chapter_assigns_the_chapters_unassigned_tasks_only(planner, jiangchuan):
    from planwatch.web.projects.models import TaskAssignment

    kw, fgw, jw = _departments("kw", "fgw", "jw")
    chapter = jiangchuan.chapters.get(number=3)
    tasks = list(jiangchuan.tasks.filter(chapter=chapter).order_by("order"))
    assert len(tasks) >= 2
    TaskAssignment.objects.create(task=tasks[0], department=jw, year=2026)
    response = planner.post(
        f"/plans/{jiangchuan.pk}/onboarding/assign/",
        {
            "action": "bulk",
            "target": f"chapter-{chapter.pk}",
            "lead": kw.pk,
            "supporting": [fgw.pk],
            "only_unassigned": "on",
        },
    )
    assert response.status_code == 302
    leads = {a.task_id: a.department.code for a in TaskAssignment.objects.filter(task__plan=jiangchuan)}
    assert leads == {tasks[0].pk: "jw"} | {t.pk: "kw" for t in tasks[1:]}
    other_chapters = jiangchuan.tasks.exclude(chapter=chapter)
    assert not TaskAssignment.objects.filter(task__in=other_chapters).exists()


def test_all_indicators_at_once(planner, jiangchuan):
    (fgw,) = _departments("fgw")
    planner.post(
        f"/plans/{jiangchuan.pk}/onboarding/assign/",
        {"action": "bulk", "target": "indicators", "lead": fgw.pk, "only_unassigned": "on"},
    )
    assert jiangchuan.indicators.filter(department=fgw).count() == 8
    page = planner.get(f"/plans/{jiangchuan.pk}/onboarding/").content.decode()
    assert f"尚有{jiangchuan.tasks.count()}项重点任务未指定牵头部门" in page
    assert "尚有0项指标" not in page


def test_a_bulk_assignment_without_a_lead_is_refused(planner, jiangchuan):
    response = planner.post(
        f"/plans/{jiangchuan.pk}/onboarding/assign/", {"action": "bulk", "target": "indicators", "lead": ""}
    )
    assert response.status_code == 400
    assert "请选择牵头部门" in response.content.decode()
    assert not jiangchuan.indicators.filter(department__isnull=False).exists()


def test_the_office_chooses_what_is_public(planner, anonymous, jiangchuan):
    chosen = jiangchuan.indicators.get(number=5)
    response = planner.post(f"/plans/{jiangchuan.pk}/onboarding/public/", {"indicators": [chosen.pk]})
    assert response.status_code == 302
    jiangchuan.refresh_from_db()
    assert jiangchuan.public_chosen
    assert list(jiangchuan.indicators.filter(published=True)) == [chosen]
    public = anonymous.get(f"/plans/{jiangchuan.pk}/public/").content.decode()
    assert "人均预期寿命" in public and "城镇新增就业" not in public
    assert (
        "已选定：公开1项指标、0个项目" in planner.get(f"/plans/{jiangchuan.pk}/onboarding/").content.decode()
    )


def test_the_public_page_offers_select_all(planner, jiangchuan):
    page = planner.get(f"/plans/{jiangchuan.pk}/onboarding/public/").content.decode()
    assert 'data-select-all="indicators"' in page and page.count('name="indicators"') == 8
    assert "select_all.js" in page


def test_the_first_round_defaults_to_the_current_year_within_the_period():
    assert default_round_year((2026, 2030), datetime.date(2025, 12, 1)) == 2026
    assert default_round_year((2026, 2030), datetime.date(2027, 6, 1)) == 2027
    assert default_round_year((2021, 2025), datetime.date(2026, 12, 1)) == 2025


def test_the_first_round_is_opened_for_a_year_of_the_period(planner, jiangchuan):
    url = f"/plans/{jiangchuan.pk}/onboarding/round/"
    refused = planner.post(url, {"year": "2031", "deadline": "2032-03-31"})
    assert refused.status_code == 400
    assert "数据年份应在规划期 2026—2030 年之内" in refused.content.decode()
    assert not jiangchuan.rounds.exists()
    assert planner.post(url, {"year": "2026", "deadline": "2027-03-31"}).status_code == 302
    opened = jiangchuan.rounds.get()
    assert (opened.year, opened.deadline, opened.is_open) == (2026, datetime.date(2027, 3, 31), True)
    page = planner.get(f"/plans/{jiangchuan.pk}/onboarding/").content.decode()
    assert "已开启：2026年度监测数据填报（截止 2027-03-31）" in page


def test_the_round_form_offers_a_year_of_the_plan(planner, national):
    page = planner.get(f"/plans/{national.pk}/onboarding/").content.decode()
    year = default_round_year((2026, 2030), datetime.date.today())
    assert f'name="year" id="round-year" inputmode="numeric" size="6" value="{year}"' in page
    assert f'value="{year + 1}-03-31"' in page


def test_the_header_points_to_the_checklist_while_steps_are_open(planner, plan, national):
    assert (
        f'href="/plans/{national.pk}/onboarding/">接入向导'
        in planner.get(f"/plans/{national.pk}/dashboard/").content.decode()
    )
    # Songjiang's plan was reviewed, its public content chosen and rounds opened long ago.
    assert "接入向导" not in planner.get(f"/plans/{plan.pk}/dashboard/").content.decode()


def test_the_empty_states_of_a_plan_without_data_link_to_the_checklist(planner, national):
    link = f'href="/plans/{national.pk}/onboarding/'
    assert link in planner.get(f"/plans/{national.pk}/monitoring/").content.decode()
    assert link in planner.get(f"/plans/{national.pk}/monitoring/rounds/").content.decode()
    assert link in planner.get(f"/plans/{national.pk}/dashboard/").content.decode()
    assert (
        f'href="/plans/{national.pk}/onboarding/assign/"'
        in planner.get(f"/plans/{national.pk}/projects/tasks/").content.decode()
    )


@pytest.mark.parametrize("who", ["leader", "kewei"])
@pytest.mark.parametrize("page", ["", "assign/", "public/"])
def test_leaders_and_reporters_are_refused(who, page, national, request):
    client = request.getfixturevalue(who)
    assert client.get(f"/plans/{national.pk}/onboarding/{page}").status_code == 403
    assert client.post(f"/plans/{national.pk}/onboarding/round/", {"year": "2026"}).status_code == 403


def test_a_project_chosen_public_is_shown_on_the_public_page(planner, anonymous, plan):
    from planwatch.web.projects.models import Project

    chosen, other = Project.objects.filter(plan=plan).order_by("id")[:2]
    assert not chosen.published
    planner.post(f"/plans/{plan.pk}/onboarding/public/", {"projects": [chosen.pk]})
    chosen.refresh_from_db()
    assert chosen.published
    page = anonymous.get(f"/plans/{plan.pk}/public/").content.decode()
    assert "公开的规划项目" in page and chosen.name in page and other.name not in page
