"""年度目标、全年完成、同比 of the annual report and the period figures of the final report, on sample.py's data."""

from planwatch.report.facts import indicator_facts
from planwatch.report.year_figures import percent_change, period_statements, year_rows


def _facts(evaluation):
    return [indicator_facts(result, evaluation.year) for result in evaluation.indicators]


def test_the_year_rows_state_the_result_and_the_change_on_the_year(midterm_evaluation, sample_obs):
    rows = {r.number: r for r in year_rows(_facts(midterm_evaluation), sample_obs, 2023)}
    # 8: 3300 家 in 2023 after 2900 in 2022: 3300 / 2900 − 1 = 13.8 %
    assert (rows[8].result, rows[8].change) == (
        "3300家※",
        "增长13.8%※",
    )  # computed from illustrative values: marked
    # 16: 19.2 % after the revised 19.12 %: a difference of percentages, in points
    assert (rows[16].result, rows[16].change) == ("19.2%※", "提高0.1个百分点※")
    # 1: only the growth rate is observed (4.2 % in 2023)
    assert rows[1].result == "增长4.2%※" and rows[1].target == "—"
    # 14 and 18 wait for allocations, 20 has no data: no row
    assert not {14, 18, 20} & set(rows)


def test_a_change_of_a_share_is_in_points_and_of_an_amount_in_percent():
    assert percent_change("%", 52.0, 53.2) == "提高1.2个百分点"
    assert percent_change("%", 19.5, 19.48) == "持平"
    assert percent_change("亿元", 2000.0, 1900.0) == "下降5.0%"


def test_the_final_report_sums_an_amount_target_over_the_period(final_evaluation, sample_obs):
    statements = period_statements(_facts(final_evaluation), sample_obs, 2020, 2025)
    # 19 旧街坊改造面积: 70 + 80 + 75 + 60 + 50 = 335 万平方米 against 〔300〕
    assert any(s.startswith("“旧街坊改造面积”规划期累计完成335※万平方米") for s in statements)
