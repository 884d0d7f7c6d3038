from tests.evaluate.builders import evaluate, indicator, plan, rows


def unemployment_plan(attribute="expected"):
    return plan(
        indicator(
            1,
            "城镇调查失业率",
            kind="per_year_bound",
            target=5.5,
            comparator="<=",
            target_text="<5.5",
            attribute=attribute,
        )
    )


def test_bound_held_every_year_is_on_track_never_achieved_early():
    the_plan = unemployment_plan()
    result = evaluate(the_plan, rows(the_plan, (1, 2021, 5.1), (1, 2022, 5.4)), 2022)
    assert result.status == "on_track"
    assert result.warning == "green"
    assert result.progress == 1.0


def test_a_missed_year_is_named_and_the_verdict_is_judged_on_the_mean():
    the_plan = unemployment_plan(attribute="binding")
    result = evaluate(the_plan, rows(the_plan, (1, 2021, 5.1), (1, 2022, 5.6)), 2022)
    # mean (5.1 + 5.6)/2 = 5.35 ≤ 5.5 → on track (METHODOLOGY §2.5), shown rounded half up to 5.4%; 2022 named;
    # binding → the warning is red
    assert result.status == "on_track"
    assert result.warning == "red"
    assert "2022年未达标" in result.explanation
    assert "2021–2022年均值5.4%，按期内均值评价" in result.explanation
    assert [c.met for c in result.checks] == [True, False]


def test_a_mean_above_the_bound_is_lagging():
    the_plan = unemployment_plan()
    result = evaluate(the_plan, rows(the_plan, (1, 2021, 5.4), (1, 2022, 5.8)), 2022)
    # mean 5.6 > 5.5 → lagging; expected indicator → yellow
    assert (result.status, result.warning) == ("lagging", "yellow")


def test_final_bound_is_judged_on_the_period_mean_with_every_missed_year_named():
    the_plan = unemployment_plan()
    all_met = rows(the_plan, *[(1, y, 5.2) for y in range(2021, 2026)])
    assert evaluate(the_plan, all_met, 2025).status == "achieved"
    # officials: 失业率 <5.5 is met by a mean of 5.3 even with one year at 5.6
    one_missed = rows(
        the_plan, *[(1, y, v) for y, v in zip(range(2021, 2026), (5.1, 5.2, 5.6, 5.3, 5.3), strict=True)]
    )
    result = evaluate(the_plan, one_missed, 2025)
    # mean (5.1 + 5.2 + 5.6 + 5.3 + 5.3)/5 = 26.5/5 = 5.3 ≤ 5.5 → achieved, 2023 named, warning yellow
    assert (result.status, result.warning) == ("achieved", "yellow")
    assert "2023年未达标" in result.explanation
    # mean 5.9: 0.4 above, within twice the growth tolerance (1.0 pp) → nearly achieved; 6.7 → not achieved
    nearly = rows(the_plan, *[(1, y, 5.9) for y in range(2021, 2026)])
    assert evaluate(the_plan, nearly, 2025).status == "nearly_achieved"
    missed = rows(the_plan, *[(1, y, 6.7) for y in range(2021, 2026)])
    assert evaluate(the_plan, missed, 2025).status == "not_achieved"


def test_final_bound_with_a_year_missing_names_it_and_uses_the_years_there_are():
    the_plan = unemployment_plan()
    result = evaluate(the_plan, rows(the_plan, *[(1, y, 5.2) for y in (2021, 2022, 2024, 2025)]), 2025)
    assert result.status == "achieved"
    assert "2023年无数据" in result.explanation


def test_final_bound_without_the_target_years_figure_is_provisional():
    the_plan = unemployment_plan()
    result = evaluate(the_plan, rows(the_plan, *[(1, y, 5.2) for y in range(2021, 2025)]), 2025)
    # 2025 not yet published: judged on 2021–2024 (mean 5.2), 待终值确认, warning green → yellow
    assert (result.status, result.provisional, result.data_year) == ("achieved", True, 2024)
    assert "待终值确认" in result.explanation


def test_lower_bound_each_year():
    the_plan = plan(indicator(1, "粮食综合生产能力", unit="亿吨", kind="per_year_bound", target=6.5))
    result = evaluate(the_plan, rows(the_plan, (1, 2021, 6.83), (1, 2022, 6.87)), 2022)
    assert result.status == "on_track"


def test_final_bound_not_met_without_the_target_years_figure_is_no_data():
    the_plan = unemployment_plan()
    result = evaluate(the_plan, rows(the_plan, *[(1, y, 5.8) for y in range(2021, 2025)]), 2025)
    # mean 5.8 > 5.5 on 2021–2024 and 2025 not published: an unmet target waits for the final figure (§4)
    assert result.status == "no_data"
    assert "缺少2025年监测值" in result.explanation
