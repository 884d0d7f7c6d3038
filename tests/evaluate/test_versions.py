"""Plan versions by year: a field a new version changes is in force from its effective year, earlier years keep the
version before; a dropped indicator is evaluated before it is dropped, an added one from when it is added."""

import pytest

from planwatch.evaluate import Observation, Observations
from planwatch.evaluate.service import TargetChange, evaluate_version
from planwatch.evaluate.versions import ADDED, DROPPED, IndicatorRevision, in_force, revision_text
from planwatch.plan.model import Baseline, Part, TargetValue
from tests.evaluate.builders import indicator, plan

DROPPED_KEY = 100003  # where the web keeps a dropped indicator: its number moved out of the way

# Version 2 (in force from 2024), as stored: 1 became binding with a target of 20, 2 got a new base, 3 is new.
STORED = plan(
    indicator(
        1, "森林覆盖率", kind="share", target=19.5, attribute="binding", baseline=Baseline(18.5, 2020, None)
    ),
    indicator(2, "高新技术企业数", unit="家", target=3200, baseline=Baseline(1800, 2020, None)),
    indicator(3, "数字经济核心产业增加值占比", kind="share", target=15, baseline=Baseline(10, 2020, None)),
)
OLD_THREE = indicator(3, "旧街坊改造户数", unit="户", target=600, baseline=Baseline(100, 2020, None))
REVISIONS = [
    IndicatorRevision(
        1, 2, 2024, before={"attribute": "expected"}, after={"attribute": "binding"}, target=("19.5", "20")
    ),
    IndicatorRevision(
        2,
        2,
        2024,
        before={"baseline": Baseline(1755, 2020, None)},
        after={"baseline": Baseline(1800, 2020, None)},
    ),
    IndicatorRevision(3, 2, 2024, action=ADDED),
    IndicatorRevision(DROPPED_KEY, 2, 2024, action=DROPPED, indicator=OLD_THREE),
]
TARGET = TargetChange(1, 2024, TargetValue(20.0, None), "20", 2, plan_version=2)


def figures(*records):
    return Observations(Observation(indicator=k, year=y, value=v) for k, y, v in records)


OBSERVED = figures(
    (1, 2020, 18.5),
    (1, 2023, 19.1),
    (1, 2024, 19.3),
    (2, 2023, 1900),
    (2, 2024, 2000),
    (DROPPED_KEY, 2022, 300),
    (DROPPED_KEY, 2023, 350),
    (3, 2023, 11),
    (3, 2024, 12),
)


def test_before_the_new_version_the_old_one_is_in_force_with_its_numbers():
    found = in_force(STORED.indicators, REVISIONS, 2023)
    assert found.numbers == {1: 1, 2: 2, DROPPED_KEY: 3}
    assert [(i.number, i.name) for i in found.indicators][2] == (3, "旧街坊改造户数")
    assert found.indicators[0].attribute == "expected"
    assert found.indicators[1].baseline.value == 1755
    assert (found.version, found.since) == (1, None)
    assert [o.label for o in found.out_of_force] == ["自2024年起列入（第2版）"]


def test_from_its_effective_year_the_new_version_is_in_force():
    found = in_force(STORED.indicators, REVISIONS, 2024)
    assert found.numbers == {1: 1, 2: 2, 3: 3}
    assert (found.version, found.since) == (2, 2024)
    assert [(o.number, o.name, o.label) for o in found.out_of_force] == [
        (3, "旧街坊改造户数", "自2024年起不再列入（第2版）")
    ]
    assert found.notes[1] == "第2版自2024年起：属性 预期性→约束性；目标 19.5 → 20"
    assert found.notes[2] == "第2版自2024年起：基期 1755（2020年）→1800（2020年）"
    assert found.notes[3] == "第2版自2024年起新增列入"


def test_earlier_years_are_evaluated_with_what_was_in_force_then():
    done = evaluate_version(STORED, OBSERVED, 2023, changes=[TARGET], revisions=REVISIONS)
    by_number = {r.number: r for r in done.evaluation.indicators}
    assert (by_number[1].attribute, by_number[1].target_value) == ("expected", 19.5)
    # 高企数 against the old base: π = (1900 − 1755)/(3200 − 1755) = 10.0%
    assert by_number[2].progress == pytest.approx(145 / 1445)
    assert by_number[3].name == "旧街坊改造户数"
    assert by_number[3].current.value == 350  # the dropped indicator's own figures, under its number then


def test_later_years_use_the_new_version():
    done = evaluate_version(STORED, OBSERVED, 2024, changes=[TARGET], revisions=REVISIONS)
    by_number = {r.number: r for r in done.evaluation.indicators}
    assert (by_number[1].attribute, by_number[1].target_value) == ("binding", 20.0)
    assert by_number[1].target_version == "第2版（2024年起执行规划第2版）"
    # 高企数 against the new base: π = (2000 − 1800)/(3200 − 1800)
    assert by_number[2].progress == pytest.approx(200 / 1400)
    assert by_number[3].name == "数字经济核心产业增加值占比"
    assert by_number[3].current.value == 12
    assert len(done.evaluation.indicators) == 3


def test_a_renumbered_indicator_keeps_its_figures_in_both_versions():
    stored = plan(indicator(1, "甲", target=10), indicator(2, "丙", target=30))
    revisions = [
        IndicatorRevision(2, 2, 2024, before={"number": 3}, after={"number": 2}),
        IndicatorRevision(100002, 2, 2024, action=DROPPED, indicator=indicator(2, "乙", target=20)),
    ]
    observed = figures((2, 2023, 25.0), (100002, 2023, 15.0))
    done = evaluate_version(stored, observed, 2023, revisions=revisions)
    assert [(r.number, r.name, r.current.value) for r in done.evaluation.indicators[1:]] == [
        (2, "乙", 15.0),
        (3, "丙", 25.0),
    ]
    later = evaluate_version(stored, observed, 2024, revisions=revisions)
    assert [(r.number, r.name) for r in later.evaluation.indicators] == [(1, "甲"), (2, "丙")]


def test_kind_parts_and_target_year_are_taken_back_for_earlier_years():
    parts = [Part("上市", 70, ">="), Part("挂牌", 500, ">=")]
    stored = plan(indicator(1, "上市挂牌企业数", unit="家", kind="compound", parts=parts, target_year=2024))
    revision = IndicatorRevision(
        1,
        3,
        2023,
        before={"kind": "level", "parts": [], "target_year": 2025},
        after={"kind": "compound", "parts": parts, "target_year": 2024},
    )
    old = in_force(stored.indicators, [revision], 2022, first_version=2).indicators[0]
    new = in_force(stored.indicators, [revision], 2023, first_version=2).indicators[0]
    assert (old.kind, old.parts, old.target_year) == ("level", [], 2025)
    assert (new.kind, len(new.parts), new.target_year) == ("compound", 2, 2024)
    assert "类型 水平值→复合目标；目标年 2025年→2024年" in revision_text(revision)


def test_a_revision_refuses_fields_it_does_not_version():
    with pytest.raises(ValueError, match="not versioned"):
        IndicatorRevision(1, 2, 2024, before={"line": 3})


def test_a_changed_direction_is_worded_as_the_glossary_words_it():
    from planwatch.vocabulary import DIRECTION_ZH

    revision = IndicatorRevision(2, 2, 2024, before={"direction": "up"}, after={"direction": "down"})
    assert revision_text(revision) == f"第2版自2024年起：方向 {DIRECTION_ZH['up']}→{DIRECTION_ZH['down']}"


def test_a_line_naming_the_version_in_force_gets_the_change_without_the_version_again():
    found = in_force(STORED.indicators, REVISIONS, 2025)
    assert found.brief[1] == "属性 预期性→约束性；目标 19.5 → 20"
    assert found.brief[3] == "新增列入"
    assert found.notes[1].startswith("第2版自2024年起：")


def test_the_expected_path_follows_the_target_in_force_each_year():
    from planwatch.evaluate.service import evaluation_view

    done = evaluate_version(STORED, OBSERVED, 2025, changes=[TARGET], revisions=REVISIONS)
    assert done.targets_by_year[1] == {2020: 19.5, 2021: 19.5, 2022: 19.5, 2023: 19.5, 2024: 20.0, 2025: 20.0}
    view = evaluation_view(
        done.plan, done.evaluation, done.observations, targets_by_year=done.targets_by_year
    )
    chart = next(row["chart"] for row in view["indicators"] if row["number"] == 1)
    expected = dict(chart["expected"])
    # to 2023 on version 1's path 18.5 → 19.5: 18.5 + 1.0 × 3/5 = 19.1; from 2024 on 18.5 → 20: 18.5 + 1.5 × 4/5
    assert expected["2023"] == pytest.approx(19.1)
    assert expected["2024"] == pytest.approx(19.7)
    assert expected["2025"] == pytest.approx(20.0)
    unchanged = next(row["chart"] for row in view["indicators"] if row["number"] == 2)
    assert dict(unchanged["expected"])["2025"] == pytest.approx(3200)


def test_the_report_names_what_the_version_in_force_dropped_and_added():
    from planwatch.evaluate.versions import listing_sentence

    assert listing_sentence(in_force(STORED.indicators, REVISIONS, 2024)) == (
        "规划第2版自2024年起不再列入“旧街坊改造户数”1项，新增列入“数字经济核心产业增加值占比”1项主要指标。"
    )
    assert listing_sentence(in_force(STORED.indicators, REVISIONS, 2023)) == ""
