"""A new version of a plan is in force from its effective year for everything it changes (issue 13 item 3): kind,
attribute, base, parts, numbering, dropped and added indicators. Earlier years keep the version in force then, on
every page, in the API, in the stored evaluation and in the report's data."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planwatch.evaluate.serialize import evaluation_to_json
from planwatch.plan.model import Baseline, Indicator, Part, TargetValue
from planwatch.reading import read_plan
from planwatch.web.demo import DEMO_PLAN
from planwatch.web.evaluations import reports
from planwatch.web.evaluations.service import evaluation_data
from planwatch.web.plans.importer import store_plan
from planwatch.web.plans.models import Indicator as StoredIndicator
from planwatch.web.plans.models import IndicatorRevision

PARK = "人均公园绿地面积"


def _revised(parsed):
    """The demo plan as a 修订版: 3 becomes 约束性 and a level; 10 is based on 2021; 9's 上市 part rises to 80;
    19 (旧街坊改造面积) is dropped, 20 and 21 move up, and a new 21 is added."""
    by_number = {i.number: i for i in parsed.indicators}
    three = replace(by_number[3], kind="level", attribute="binding")
    ten = replace(by_number[10], baseline=Baseline(4.45, 2021, by_number[10].line))
    nine = replace(by_number[9], parts=[Part("上市", 80.0, ">="), *by_number[9].parts[1:]])
    twenty, twenty_one = replace(by_number[20], number=19), replace(by_number[21], number=20)
    park = Indicator(
        number=21,
        name=PARK,
        unit="平方米",
        attribute="expected",
        kind="level",
        target_text="9",
        target_year=2025,
        target=TargetValue(9.0, ">="),
        baseline=Baseline(8.2, 2020, None),
        direction="up",
        base_year=2020,
    )
    kept = [i for n, i in sorted(by_number.items()) if n not in (3, 9, 10, 19, 20, 21)]
    indicators = sorted([*kept, three, nine, ten, twenty, twenty_one, park], key=lambda i: i.number)
    return replace(parsed, indicators=indicators)


def _reimport(plan):
    parsed = read_plan(DEMO_PLAN)
    return store_plan(
        _revised(parsed),
        source_name="songjiang-14th-fyp-revised.txt",
        source_bytes=DEMO_PLAN.read_bytes() + "\n（修订）".encode(),
        plan_id=plan.pk,
        effective_year=2024,
    )


def _api(client, plan, year):
    answer = client.get(f"/api/plans/{plan.pk}/evaluations", {"year": str(year)})
    assert answer.status_code == 200
    return answer.json()


def _verdicts(data):
    return {
        row["name"]: {k: v for k, v in row.items() if k not in ("version_note",)}
        for row in data["indicators"]
    }


def _report(plan, year):
    _, evaluation, _, _ = reports.stored_evaluation(plan, year)
    return {row["name"]: row for row in evaluation_to_json(evaluation)["indicators"]}


@pytest.fixture
def seen_before(plan, planner):
    """What the system said about 2022 and 2023 before the new version. Indicator 10 has figures from 2021 on (no
    base-year row, which would win over any base a plan text states)."""
    plan.indicators.get(number=10).observations.filter(year=2020).delete()
    return {
        year: {
            "api": _verdicts(_api(planner, plan, year)),
            "stored": _verdicts(evaluation_data(plan, year)[0]),
            "report": _report(plan, year),
        }
        for year in (2022, 2023)
    }


def test_earlier_years_keep_the_version_in_force_then(plan, planner, seen_before):
    _reimport(plan)
    plan.refresh_from_db()
    assert (plan.version, plan.version_effective_year) == (2, 2024)
    for year in (2022, 2023):
        assert _verdicts(_api(planner, plan, year)) == seen_before[year]["api"]
        assert _verdicts(evaluation_data(plan, year)[0]) == seen_before[year]["stored"]
        assert _report(plan, year) == seen_before[year]["report"]
    old = _api(planner, plan, 2023)
    by_name = {row["name"]: row for row in old["indicators"]}
    assert by_name["旧街坊改造面积"]["number"] == 19  # the dropped indicator, numbered as version 1 had it
    assert by_name["户籍人口居民平均预期寿命"]["number"] == 20
    assert PARK not in by_name
    assert [o["label"] for o in old["not_in_force"]] == ["自2024年起列入（第2版）"]
    assert old["plan_version"]["version"] == 1


def test_later_years_use_the_new_version(plan, planner, seen_before):
    _reimport(plan)
    for year in (2024, 2025):
        data = _api(planner, plan, year)
        by_name = {row["name"]: row for row in data["indicators"]}
        share = by_name["战略性新兴产业产值（制造业部分）占规上工业总产值比重"]
        assert (share["attribute"], share["kind"]) == ("binding", "level")
        assert share["version_note"] == "第2版自2024年起：属性 预期性→约束性；类型 比重/比率→水平值"
        research = by_name["全社会研发经费支出占地区生产总值比例"]
        assert (research["baseline"]["value"], research["baseline"]["year"]) == (4.45, 2021)
        listed = next(p for p in by_name["上市、挂牌企业数（科创板）"]["parts"] if p["name"] == "上市")
        assert listed["target"]["value"] == 80
        assert "旧街坊改造面积" not in by_name
        assert [(o["number"], o["label"]) for o in data["not_in_force"]] == [
            (19, "自2024年起不再列入（第2版）")
        ]
        assert by_name["户籍人口居民平均预期寿命"]["number"] == 19
        assert by_name[PARK]["number"] == 21
        assert data["plan_version"]["label"] == "第2版（自2024年起执行）"
    before = seen_before[2023]["api"]
    assert before["全社会研发经费支出占地区生产总值比例"]["baseline"]["value"] == 4.32
    # 2024's 4.7 against the new base: (4.7 − 4.45)/(5 − 4.45) = 45.5%; against the old it would be 55.9%
    research = _verdicts(_api(planner, plan, 2024))["全社会研发经费支出占地区生产总值比例"]
    assert research["progress"] == pytest.approx(0.25 / 0.55, abs=1e-6)
    assert _report(plan, 2024)["户籍人口居民平均预期寿命"]["number"] == 19


def test_the_dropped_indicator_keeps_its_page_and_figures(plan, planner):
    dropped = plan.indicators.get(number=19)
    figures = dropped.observations.count()
    _reimport(plan)
    dropped = StoredIndicator.all_objects.get(pk=dropped.pk)
    assert dropped.detached and dropped.observations.count() == figures
    old = planner.get(f"/plans/indicators/{dropped.pk}/", {"year": "2023"})
    assert old.status_code == 200 and old.context["verdict"]["number"] == 19
    new = planner.get(f"/plans/indicators/{dropped.pk}/", {"year": "2024"}).content.decode()
    assert "自2024年起不再列入（第2版）" in new
    dashboard = planner.get(f"/plans/{plan.pk}/dashboard/", {"year": "2024"}).content.decode()
    assert "自2024年起不再列入（第2版）" in dashboard and "2024年执行第2版（自2024年起执行）" in dashboard
    old_dashboard = planner.get(f"/plans/{plan.pk}/dashboard/", {"year": "2023"}).content.decode()
    assert "2023年执行第1版" in old_dashboard and "自2024年起列入（第2版）" in old_dashboard


def test_pages_say_what_the_version_changed(plan, planner):
    _reimport(plan)
    share = plan.indicators.get(name__startswith="战略性新兴产业")
    page = planner.get(f"/plans/indicators/{share.pk}/", {"year": "2024"}).content.decode()
    assert "第2版自2024年起：属性 预期性→约束性；类型 比重/比率→水平值" in page
    earlier = planner.get(f"/plans/indicators/{share.pk}/", {"year": "2023"})
    assert earlier.context["verdict"]["attribute"] == "expected"
    review = planner.get(f"/plans/{plan.pk}/versions/").content.decode()
    assert "基期 4.32（2020年）→4.45（2021年）" in review
    assert "第2版自2024年起不再列入" in review and "第2版自2024年起新增列入" in review
    assert "序号 20→19" in review


def test_a_persons_correction_stands_over_the_new_version(plan, planner):
    share = plan.indicators.get(number=3)
    share.kind, share.corrected = "share", ["kind"]
    share.save()
    _reimport(plan)
    share.refresh_from_db()
    assert share.kind == "share"
    revision = IndicatorRevision.objects.get(indicator=share)
    assert revision.before == {
        "attribute": "expected"
    }  # the file's attribute applies; the kind stays the person's
    conflicts = plan.__class__.objects.get(pk=plan.pk).import_review["conflicts"]
    assert any(c["field"] == "kind" and c["file"] == "level" for c in conflicts)
    data = _api(planner, plan, 2024)
    row = next(r for r in data["indicators"] if r["number"] == 3)
    assert (row["attribute"], row["kind"]) == ("binding", "share")


def test_a_version_may_not_take_effect_before_the_version_in_force(plan):
    _reimport(plan)
    parsed = _revised(read_plan(DEMO_PLAN))
    with pytest.raises(Exception, match="早于现行第2版的执行年份2024年"):
        store_plan(
            parsed,
            source_name="third.txt",
            source_bytes=DEMO_PLAN.read_bytes() + b"\n3",
            plan_id=plan.pk,
            effective_year=2023,
        )
