"""The system serves its own favicon: every page names it, and the static file is there."""

from django.contrib.staticfiles import finders


def test_every_page_names_the_systems_favicon(anonymous):
    page = anonymous.get("/public/").content.decode()
    assert '<link rel="icon" href="/static/planwatch/favicon.svg" type="image/svg+xml">' in page


def test_the_favicon_is_a_static_file_of_the_system():
    path = finders.find("planwatch/favicon.svg")
    assert path is not None
    with open(path, encoding="utf-8") as svg:
        assert svg.read().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
