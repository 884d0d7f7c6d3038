"""What a first look at the versions pages found: the version is said once, a new version's target is a 修订 and not
a 规划调整, renumbering is summarised, a dropped indicator keeps its public page and its link group, and the report
says what the version in force dropped and added."""

from __future__ import annotations

from dataclasses import replace

from planwatch.plan.model import TargetValue
from planwatch.reading import read_plan
from planwatch.web.demo import DEMO_PLAN
from planwatch.web.evaluations import reports
from planwatch.web.plans import links
from planwatch.web.plans.importer import store_plan
from planwatch.web.plans.models import Indicator as StoredIndicator
from tests.web.test_indicator_links import fifteenth, link  # noqa: F401 (fixture)
from tests.web.test_versions_by_year import _reimport, _revised

HIGH_TECH = "有效期内高新技术企业数"


def _reimport_with_a_new_target(plan):
    """The 修订版 of test_versions_by_year, which also raises 8 (高新技术企业数) from 3200 to 3500."""
    parsed = _revised(read_plan(DEMO_PLAN))
    indicators = [
        replace(i, target_text="3500", target=TargetValue(3500.0, i.target.comparator))
        if i.name == HIGH_TECH
        else i
        for i in parsed.indicators
    ]
    return store_plan(
        replace(parsed, indicators=indicators),
        source_name="songjiang-14th-fyp-revised.txt",
        source_bytes=DEMO_PLAN.read_bytes() + "\n（修订）".encode(),
        plan_id=plan.pk,
        effective_year=2024,
    )


def test_the_indicator_page_names_the_version_once(plan, planner):
    _reimport(plan)
    share = plan.indicators.get(name__startswith="战略性新兴产业")
    page = planner.get(f"/plans/indicators/{share.pk}/", {"year": "2025"}).content.decode()
    assert "2025年执行第2版（自2024年起执行）：属性 预期性→约束性；类型 比重/比率→水平值" in page
    assert "2025年执行第2版（自2024年起执行）：第2版" not in page


def test_a_target_a_new_version_changed_reads_as_a_revision_not_an_adjustment(plan, planner):
    _reimport_with_a_new_target(plan)
    high_tech = plan.indicators.get(name=HIGH_TECH)
    page = planner.get(f"/plans/indicators/{high_tech.pk}/", {"year": "2025"}).content.decode()
    assert "3500（规划第2版修订，自2024年起）" in page
    assert "经规划调整" not in page
    narratives = reports._narratives(plan, "annual", {}, 2025)
    assert "规划修订版本改变的目标" in narratives["indicators"]
    assert "在规划第2版中由“3200”修订为“3500”（自2024年起执行）" in narratives["indicators"]
    assert "经规划调整程序审批" not in narratives["indicators"]


def test_renumbering_is_one_summary_line_after_the_real_changes(plan, planner):
    _reimport(plan)
    answer = planner.get(f"/plans/{plan.pk}/versions/")
    page = answer.content.decode()
    real = [r["text"] for r in answer.context["revisions"]]
    assert not any(text.startswith("第2版自2024年起：序号") and "；" not in text for text in real)
    assert "第2版自2024年起：属性 预期性→约束性；类型 比重/比率→水平值" in real
    (group,) = answer.context["renumbered"]
    # 20 → 19 and 21 → 20 are the revised file's only pure renumberings
    assert [r["text"] for r in group["rows"]] == [
        "第2版自2024年起：序号 20→19",
        "第2版自2024年起：序号 21→20",
    ]
    assert "第2版另有2项仅序号变化" in page
    assert page.index("第2版自2024年起不再列入") < page.index("第2版另有2项仅序号变化")


def test_a_dropped_public_indicator_keeps_its_public_page_up_to_the_year_it_was_dropped(plan, anonymous):
    dropped = plan.indicators.get(number=19)
    dropped.published = True
    dropped.save()
    _reimport(plan)
    answer = anonymous.get(f"/public/indicators/{dropped.pk}/", {"year": "2025"})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "自2024年起不再列入（第2版）" in page and "原第19项" in page
    assert answer.context["observations"] and max(o.year for o in answer.context["observations"]) == 2023
    assert answer.context["chart"]


def test_a_dropped_unpublished_indicator_has_no_public_page(plan, anonymous):
    dropped = plan.indicators.get(number=19)
    dropped.published = False
    dropped.save()
    _reimport(plan)
    assert anonymous.get(f"/public/indicators/{dropped.pk}/", {"year": "2025"}).status_code == 404


def test_the_report_says_what_the_version_in_force_dropped_and_added(plan):
    _reimport(plan)
    later = reports.build_stored_report(plan, 2024, "annual", "html").decode()
    assert "规划第2版自2024年起不再列入“旧街坊改造面积”1项，新增列入“人均公园绿地面积”1项主要指标。" in later
    earlier = reports.build_stored_report(plan, 2023, "annual", "html").decode()
    assert "不再列入“旧街坊改造面积”" not in earlier


def test_a_dropped_indicator_stays_in_its_group_for_the_years_it_was_in_force(plan, fifteenth):  # noqa: F811
    dropped = plan.indicators.get(number=19)
    partner = fifteenth.indicators.get(number=3)
    link(dropped, partner)
    _reimport(plan)
    dropped = StoredIndicator.all_objects.get(pk=dropped.pk)
    assert [i.pk for i in links.group_of(partner)] == [dropped.pk, partner.pk]
    assert [i.pk for i in links.partners(fifteenth)[partner.pk]] == [dropped.pk]
    assert links.storage_indicator(partner, 2023).pk == dropped.pk  # the 14th plan kept it in 2023
    assert links.storage_indicator(partner, 2024).pk == partner.pk  # dropped from 2024 on
