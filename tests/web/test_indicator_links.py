"""One figure, two plans (规划间指标关联): Songjiang's 14th plan and an excerpt of its 15th plan share 森林覆盖率 and
户籍人口居民平均预期寿命. A linked figure is entered once, stored once and read by both plans' evaluations; the 14th
plan's 2025 figure is the 15th plan's base."""

from __future__ import annotations

import datetime
import html
import io
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from planwatch.web.accounts.models import ApiToken, AuditEntry, Department
from planwatch.web.monitoring.models import Observation, ReportingRound
from planwatch.web.plans.importer import import_plan_file
from planwatch.web.plans.models import IndicatorGroup, IndicatorLink
from tests.web.conftest import _client, indicator

EXCERPT = Path(__file__).parent / "fixtures" / "songjiang-15th-excerpt.txt"
FOREST_2025 = 19.56  # the demo's 2025 森林覆盖率 of the 14th plan (songjiang-observations.csv)
LIFE_2025 = 84.8  # the demo's 2025 户籍人口居民平均预期寿命 (songjiang-observations.csv)


@pytest.fixture
def fifteenth(db):
    """Songjiang's 15th plan (a test excerpt: 1 森林覆盖率 %, no base; 2 预期寿命 岁, base 84.5; 3 GDP 亿元), its
    indicators assigned to the departments that report them for the 14th plan."""
    plan = import_plan_file(EXCERPT)
    departments = {d.code: d for d in Department.objects.all()}
    for number, code in {1: "lhsr", 2: "wjw", 3: "tjj"}.items():
        plan.indicators.filter(number=number).update(department=departments.get(code))
    return plan


def link(*indicators) -> IndicatorGroup:
    """One group of the given indicators, as the office's page makes it."""
    group = IndicatorGroup.objects.create()
    for member in indicators:
        IndicatorLink.objects.create(group=group, indicator=member)
    return group


@pytest.fixture
def linked(fifteenth):
    """The linked groups: 14th 16 ↔ 15th 1 (森林覆盖率) and 14th 20 ↔ 15th 2 (预期寿命)."""
    for earlier, later in ((16, 1), (20, 2)):
        link(indicator(earlier), fifteenth.indicators.get(number=later))
    return fifteenth


def _evaluation(client, plan, year: int) -> dict:
    response = client.get(f"/api/plans/{plan.pk}/evaluations?year={year}")
    assert response.status_code == 200, response.content
    return response.json()


def _row(data: dict, number: int) -> dict:
    return next(r for r in data["indicators"] if r["number"] == number)


def _used(data: dict) -> set[int]:
    return {o["id"] for o in data["observations_used"]}


def test_the_office_links_two_plans_indicators_of_one_unit(planner, fifteenth):
    forest = fifteenth.indicators.get(number=1)
    response = planner.post("/plans/links/add/", {"first": indicator(16).pk, "second": forest.pk})
    assert response.status_code == 302
    group = IndicatorGroup.objects.get()
    assert [x.indicator for x in group.links.all()] == [indicator(16), forest]  # in the order of the plans
    assert {x.created_by.username for x in group.links.all()} == {"guihuake"}
    entry = AuditEntry.objects.filter(model="规划间指标关联", action="create").first()
    assert entry is not None and entry.user.username == "guihuake"


def test_the_page_suggests_pairs_by_name_and_unit(planner, plan, fifteenth):
    page = planner.get(f"/plans/links/?earlier={plan.pk}&later={fifteenth.pk}").content.decode()
    assert "规划间指标关联" in page
    assert "16. 森林覆盖率" in page and "1. 森林覆盖率" in page
    assert "20. 户籍人口居民平均预期寿命" in page and "2. 户籍人口居民平均预期寿命" in page


def test_a_link_between_different_units_is_refused_in_chinese(planner, fifteenth):
    life = fifteenth.indicators.get(number=2)  # 岁
    response = planner.post("/plans/links/add/", {"first": indicator(16).pk, "second": life.pk}, follow=True)
    assert not IndicatorLink.objects.exists()
    page = response.content.decode()
    assert "计量单位不同，不能关联" in page
    assert "“森林覆盖率”为“%”" in page and "“户籍人口居民平均预期寿命”为“岁”" in page


def test_two_indicators_of_one_plan_are_not_linked(planner, plan):
    response = planner.post(
        "/plans/links/add/", {"first": indicator(16).pk, "second": indicator(15).pk}, follow=True
    )
    assert not IndicatorLink.objects.exists()
    assert "关联的两个指标须属于两个不同的规划" in response.content.decode()


@pytest.mark.parametrize("role", ["leader", "kewei", "anonymous"])
def test_only_the_planning_office_links_and_unlinks(role, request, linked):
    client = request.getfixturevalue(role)
    expected = 302 if role == "anonymous" else 403  # anonymous: to the sign-in page
    link = IndicatorLink.objects.first()
    assert client.get("/plans/links/").status_code == expected
    assert client.post("/plans/links/add/", {"first": indicator(15).pk, "second": 1}).status_code == expected
    assert client.post(f"/plans/links/{link.pk}/remove/").status_code == expected
    assert IndicatorLink.objects.count() == 4


def test_the_later_plan_reads_the_earlier_plans_base_year_figure_as_its_base(planner, plan, linked):
    stored = Observation.objects.get(
        indicator=indicator(16), year=2025, state=Observation.APPROVED, measure="level", series=""
    )
    data = _evaluation(planner, linked, 2026)
    assert stored.pk in _used(data)
    assert _row(data, 1)["baseline"]["value"] == 19.56
    page = planner.get(f"/plans/indicators/{linked.indicators.get(number=1).pk}/").content.decode()
    assert (
        "19.56（2025年，取自《上海市松江区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》"
        in page
    )
    assert "基期值不一致" not in page


def test_without_a_link_the_later_plan_has_no_base(planner, fifteenth):
    data = _evaluation(planner, fifteenth, 2026)
    assert _row(data, 1)["baseline"] is None
    assert data["observations_used"] == []


def test_two_different_bases_are_both_shown_with_a_warning(planner, linked):
    page = planner.get(f"/plans/indicators/{linked.indicators.get(number=2).pk}/").content.decode()
    assert f"规划文本 84.5（2025年）；{LIFE_2025:g}（2025年，取自" in page
    assert "基期值不一致：规划文本的2025年基期值为 84.5" in page
    assert f"同一指标2025年监测值为 {LIFE_2025:g}" in page


def test_the_public_page_names_the_linked_base_it_uses_and_the_texts_own(anonymous, linked):
    life = linked.indicators.get(number=2)
    life.published = True
    life.save()
    page = anonymous.get(f"/public/indicators/{life.pk}/?year=2026").content.decode()
    assert (
        f"基期值 {LIFE_2025:g}岁（基期值取自《上海市松江区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》"
        "2025年监测值；规划文本所列基期值 84.5岁）" in page
    )
    chart = json.loads(html.unescape(re.search(r'data-chart="([^"]*)"', page).group(1)))
    assert chart["expected"][0] == ["2025", LIFE_2025]  # the chart starts from the base the header names


def test_a_figure_entered_once_is_read_by_both_plans(planner, plan, linked):
    """lhsr enters 2025 森林覆盖率 on the 15th plan's entry page (a 2025 round collecting base values): one row,
    stored on the 14th plan's indicator; once approved in the 15th plan's review queue both evaluations use it."""
    ReportingRound.objects.create(
        plan=linked, year=2025, title="2025年基期数据采集", deadline=datetime.date(2027, 3, 31)
    )
    reporter = _client("lhsr")
    forest = linked.indicators.get(number=1)
    entry = reporter.get(f"/plans/{linked.pk}/monitoring/").content.decode()
    assert (
        "同时用于《上海市松江区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》（指标16）"
        in entry
    )
    before = Observation.objects.count()
    reporter.post(
        f"/plans/{linked.pk}/monitoring/save/",
        {f"value-{forest.pk}-1": "19.7", f"source-{forest.pk}-1": "区绿化市容局"},
    )
    assert Observation.objects.count() == before + 1
    stored = Observation.objects.get(state=Observation.DRAFT, year=2025, value=19.7)
    assert stored.indicator == indicator(16)  # one row, kept by the plan whose period holds 2025
    reporter.post(f"/plans/{linked.pk}/monitoring/submit/")
    review = planner.get(f"/plans/{linked.pk}/monitoring/review/").content.decode()
    assert (
        f'id="obs-{stored.pk}"' in review
        and "同时用于《上海市松江区国民经济和社会发展第十五个五年规划纲要（测试摘录）》" in review
    )
    assert f'id="obs-{stored.pk}"' in planner.get(f"/plans/{plan.pk}/monitoring/review/").content.decode()
    planner.post(f"/monitoring/review/{stored.pk}/", {"decision": "approve", "comment": "核对无误"})
    stored.refresh_from_db()
    assert stored.state == Observation.APPROVED

    fourteenth_2025 = _evaluation(planner, plan, 2025)
    assert stored.pk in _used(fourteenth_2025)
    fifteenth_2026 = _evaluation(planner, linked, 2026)
    assert stored.pk in _used(fifteenth_2026)
    assert _row(fifteenth_2026, 1)["baseline"]["value"] == 19.7
    # the web pages read the same row: the 15th plan's indicator page names where it is kept
    page = planner.get(f"/plans/indicators/{forest.pk}/").content.decode()
    assert "19.7（2025年，取自《上海市松江区国民经济和社会发展第十四个五年规划" in page


def test_a_correction_of_the_one_row_changes_both_plans(planner, plan, linked):
    stored = Observation.objects.get(
        indicator=indicator(16), year=2025, state=Observation.APPROVED, measure="level", series=""
    )
    assert _row(_evaluation(planner, linked, 2026), 1)["baseline"]["value"] == 19.56
    stored.value = 19.6
    stored.save()  # the save renews both plans' data stamps (signal), as a correction on the page does
    assert _row(_evaluation(planner, linked, 2026), 1)["baseline"]["value"] == 19.6
    assert (
        _row(_evaluation(planner, plan, 2025), 16)["baseline"]["value"] == 18.5
    )  # the 14th's own base is 2020


def test_the_api_shows_one_slot_for_the_linked_pair_and_takes_it_once(anonymous, planner, plan, linked):
    forest = linked.indicators.get(number=1)
    listed = {i["number"]: i for i in planner.get(f"/api/plans/{linked.pk}/indicators").json()}
    assert listed[1]["linked"] == {"plan": plan.pk, "indicator_id": indicator(16).pk, "number": 16}
    assert listed[1]["also_used_in"].startswith("同时用于《上海市松江区国民经济和社会发展第十四个五年规划")
    assert listed[3]["linked"] is None and listed[3]["also_used_in"] == ""
    token = ApiToken.issue(User.objects.get(username="lhsr")).key
    response = anonymous.post(
        f"/api/plans/{linked.pk}/observations",
        json.dumps({"indicator": 1, "year": 2025, "value": 19.8, "source": "区绿化市容局"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    created = response.json()[0]
    assert created["indicator"] == 1  # the number in the plan asked about
    assert Observation.objects.get(pk=created["id"]).indicator == indicator(16)
    read = planner.get(f"/api/plans/{linked.pk}/observations?indicator={forest.pk}").json()
    assert {o["id"] for o in read} >= {created["id"]}
    assert all(o["indicator"] == 1 for o in read)


def test_unlinking_keeps_every_observation(planner, plan, linked):
    link = IndicatorLink.objects.get(indicator__number=1, indicator__plan=linked)
    before = sorted(Observation.objects.values_list("pk", "indicator_id", "value"))
    response = planner.post(f"/plans/links/{link.pk}/remove/", follow=True)
    assert "已解除关联" in response.content.decode()
    assert not IndicatorLink.objects.filter(group_id=link.group_id).exists()  # a group of one is no link
    assert sorted(Observation.objects.values_list("pk", "indicator_id", "value")) == before
    assert _row(_evaluation(planner, linked, 2026), 1)["baseline"] is None
    assert AuditEntry.objects.filter(model="规划间指标关联", action="delete").exists()


def test_the_excel_template_names_the_other_plan(linked):
    reporter = _client("lhsr")
    ReportingRound.objects.create(
        plan=linked, year=2025, title="基期数据采集", deadline=datetime.date(2027, 3, 31)
    )
    response = reporter.get(f"/plans/{linked.pk}/monitoring/template.xlsx")
    notes = [
        row[0] for row in load_workbook(io.BytesIO(response.content))["填报说明"].iter_rows(values_only=True)
    ]
    assert any(
        str(text).startswith("   序号1“森林覆盖率”同时用于《上海市松江区国民经济和社会发展第十四个五年规划")
        for text in notes
    )


def test_a_year_the_other_plan_does_not_read_is_not_marked_as_shared(linked):
    """A 2026 figure serves the 15th plan only: the 14th plan ends in 2025."""
    ReportingRound.objects.create(
        plan=linked, year=2026, title="2026年度", deadline=datetime.date(2027, 3, 31)
    )
    entry = _client("lhsr").get(f"/plans/{linked.pk}/monitoring/").content.decode()
    assert "1. 森林覆盖率" in entry and "同时用于" not in entry


def _special_plan():
    """A 专项规划 of the 15th plan's period with its own 森林覆盖率 (%) and 林地面积 (万亩), made by hand."""
    from planwatch.web.plans.models import Indicator, Plan

    plan = Plan.objects.create(
        title="松江区生态环境保护“十五五”规划（测试）",
        period_start=2026,
        period_end=2030,
        source_name="test",
        source_hash="0" * 64,
        level="special",
    )
    for number, name, unit in ((1, "森林覆盖率", "%"), (2, "林地面积", "万亩")):
        Indicator.objects.create(
            plan=plan,
            number=number,
            name=name,
            unit=unit,
            attribute="expected",
            kind="level",
            target_text="20",
            target_year=2030,
            target_value=20,
            published=True,
        )
    return plan


def _draft(on, year: int, value: float, username: str) -> Observation:
    return Observation.objects.create(
        indicator=on,
        year=year,
        value=value,
        unit="%",
        source="测试",
        state=Observation.DRAFT,
        submitted_by=User.objects.get(username=username),
    )


def test_a_department_submits_only_its_own_drafts_of_a_linked_indicator(linked):
    """区统计局 answers for the 15th plan's 森林覆盖率, 区绿化市容局 for the 14th plan's: each submits what its own
    slots stored, never the other's drafts of the shared indicator."""
    linked.indicators.filter(number=1).update(department=Department.objects.get(code="tjj"))
    forest15 = linked.indicators.get(number=1)
    greenery_2024 = _draft(indicator(16), 2024, 19.5, "lhsr")  # the 14th plan's own year
    base_2025 = _draft(indicator(16), 2025, 19.6, "tjj")  # the 15th plan's base, kept on the 14th's indicator
    statistics_2026 = _draft(forest15, 2026, 19.8, "tjj")
    _client("tjj").post(f"/plans/{linked.pk}/monitoring/submit/")
    states = {o.pk: o.state for o in Observation.objects.filter(pk__in=[greenery_2024.pk, base_2025.pk])}
    assert states == {greenery_2024.pk: Observation.DRAFT, base_2025.pk: Observation.SUBMITTED}
    statistics_2026.refresh_from_db()
    assert statistics_2026.state == Observation.SUBMITTED
    _draft(forest15, 2027, 20.0, "tjj")
    _client("lhsr").post("/monitoring/submit/")
    greenery_2024.refresh_from_db()
    assert greenery_2024.state == Observation.SUBMITTED
    assert Observation.objects.get(indicator=forest15, year=2027).state == Observation.DRAFT


def test_the_entry_page_counts_only_the_departments_own_drafts(linked):
    linked.indicators.filter(number=1).update(department=Department.objects.get(code="tjj"))
    ReportingRound.objects.create(
        plan=linked, year=2026, title="2026年度", deadline=datetime.date(2027, 3, 31)
    )
    _draft(indicator(16), 2024, 19.5, "lhsr")
    page = _client("tjj").get(f"/plans/{linked.pk}/monitoring/")
    assert page.context["drafts"] == 0


def test_a_reporter_of_either_side_reads_the_history_of_a_linked_figure(linked):
    linked.indicators.filter(number=1).update(department=Department.objects.get(code="tjj"))
    stored = Observation.objects.get(
        indicator=indicator(16), year=2025, state=Observation.APPROVED, measure="level", series=""
    )
    assert _client("lhsr").get(f"/monitoring/observations/{stored.pk}/history/").status_code == 200
    assert _client("tjj").get(f"/monitoring/observations/{stored.pk}/history/").status_code == 200
    assert _client("kw").get(f"/monitoring/observations/{stored.pk}/history/").status_code == 404


def test_a_linked_plans_reporter_reads_no_history_of_the_other_plans_own_years(linked):
    """区统计局 answers for the 15th plan's 森林覆盖率: it reads the 2025 base kept on the 14th plan's indicator,
    never 区绿化市容局's draft for 2024, a year only the 14th plan reads."""
    linked.indicators.filter(number=1).update(department=Department.objects.get(code="tjj"))
    greenery_2024 = _draft(indicator(16), 2024, 19.5, "lhsr")
    base_2025 = _draft(indicator(16), 2025, 19.6, "tjj")
    assert _client("tjj").get(f"/monitoring/observations/{greenery_2024.pk}/history/").status_code == 404
    assert _client("tjj").get(f"/monitoring/observations/{base_2025.pk}/history/").status_code == 200
    assert _client("lhsr").get(f"/monitoring/observations/{greenery_2024.pk}/history/").status_code == 200


def test_the_public_page_shows_the_base_figure_kept_by_the_other_plan(anonymous, linked):
    forest15 = linked.indicators.get(number=1)
    forest15.published = True
    forest15.save()
    page = anonymous.get(f"/public/indicators/{forest15.pk}/?year=2026").content.decode()
    assert "<td>2025</td>" in page and "19.56 %" in page
    assert (
        "（取自《上海市松江区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》同一指标）" in page
    )
    home = anonymous.get(f"/plans/{linked.pk}/public/?year=2026").content.decode()
    assert '19.56%（2025年） <span class="muted">取自《上海市松江区国民经济和社会发展第十四个五年规划' in home


def test_a_third_plan_joins_the_group(planner, plan, linked):
    special = _special_plan()
    forest = special.indicators.get(number=1)
    response = planner.post(
        "/plans/links/add/", {"first": forest.pk, "second": linked.indicators.get(number=1).pk}
    )
    assert response.status_code == 302
    group = IndicatorLink.objects.get(indicator=indicator(16)).group
    assert [x.indicator.plan_id for x in group.links.all()] == [plan.pk, linked.pk, special.pk]
    assert IndicatorGroup.objects.count() == 2  # 森林覆盖率 (three plans) and 预期寿命 (two)
    # the special plan reads the 14th plan's 2025 figure as its base, and the 15th plan's 2027 figure
    from planwatch.web.plans import links

    assert links.storage_indicator(forest, 2025) == indicator(16)
    assert links.storage_indicator(forest, 2027) == linked.indicators.get(number=1)
    read = planner.get(f"/api/plans/{special.pk}/observations?indicator={forest.pk}").json()
    assert [(o["year"], o["value"], o["indicator"]) for o in read if o["state"] == "approved"] == [
        (2025, 19.56, 1)
    ]
    listed = {i["number"]: i for i in planner.get(f"/api/plans/{special.pk}/indicators").json()}
    assert [x["plan"] for x in listed[1]["linked_all"]] == [plan.pk, linked.pk]
    assert listed[1]["linked"]["indicator_id"] == indicator(16).pk


def test_two_groups_merge_into_one(planner, plan, fifteenth):
    special = _special_plan()
    link(fifteenth.indicators.get(number=1), special.indicators.get(number=1))
    link(indicator(16))  # a group of one, as left by hand: merged all the same
    planner.post(
        "/plans/links/add/", {"first": indicator(16).pk, "second": special.indicators.get(number=1).pk}
    )
    assert IndicatorGroup.objects.filter(links__isnull=False).distinct().count() == 1
    assert (
        IndicatorLink.objects.filter(group=IndicatorLink.objects.get(indicator=indicator(16)).group).count()
        == 3
    )


def test_a_group_refuses_a_third_indicator_of_another_unit_or_a_plan_twice(planner, linked):
    special = _special_plan()
    area = special.indicators.get(number=2)  # 万亩
    forest15 = linked.indicators.get(number=1)
    response = planner.post("/plans/links/add/", {"first": area.pk, "second": forest15.pk}, follow=True)
    page = response.content.decode()
    assert "计量单位不同，不能关联" in page and "“林地面积”为“万亩”" in page
    response = planner.post(
        "/plans/links/add/",
        {"first": linked.indicators.get(number=3).pk, "second": indicator(16).pk},
        follow=True,
    )
    assert "同一规划在一个关联组中只能有一个指标" in response.content.decode()
    assert IndicatorLink.objects.count() == 4


def test_taking_one_out_of_three_keeps_the_other_two_linked(planner, plan, linked):
    special = _special_plan()
    forest = special.indicators.get(number=1)
    group = IndicatorLink.objects.get(indicator=indicator(16)).group
    member = IndicatorLink.objects.create(group=group, indicator=forest)
    response = planner.post(f"/plans/links/{member.pk}/remove/", follow=True)
    assert "移出关联组" in response.content.decode()
    assert sorted(group.links.values_list("indicator__plan_id", flat=True)) == sorted([plan.pk, linked.pk])


def test_the_jump_rule_and_last_year_read_the_other_plans_figure(linked):
    """2026 森林覆盖率 of the 15th plan: last year's figure is the 14th plan's 2025 figure (19.56), and 25 jumps far
    beyond the usual yearly change of about 0.2 points."""
    ReportingRound.objects.create(
        plan=linked, year=2026, title="2026年度", deadline=datetime.date(2027, 3, 31)
    )
    reporter = _client("lhsr")
    forest = linked.indicators.get(number=1)
    entry = reporter.get(f"/plans/{linked.pk}/monitoring/")
    row = next(r for r in entry.context["rows"] if r["indicator"] == forest)
    assert row["beside"]["last"].value == FOREST_2025
    reporter.post(
        f"/plans/{linked.pk}/monitoring/save/",
        {f"value-{forest.pk}-1": "25", f"source-{forest.pk}-1": "区绿化市容局"},
    )
    stored = Observation.objects.get(indicator=forest, year=2026, state=Observation.DRAFT)
    assert [w["code"] for w in stored.warnings] == ["jump"]
    assert "较2025年变化+5.44个百分点" in stored.warnings[0]["message"]
