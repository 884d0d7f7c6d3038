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
