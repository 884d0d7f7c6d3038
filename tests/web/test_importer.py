from planwatch.web.demo import DEMO_PLAN, seed_demo
from planwatch.web.plans.importer import import_plan_file
from planwatch.web.plans.models import Plan
from tests.web.conftest import indicator


def test_it_stores_the_source_file_with_its_hash(plan):
    import hashlib

    assert plan.source_hash == hashlib.sha256(DEMO_PLAN.read_bytes()).hexdigest()
    assert plan.period_start == 2021 and plan.period_end == 2025
    assert plan.indicators.count() == 21
    assert plan.footnotes.count() == 29
    assert plan.chapters.count() == 12


def test_a_reparse_keeps_the_planning_offices_corrections(plan):
    gdp = indicator(1)
    gdp.kind = "level"
    gdp.corrected = ["kind"]
    gdp.target_text = "被覆盖的原文"  # not corrected: the parse wins
    gdp.save()
    import_plan_file(DEMO_PLAN)
    gdp.refresh_from_db()
    assert gdp.kind == "level"
    assert gdp.target_text == "6.5"
    assert Plan.objects.count() == 2  # Songjiang and the national plan, none added


def test_running_the_demo_seed_again_reuses_the_database(plan):
    observations = plan.indicators.first().observations.count()
    result = seed_demo()
    assert result["fresh"] is False
    assert Plan.objects.count() == 2  # Songjiang and the national plan, none added
    assert plan.indicators.first().observations.count() == observations
