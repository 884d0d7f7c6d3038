from tests.web.conftest import indicator


def test_it_lists_published_indicators_without_login(anonymous):
    response = anonymous.get("/public/")
    assert response.status_code == 200
    assert len(response.context["rows"]) == 21
    assert "示例数据" in response.content.decode()


def test_an_unpublished_indicator_is_not_public(anonymous):
    forest = indicator(16)
    forest.published = False
    forest.save()
    assert anonymous.get(f"/public/indicators/{forest.pk}/").status_code == 404
    assert len(anonymous.get("/public/").context["rows"]) == 20


def test_a_published_indicator_has_its_page(anonymous):
    response = anonymous.get(f"/public/indicators/{indicator(16).pk}/")
    assert response.status_code == 200
    assert "森林覆盖率" in response.content.decode()


def test_a_plan_with_no_figures_says_so_instead_of_linking_to_empty_details(anonymous, national):
    page = anonymous.get(f"/plans/{national.pk}/public/").content.decode()
    # 8 published indicators; 1 and 5 have a stated 2025 base, shown as the base, not as a figure
    assert page.count('<span class="muted">尚无数据</span>') == 6
    assert '基期值 2025年 79.25岁 <span class="muted">（尚无监测值）</span>' in page
    assert "基期值 2025年 5%" in page
    assert "见详情" not in page


def test_the_dashboard_of_a_plan_with_no_figures_shows_the_stated_base(planner, national):
    page = planner.get(f"/plans/{national.pk}/dashboard/?year=2026").content.decode()
    assert page.count('<p class="base-only">') == 2
    assert '<p class="base-only">基期值 2025年 79.25岁</p>' in page


def test_the_dashboard_reads_the_plan_once_not_once_per_card_without_figures(planner, national):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = planner.get(f"/plans/{national.pk}/dashboard/?year=2026").content.decode()
    assert page.count('<article class="card') == 8
    # a card's indicator.plan (its base year) is the plan already read, never a query that loads the plan file
    loads = [
        q["sql"] for q in queries.captured_queries if "source_file" in q["sql"] and "LIMIT 21" in q["sql"]
    ]
    assert loads == []


def test_an_indicator_reported_in_parts_still_links_to_its_details(anonymous, plan):
    page = anonymous.get(f"/plans/{plan.pk}/public/").content.decode()
    listed = indicator(9)  # 上市、挂牌企业数: three parts, no single latest value
    assert f'<a href="/public/indicators/{listed.pk}/?year=2025">见详情</a>' in page
    assert "尚无数据" not in page


def test_the_cached_public_pages_show_a_newly_approved_figure(anonymous, planner, plan):
    from planwatch.web.monitoring.models import Observation

    shown = indicator(8)
    assert shown.published
    page = f"/public/indicators/{shown.pk}/?year=2023"
    assert "987.6" not in anonymous.get(page).content.decode()  # cached now
    observation = Observation.objects.create(
        indicator=shown,
        year=2023,
        value=987.6,
        measure="level",
        state=Observation.SUBMITTED,
        source="区统计局",
    )
    assert "987.6" not in anonymous.get(page).content.decode()  # submitted, not approved: not public
    planner.post(f"/monitoring/review/{observation.pk}/", {"decision": "approve"})
    assert "987.6" in anonymous.get(page).content.decode()


def test_an_indicator_withdrawn_from_the_cached_public_page_leaves_it(anonymous, plan):
    home = f"/plans/{plan.pk}/public/"
    forest = indicator(16)
    assert f"/public/indicators/{forest.pk}/" in anonymous.get(home).content.decode()  # cached now
    forest.published = False
    forest.save()
    assert f"/public/indicators/{forest.pk}/" not in anonymous.get(home).content.decode()
    assert anonymous.get(f"/public/indicators/{forest.pk}/").status_code == 404


def test_a_signed_in_user_and_the_public_see_the_same_public_page_with_their_own_header(
    anonymous, planner, plan
):
    home = f"/plans/{plan.pk}/public/"
    public_page = anonymous.get(home).content.decode()
    office_page = planner.get(home).content.decode()
    assert "guihuake" in office_page and "guihuake" not in public_page
    assert public_page.count("<tr>") == office_page.count("<tr>")


def test_the_attribute_column_never_breaks_a_word(anonymous):
    page = anonymous.get("/public/", follow=True).content.decode()
    assert '<td class="nowrap">预期性</td>' in page and '<td class="nowrap">约束性</td>' in page
