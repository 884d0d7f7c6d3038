"""Public pages people can trust: the figure a verdict rests on, 示例 only on illustrative values, the chosen year.

Demo data: indicator 19 (旧街坊改造面积, cumulative, 300 万平方米) was reported as 52, 40, 65, 70 and 78 for
2021–2025, all 示例数据; indicator 1 (GDP growth, 6.5%) grew 9.0, -1.5, 6.0, 2.8 and 5.0% a year.
"""

import datetime
import re

from planwatch.web.monitoring.models import Observation
from tests.web.conftest import indicator


def _row_html(page: str, number: int, name: str) -> str:
    start = page.index(f"{number}. {name}")
    return page[start : page.index("</tr>", start)]


def test_the_cumulative_indicator_shows_the_total_its_verdict_rests_on(anonymous):
    response = anonymous.get(f"/public/indicators/{indicator(19).pk}/", {"year": "2025"})
    page = response.content.decode()
    # 52 + 40 + 65 + 70 + 78 = 305, as the core's evaluation reports it
    assert "2021—2025年累计：<strong>305万平方米</strong>" in page


def test_the_chosen_year_changes_the_total_shown(anonymous):
    page = anonymous.get(f"/public/indicators/{indicator(19).pk}/", {"year": "2023"}).content.decode()
    # 52 + 40 + 65 = 157
    assert "2021—2023年累计：<strong>157万平方米</strong>" in page
    assert "2023年评价" in page


def test_a_growth_target_shows_the_average_growth(anonymous):
    page = anonymous.get(f"/public/indicators/{indicator(1).pk}/", {"year": "2025"}).content.decode()
    # (1.09 × 0.985 × 1.06 × 1.028 × 1.05)^(1/5) − 1 = 4.2006%
    assert "2021—2025年年均增长：<strong>4.2006%</strong>" in page


def test_a_year_outside_the_period_falls_back_to_the_latest_year(anonymous):
    response = anonymous.get(f"/public/indicators/{indicator(19).pk}/", {"year": "2031"})
    assert response.context["year"] == 2025


def test_the_home_page_keeps_the_year_in_its_links(anonymous):
    response = anonymous.get("/public/", {"year": "2023"})
    assert response.context["year"] == 2023
    assert f'href="/public/indicators/{indicator(19).pk}/?year=2023"' in response.content.decode()


def test_an_approved_real_figure_is_not_tagged_illustrative(anonymous):
    forest = indicator(16)
    Observation.objects.create(
        indicator=forest,
        year=2025,
        value=19.6,
        unit="%",
        source="区绿化市容局",
        vintage=datetime.date(2026, 6, 1),
        state=Observation.APPROVED,
    )
    page = anonymous.get("/public/", {"year": "2025"}).content.decode()
    cell = _row_html(page, 16, "森林覆盖率")
    assert "19.6%（2025年）" in cell
    assert not re.search(r"19\.6%（2025年）\s*<span class=\"tag illustrative\">示例</span>", cell)


def test_an_illustrative_latest_value_is_tagged(anonymous):
    page = anonymous.get("/public/", {"year": "2025"}).content.decode()
    cell = _row_html(page, 19, "旧街坊改造面积")
    assert '78万平方米（2025年） <span class="tag illustrative">示例</span>' in cell


def test_a_verdict_computed_from_illustrative_data_is_marked(anonymous):
    page = anonymous.get(f"/public/indicators/{indicator(19).pk}/").content.decode()
    assert "据示例数据" in page


def test_a_verdict_from_real_figures_only_is_not_marked(anonymous):
    Observation.objects.filter(indicator=indicator(19)).update(source="区房管局")
    page = anonymous.get(f"/public/indicators/{indicator(19).pk}/").content.decode()
    assert "据示例数据" not in page
    assert "illustrative-banner" not in page
