"""The build fingerprint: a new build of the code, templates or static files never reads what an older one cached."""

from __future__ import annotations

import os

import pytest

from planwatch.web import build


def _package(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<td>预期性</td>", encoding="utf-8")
    (tmp_path / "views.py").write_text("x = 1\n", encoding="utf-8")
    return tmp_path


def test_the_fingerprint_follows_file_contents_and_version_not_modification_times(tmp_path):
    root = _package(tmp_path)
    first = build.fingerprint(root, "1.0")
    page = root / "templates" / "page.html"
    os.utime(page, (1, 1))
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"compiled")
    assert build.fingerprint(root, "1.0") == first  # a touched file or a compiled copy is the same build
    assert build.fingerprint(root, "1.1") != first
    page.write_text("<td>约束性</td>", encoding="utf-8")
    assert build.fingerprint(root, "1.0") != first


def test_a_renamed_file_is_another_build(tmp_path):
    root = _package(tmp_path)
    first = build.fingerprint(root, "1.0")
    (root / "views.py").rename(root / "forms.py")
    assert build.fingerprint(root, "1.0") != first


def test_the_installed_package_has_a_fingerprint():
    assert len(build.BUILD) == 16 and build.fingerprint() == build.BUILD


@pytest.fixture
def renders(monkeypatch):
    """Counts the page bodies rendered (not taken from the cache)."""
    from planwatch.web import pagecache

    calls = []
    original = pagecache.render_to_string

    def render(template, *args, **kwargs):
        calls.append(template)
        return original(template, *args, **kwargs)

    monkeypatch.setattr(pagecache, "render_to_string", render)
    return calls


def test_a_cached_page_is_not_served_to_a_new_build(plan, planner, renders, monkeypatch):
    planner.get("/")
    planner.get("/")
    assert len(renders) == 1
    monkeypatch.setattr(build, "BUILD", "0123456789abcdef")
    assert plan.title in planner.get("/").content.decode()
    assert len(renders) == 2


def test_a_stored_evaluation_is_computed_again_by_a_new_build(plan, monkeypatch):
    from planwatch.web.evaluations.cache import stored_evaluation

    calls = []

    def compute(plan, year):
        calls.append(year)
        return {"build": build.BUILD}

    assert stored_evaluation(plan, 2022, compute) == stored_evaluation(plan, 2022, compute)
    monkeypatch.setattr(build, "BUILD", "0123456789abcdef")
    assert stored_evaluation(plan, 2022, compute) == {"build": "0123456789abcdef"}
    assert calls == [2022, 2022]


def test_a_stored_report_is_not_reused_by_a_new_build(plan, monkeypatch):
    from planwatch.web.evaluations import report_jobs

    before = report_jobs.report_key(plan, 2022, "annual", "pdf").stamp
    assert report_jobs.report_key(plan, 2022, "annual", "pdf").stamp == before
    monkeypatch.setattr(build, "BUILD", "0123456789abcdef")
    assert report_jobs.report_key(plan, 2022, "annual", "pdf").stamp != before
