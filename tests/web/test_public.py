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
    assert page.count('<span class="muted">尚无数据</span>') == 8  # the 15th plan's 8 published indicators
    assert "见详情" not in page


def test_an_indicator_reported_in_parts_still_links_to_its_details(anonymous, plan):
    page = anonymous.get(f"/plans/{plan.pk}/public/").content.decode()
    listed = indicator(9)  # 上市、挂牌企业数: three parts, no single latest value
    assert f'<a href="/public/indicators/{listed.pk}/?year=2025">见详情</a>' in page
    assert "尚无数据" not in page
