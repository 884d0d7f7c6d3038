"""How pages name and draw an indicator that a version in force has dropped or not yet listed: under the number of
the version that lists it (the year's cards use those numbers for other indicators), with its figures drawn."""

from __future__ import annotations

import json

from planwatch.web.plans.models import Indicator as StoredIndicator
from tests.web.test_versions_by_year import PARK, _reimport


def test_the_dashboard_names_the_dropped_indicator_by_its_old_number(plan, planner):
    _reimport(plan)
    page = planner.get(f"/plans/{plan.pk}/dashboard/", {"year": "2024"}).content.decode()
    assert "旧街坊改造面积</a>（原第19项）自2024年起不再列入（第2版）" in page
    assert "19. 旧街坊改造面积" not in page  # 19 is 户籍人口居民平均预期寿命 in 2024
    assert "19. 户籍人口居民平均预期寿命" in page


def test_the_dashboard_names_a_not_yet_listed_indicator_by_the_new_versions_number(plan, planner):
    _reimport(plan)
    page = planner.get(f"/plans/{plan.pk}/dashboard/", {"year": "2023"}).content.decode()
    assert f"{PARK}</a>（第2版第21项）自2024年起列入（第2版）" in page
    assert f"21. {PARK}" not in page  # 21 is 单位生产总值生产安全事故死亡人数 in 2023
    assert "21. 单位生产总值生产安全事故死亡人数" in page


def test_the_dropped_indicators_page_draws_the_last_year_it_was_evaluated(plan, planner):
    dropped = plan.indicators.get(number=19)
    assert dropped.observations.filter(year__lte=2023).exists()
    _reimport(plan)
    dropped = StoredIndicator.all_objects.get(pk=dropped.pk)
    answer = planner.get(f"/plans/indicators/{dropped.pk}/", {"year": "2025"})
    page = answer.content.decode()
    assert "暂无走势图" not in page and "2023年评价时（2025年已不再列入）" in page
    chart = json.loads(answer.context["chart"])
    assert max(int(point[0]) for line in chart["observed"].values() for point in line) == 2023
    assert "旧街坊改造面积<small>原第19项，2025年未列入</small>" in page
    earlier = planner.get(f"/plans/indicators/{dropped.pk}/", {"year": "2023"}).content.decode()
    assert "<h1>19. 旧街坊改造面积" in earlier and "评价时（" not in earlier


def test_a_not_yet_listed_indicators_page_uses_the_new_versions_number(plan, planner):
    _reimport(plan)
    park = plan.indicators.get(name=PARK)
    page = planner.get(f"/plans/indicators/{park.pk}/", {"year": "2023"}).content.decode()
    assert f"<h1>{PARK}<small>第2版第21项，2023年未列入</small>" in page
    later = planner.get(f"/plans/indicators/{park.pk}/", {"year": "2024"}).content.decode()
    assert f"<h1>21. {PARK}</h1>" in later


def test_the_versions_page_lists_the_dropped_indicator_under_its_old_number(plan, planner):
    _reimport(plan)
    page = planner.get(f"/plans/{plan.pk}/versions/").content.decode()
    assert "旧街坊改造面积</a>（原第19项）" in page
    assert "19. 户籍人口居民平均预期寿命" in page and "19. 旧街坊改造面积" not in page
