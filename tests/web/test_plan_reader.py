def test_it_shows_the_full_text_by_chapter(leader):
    page = leader.get("/plans/").content.decode()
    assert 'id="ch-1"' in page and 'id="ch-12"' in page
    assert "第7章" in page


def test_it_explains_footnote_terms_on_hover(leader, plan):
    footnote = plan.footnotes.first()
    page = leader.get("/plans/").content.decode()
    assert '<abbr class="term" tabindex="0" title="' in page
    assert footnote.term in page


def test_it_highlights_targets(leader):
    assert '<mark class="target"' in leader.get("/plans/").content.decode()


def test_it_finds_paragraphs_by_segmented_words(leader):
    response = leader.get("/plans/", {"q": "森林覆盖率"})
    page = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["results"]) >= 1
    assert "森林覆盖率" in page


def test_it_finds_nothing_for_an_unrelated_word(leader):
    response = leader.get("/plans/", {"q": "量子引力"})
    assert response.context["results"] == []


def test_it_requires_login(anonymous):
    assert anonymous.get("/plans/").status_code == 302


def test_a_term_inside_another_terms_explanation_does_not_break_the_markup():
    from planwatch.web.plans.views import _annotate

    class Note:
        def __init__(self, term, definition):
            self.term, self.definition = term, definition

    html = _annotate(
        "推进五个新城和长三角建设",
        [Note("五个新城", "包括长三角在内的新城"), Note("长三角", "长江三角洲")],
        [],
    )
    assert html == (
        '推进<abbr class="term" tabindex="0" title="包括长三角在内的新城">五个新城</abbr>和'
        '<abbr class="term" tabindex="0" title="长江三角洲">长三角</abbr>建设'
    )


def test_the_parsers_target_quote_is_marked_and_the_lead_phrase_bold():
    from planwatch.web.plans.views import _annotate

    class Quote:
        quote = "森林覆盖率达到19.5%"

    html = _annotate("植树造林。森林覆盖率达到19.5%。", [], [Quote()], title="植树造林。")
    assert (
        html
        == '<strong>植树造林。</strong><mark class="target" title="量化目标">森林覆盖率达到19.5%</mark>。'
    )
