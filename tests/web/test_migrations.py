"""Model choices come from planwatch.vocabulary through callables: the migrations match the models, and editing a
label in the vocabulary needs no new migration."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from planwatch import vocabulary


def _makemigrations_check() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit:
        return int(exit.code or 0), out.getvalue()
    return 0, out.getvalue()


@pytest.mark.django_db
def test_the_migrations_match_the_models():
    code, output = _makemigrations_check()
    assert code == 0, output


@pytest.mark.django_db
def test_a_label_edited_in_the_vocabulary_needs_no_migration(monkeypatch):
    monkeypatch.setitem(vocabulary.KIND_ZH, "per_year_bound", "逐年约束（改名）")
    monkeypatch.setitem(vocabulary.MEASURE_ZH, "level", "水平值（改名）")
    code, output = _makemigrations_check()
    assert code == 0, output


@pytest.mark.django_db
def test_the_web_shows_the_vocabularys_labels():
    from planwatch.web.monitoring.models import Observation
    from planwatch.web.plans.models import Indicator

    assert Indicator._meta.get_field("kind").choices == list(vocabulary.KIND_ZH.items())
    assert dict(Indicator._meta.get_field("kind").choices)["per_year_bound"] == "逐年约束"
    assert Observation._meta.get_field("measure").verbose_name == "计量方式"
