"""年度目标、全年完成、同比 of the annual report and the period figures of the final report, on sample.py's data."""

from types import SimpleNamespace

from planwatch.report.facts import IndicatorFacts, indicator_facts
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


class _Levels:
    """Observations with GDP levels only (亿元), as `series(number, measure, series)` gives them."""

    def __init__(self, levels: dict[int, float]):
        self.levels = {
            y: SimpleNamespace(value=v, unit="亿元", illustrative=False) for y, v in levels.items()
        }

    def series(self, number, measure, series=None):
        return dict(self.levels) if measure == "level" else {}


def _gdp() -> IndicatorFacts:
    return IndicatorFacts(
        number=1, name="地区生产总值年均增长率", unit="%", attribute="expected", kind="annual_growth_rate",
        status="achieved", warning=None, baseline="4", target="6.5", current="—", progress="—",
        explanation="", illustrative=False, target_value=6.5,
    )  # fmt: skip


def test_the_gdp_level_of_the_final_year_is_used_when_it_is_published():
    # 1000 亿元 in 2020 growing 6.5 % a year: 1000 × 1.065^5 = 1370.09 in 2025
    statements = period_statements([_gdp()], _Levels({2020: 1000, 2024: 1290, 2025: 1375}), 2020, 2025)
    assert statements == [
        "按年均增长6.5%的目标，“地区生产总值”2025年应达到约1370.09亿元；2025年实际为1375亿元。"
    ]


def test_without_the_final_year_level_the_sentence_says_which_year_it_used_and_compares_like_with_like():
    # the 2025 level is not published: 2024's 1290 against the target's 1000 × 1.065^4 = 1286.47
    statements = period_statements([_gdp()], _Levels({2020: 1000, 2021: 1070, 2024: 1290}), 2020, 2025)
    assert statements == [
        "按年均增长6.5%的目标，“地区生产总值”2025年应达到约1370.09亿元；2025年总量尚未公布，"
        "最近公布的2024年为1290亿元（按目标测算2024年应为约1286.47亿元）。"
    ]
