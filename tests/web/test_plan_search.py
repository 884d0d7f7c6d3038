"""Search in the plan's text: hits highlighted, a link to the paragraph in the full text, related words otherwise."""

from collections import Counter

from planwatch.web.plans.search import highlight, related_words


def test_hits_are_highlighted_and_link_to_their_paragraph(leader, plan):
    response = leader.get(f"/plans/{plan.pk}/", {"q": "森林覆盖率"})
    page = response.content.decode()
    assert '<mark class="hit">森林覆盖率</mark>' in page
    # the plan's line 478: “……森林覆盖率达19.5%……”
    assert f'href="/plans/{plan.pk}/#l478"' in page


def test_the_full_text_has_an_anchor_for_that_paragraph(leader, plan):
    assert 'id="l478"' in leader.get(f"/plans/{plan.pk}/").content.decode()


def test_nothing_found_suggests_words_of_the_plan(leader, plan):
    response = leader.get(f"/plans/{plan.pk}/", {"q": "森林火灾"})
    assert response.context["results"] == []
    suggestions = response.context["suggestions"]
    assert "森林" in suggestions
    assert f'href="/plans/{plan.pk}/?q=%E6%A3%AE%E6%9E%97"' in response.content.decode()


def test_search_requires_login(anonymous, plan):
    assert anonymous.get(f"/plans/{plan.pk}/", {"q": "森林"}).status_code == 302


def test_highlight_never_touches_markup():
    html = '<abbr class="term" title="森林覆盖率的定义">森林</abbr>覆盖率'
    assert highlight(html, "森林") == (
        '<abbr class="term" title="森林覆盖率的定义"><mark class="hit">森林</mark></abbr>覆盖率'
    )


def test_related_words_put_the_querys_own_words_first_then_shared_characters_by_frequency():
    words = Counter({"森林": 5, "森林公园": 2, "林地": 9, "交通": 30})
    assert related_words(words, "森林火灾") == ["森林", "森林公园", "林地"]
