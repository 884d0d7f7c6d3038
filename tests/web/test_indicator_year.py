"""The indicator page keeps the chosen year: ?year= picks the evaluation shown and stays in its form and links.

Demo data: indicator 10 (研发经费支出占比, 区科委) is 滞后 in 2023 and 未完成 in 2025 (the final year).
"""

from tests.web.conftest import indicator


def test_the_chosen_year_picks_the_verdict_shown(planner):
    rd = indicator(10)
    early = planner.get(f"/plans/indicators/{rd.pk}/", {"year": "2023"}).content.decode()
    final = planner.get(f"/plans/indicators/{rd.pk}/", {"year": "2025"}).content.decode()
    assert "2023年评价" in early and "滞后" in early
    assert "2025年评价" in final and "未完成" in final


def test_the_year_selector_shows_the_chosen_year(kewei):
    page = kewei.get(f"/plans/indicators/{indicator(10).pk}/", {"year": "2023"}).content.decode()
    assert '<option value="2023" selected>2023年</option>' in page


def test_a_lagging_verdict_links_to_the_explanation_of_that_year(kewei, plan):
    page = kewei.get(f"/plans/indicators/{indicator(10).pk}/", {"year": "2023"}).content.decode()
    assert f'href="/plans/{plan.pk}/projects/explanations/?year=2023#i10"' in page


def test_a_year_outside_the_period_shows_the_latest_year(planner):
    page = planner.get(f"/plans/indicators/{indicator(10).pk}/", {"year": "2031"}).content.decode()
    assert "2025年评价" in page


def test_another_departments_indicator_stays_hidden_whatever_the_year(kewei):
    assert kewei.get(f"/plans/indicators/{indicator(16).pk}/", {"year": "2023"}).status_code == 404
