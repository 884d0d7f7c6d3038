"""The text facts of the whole plan, read once and linked to the indicators."""

from planwatch.extract.facts import add_text_facts, read_text_facts
from planwatch.extract.targets import Target


def test_whole_plan_facts_are_read_once_with_the_plan_period(plan_document):
    targets, baselines = read_text_facts(plan_document)
    assert all(isinstance(t, Target) for t in targets)
    assert {t.year for t in targets if t.year} == {2021, 2022, 2025}
    assert {b.year for b in baselines if b.year} == {2015, 2018, 2019, 2020}


def test_plan_gets_targets_baselines_and_indicator_baselines(plan_document):
    from planwatch.extract.enrich import enrich_plan
    from planwatch.plan.structure import build_plan

    plan = build_plan(plan_document)
    enrich_plan(plan, plan_document)
    for indicator in plan.indicators:
        indicator.baseline = None
    add_text_facts(plan, plan_document)
    forest = next(i for i in plan.indicators if i.name == "森林覆盖率")
    assert (forest.baseline.value, forest.baseline.line, forest.baseline.quote) == (
        18.5,
        43,
        "森林覆盖率达到18.5%",
    )
    assert any(t.quote == "森林覆盖率达19.5%" and t.line == 478 for t in plan.targets)
    assert any(b.quote == "人均期望寿命达到84.05岁" and b.line == 35 for b in plan.baselines)
