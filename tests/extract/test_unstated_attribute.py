"""An indicator's attribute is read only from the plan: an empty 属性 cell, or no 属性 column, is 未标明."""

from __future__ import annotations

import json

from planwatch.document.model import Paragraph
from planwatch.document.model import Table as DocumentTable
from planwatch.evaluate import evaluate_plan
from planwatch.evaluate.serialize import indicator_to_json
from planwatch.evaluate.table import overview
from planwatch.extract.indicators import extract_indicators
from planwatch.plan.model import Plan
from planwatch.plan.tables import build_table
from planwatch.reading import plan_to_json
from planwatch.report.facts import indicator_facts
from planwatch.report.summary import binding_sentence
from planwatch.report.tables import indicator_table
from planwatch.vocabulary import attribute_json, attribute_label, attribute_stated
from tests.evaluate.builders import evaluate, indicator, plan, rows


def _plan(rows_: list[list[str]]) -> Plan:
    cells = [[Paragraph(text, 10 + i) for text in row] for i, row in enumerate(rows_)]
    table = build_table(DocumentTable(rows=cells, line=10), "主要指标", 1)
    return Plan("测试规划", 2021, 2025, tables=[table])


def test_an_empty_attribute_cell_is_unstated_and_named_in_a_warning_a_stated_one_is_kept():
    read = _plan(
        [
            ["序号", "指标", "单位", "2025年目标", "属性"],
            ["1", "地区生产总值增长", "%", "6", "预期性"],
            ["2", "单位GDP能耗降低", "%", "〔14〕", ""],
            ["3", "森林覆盖率", "%", "20", "约束性"],
        ]
    )
    found = extract_indicators(read)
    assert [(i.name, i.attribute) for i in found] == [
        ("地区生产总值增长", "expected"),
        ("单位GDP能耗降低", "unstated"),
        ("森林覆盖率", "binding"),
    ]
    assert read.warnings == [
        "第12行：指标“单位GDP能耗降低”未标明属性（预期性/约束性），请在指标核对页按纲要确认"
    ]


def test_a_table_without_an_attribute_column_states_no_attribute_for_any_row():
    read = _plan(
        [["指标", "2020年", "2025年"], ["常住人口（万人）", "190", "200"], ["森林覆盖率（%）", "18", "20"]]
    )
    found = extract_indicators(read)
    assert [i.attribute for i in found] == ["unstated", "unstated"]
    # one warning for the table, not the same line for every row
    assert [w for w in read.warnings if "未标明属性" in w] == [
        "第10行：主要指标表未标明属性（预期性/约束性），2项指标均请在指标核对页按纲要确认"
    ]


def test_parse_json_keeps_the_interfaces_attribute_and_adds_that_the_plan_does_not_state_it():
    read = _plan(
        [["指标", "2025年目标", "属性"], ["森林覆盖率（%）", "20", ""], ["人均寿命（岁）", "84", "预期性"]]
    )
    read.indicators = extract_indicators(read)
    data = json.loads(json.dumps(plan_to_json(read)))
    # INTERFACES.md fixes "attribute" to "expected"|"binding" (what evaluation applies); the additions say more
    assert [(i["attribute"], i["attribute_stated"], i["attribute_zh"]) for i in data["indicators"]] == [
        ("expected", False, "未标明"),
        ("expected", True, "预期性"),
    ]


def test_the_vocabulary_never_labels_an_unknown_attribute_expected():
    assert [attribute_label(a) for a in ("expected", "binding", "unstated", None)] == [
        "预期性",
        "约束性",
        "未标明",
        "未标明",
    ]
    # the fixed interface keeps its two values; whether the plan stated it is the added attribute_stated
    assert [attribute_json(a) for a in ("expected", "binding", "unstated")] == [
        "expected",
        "binding",
        "expected",
    ]
    assert [attribute_stated(a) for a in ("expected", "binding", "unstated", None)] == [
        True,
        True,
        False,
        False,
    ]


def _path(number: int) -> list[tuple]:
    return [(number, year, value) for year, value in ((2020, 50), (2021, 51), (2022, 53.5), (2023, 54))]


def test_an_unstated_indicator_lagging_is_yellow_not_red_and_printed_unstated():
    # level 50 → 60 over 2021–2025; 2023: τ = 3/5 = 0.6, observed 54 → π = 4/10 = 0.4 < 0.6 − 0.1, lagging;
    # the 3 a year still needed is not above 1.5 × the best year (2.5). Binding: red; unknown, not binding: yellow.
    unknown = indicator(number=1, name="森林覆盖率", target=60, attribute="unstated")
    binding = indicator(number=2, name="耕地保有量", target=60, attribute="binding")
    the_plan = plan(unknown, binding)
    observed = rows(the_plan, *_path(1), *_path(2))
    first, second = evaluate(the_plan, observed, 2023, 1), evaluate(the_plan, observed, 2023, 2)
    assert (first.status, first.warning, second.warning) == ("lagging", "yellow", "red")
    row = indicator_to_json(first)
    assert (row["attribute"], row["attribute_stated"], row["attribute_zh"]) == ("expected", False, "未标明")


def test_report_table_and_counts_print_unstated_never_expected():
    unknown = indicator(number=1, name="森林覆盖率", target=60, attribute="unstated")
    binding = indicator(number=2, name="耕地保有量", target=60, attribute="binding")
    the_plan = plan(unknown, binding)
    observed = rows(the_plan, *_path(1), *_path(2))
    results = [evaluate(the_plan, observed, 2023, n) for n in (1, 2)]
    for source in (results[0], indicator_to_json(results[0])):  # the result or its JSON form
        assert indicator_facts(source, 2023).attribute_zh == "未标明"
    facts = [indicator_facts(r, 2023) for r in results]
    table = indicator_table(facts, 2020, 2023, illustrative=False)
    assert [row[3] for row in table.rows] == ["未标明", "约束性"]
    sentence = binding_sentence(facts, final=False)
    assert sentence.endswith("“森林覆盖率”的属性纲要未标明，未计入约束性指标。")
    assert sentence.startswith("1项约束性指标中，")


def test_the_cli_overview_counts_unstated_indicators_apart_from_binding_ones():
    unknown = indicator(number=1, name="森林覆盖率", target=60, attribute="unstated")
    binding = indicator(number=2, name="耕地保有量", target=60, attribute="binding")
    the_plan = plan(unknown, binding)
    observed = rows(the_plan, *_path(1), *_path(2))
    evaluation = evaluate_plan(the_plan, observed, 2023)
    assert overview(evaluation).endswith(
        "其中约束性指标1项：1项滞后于预期。另有1项指标属性未标明，未计入约束性指标。"
    )
