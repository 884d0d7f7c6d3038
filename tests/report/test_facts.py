from planwatch.report.facts import indicator_facts, number, table_order


def test_numbers_drop_trailing_zeros_and_keep_small_values():
    assert [number(v) for v in (1637.110, 19.5, 3200.0, 0.024, -0.0, None)] == [
        "1637.11",
        "19.5",
        "3200",
        "0.024",
        "0",
        "—",
    ]


def test_a_level_row_shows_completion_and_marks_the_illustrative_value(midterm_evaluation):
    fact = indicator_facts(midterm_evaluation.indicators[7], 2023)  # 8 有效期内高新技术企业数
    # (3300 − 1755) / (3200 − 1755) = 1545 / 1445 = 106.9 %, printed whole from 100 % up; every cell computed
    # from the illustrative 3300 carries ※, the verdict too
    assert (fact.baseline, fact.target, fact.current, fact.progress, fact.verdict_text) == (
        "1755",
        "3200",
        "3300※",
        "107%※",
        "提前实现※",
    )
    assert fact.illustrative


def test_a_growth_row_shows_the_average_growth(midterm_evaluation):
    fact = indicator_facts(midterm_evaluation.indicators[0], 2023)
    # (1.081 × 1.015 × 1.042)^(1/3) − 1 = 4.57 %
    assert fact.progress == "年均4.6%※"


def test_a_small_span_shows_reached_or_the_gap_in_the_unit_not_a_percentage(midterm_evaluation):
    from dataclasses import replace

    from planwatch.evaluate.results import Figure
    from planwatch.report.facts import small_span

    # 20 户籍人口居民平均预期寿命: 84.05 → 84.07 岁, a span of two units of the last digit (METHODOLOGY §3)
    base = replace(
        midterm_evaluation.indicators[19],
        baseline=Figure(84.05, 2020),
        target_value=84.07,
        illustrative=False,
    )
    shown = {}
    for value in (84.8, 84.06, 84.0):
        result = replace(base, current=Figure(value, 2023), progress=(value - 84.05) / 0.02)
        shown[value] = indicator_facts(result, 2023).progress
    assert shown == {84.8: "已达目标", 84.06: "尚未达到（差0.01岁）", 84.0: "低于基期"}
    # 29 → 33 % with 31.7 reported: the last digit is 0.1, a span of 40 units is not small
    assert not small_span(29.0, 33.0, 31.7) and small_span(84.05, 84.07)


def test_binding_indicators_not_achieved_come_first(final_evaluation):
    facts = [indicator_facts(r, 2025) for r in final_evaluation.indicators]
    assert [f.number for f in table_order(facts)][:3] == [13, 1, 2]


def test_an_override_replaces_the_verdict_and_keeps_its_reason(midterm_evaluation):
    from planwatch.evaluate import Override

    changed = midterm_evaluation.with_override(1, Override("on_track", "GDP核算口径调整"))
    fact = indicator_facts(changed.indicators[0], 2023)
    assert (fact.status, fact.overridden, fact.override_reason) == ("on_track", True, "GDP核算口径调整")


def test_the_json_form_of_an_evaluation_is_accepted(midterm_evaluation):
    from planwatch.evaluate import evaluation_to_json
    from planwatch.report.facts import evaluation_results

    results, year, tau, base, target = evaluation_results(evaluation_to_json(midterm_evaluation))
    facts = [indicator_facts(r, year) for r in results]
    assert (year, len(facts), facts[12].status_zh) == (2023, 21, "滞后于预期")


def test_an_adjusted_target_is_marked_in_the_table(midterm_evaluation):
    from dataclasses import replace

    from planwatch.report.tables import indicator_table

    result = replace(midterm_evaluation.indicators[15], target_version="2023年中期调整")
    table = indicator_table([indicator_facts(result, 2023)], 2020, 2023, False)
    assert table.rows[0][5] == "19.5（调整）" and "（2023年中期调整）" in table.note
