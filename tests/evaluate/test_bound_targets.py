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


def test_a_missed_year_is_lagging_and_named():
    the_plan = unemployment_plan(attribute="binding")
    result = evaluate(the_plan, rows(the_plan, (1, 2021, 5.1), (1, 2022, 5.6)), 2022)
    assert result.status == "lagging"
    assert result.warning == "red"
    assert "2022年未达标" in result.explanation
    assert [c.met for c in result.checks] == [True, False]


def test_final_bound_needs_every_year_met():
    the_plan = unemployment_plan()
    all_met = rows(the_plan, *[(1, y, 5.2) for y in range(2021, 2026)])
    assert evaluate(the_plan, all_met, 2025).status == "achieved"
    one_missed = rows(the_plan, *[(1, y, 5.6 if y == 2023 else 5.2) for y in range(2021, 2026)])
    assert evaluate(the_plan, one_missed, 2025).status == "not_achieved"


def test_final_bound_with_a_year_missing_is_no_data():
    the_plan = unemployment_plan()
    result = evaluate(the_plan, rows(the_plan, *[(1, y, 5.2) for y in (2021, 2022, 2024, 2025)]), 2025)
    assert result.status == "no_data"
    assert "缺少2023年数据" in result.explanation


def test_lower_bound_each_year():
    the_plan = plan(indicator(1, "粮食综合生产能力", unit="亿吨", kind="per_year_bound", target=6.5))
    result = evaluate(the_plan, rows(the_plan, (1, 2021, 6.83), (1, 2022, 6.87)), 2022)
    assert result.status == "on_track"
