from tests.evaluate.builders import evaluate, indicator, plan, rows


def unemployed_plan():
    return plan(
        indicator(
            1,
            "户籍城乡劳动者登记失业人数",
            unit="人",
            kind="allocation",
            target=None,
            comparator="<=",
            target_text="控制在市下达指标数内",
            attribute="binding",
        )
    )


def energy_plan():
    return plan(
        indicator(
            1,
            "单位地区生产总值能耗降低",
            kind="allocation",
            target=None,
            comparator=">=",
            target_text="完成市级要求",
            attribute="binding",
        )
    )


def test_without_an_entered_allocation_the_verdict_is_needs_input_never_a_guess():
    the_plan = energy_plan()
    result = evaluate(the_plan, rows(the_plan, (1, 2021, 3.2, "reduction_rate")), 2022)
    assert result.status == "needs_input"
    assert result.status_zh == "待录入下达指标"
    assert result.warning is None
    assert "尚未录入下达指标" in result.explanation
    assert "2021年降低3.2%" in result.explanation


def test_each_year_is_compared_with_its_latest_allocation_and_revisions_are_kept():
    the_plan = unemployed_plan()
    observations = rows(
        the_plan,
        (1, 2021, 8420),
        (1, 2022, 8960),
        (1, 2021, 9000, "allocation", "", "人", "市人社局", "", "2021-02-01"),
        (1, 2022, 8800, "allocation", "", "人", "市人社局", "", "2022-02-01"),
        (1, 2022, 9000, "allocation", "", "人", "市人社局", "年中调整", "2022-07-15"),
    )
    result = evaluate(the_plan, observations, 2022)
    # 8420 ≤ 9000; 8960 ≤ 9000 (the revised allocation; the first, 8800, would have been missed)
    assert result.status == "on_track"
    assert [(a.year, a.value, a.revisions, a.met) for a in result.allocations] == [
        (2021, 9000, (), True),
        (2022, 9000, (8800,), True),
    ]
    assert "2022年目标8800人（后调整为9000人），实际8960人，完成" in result.explanation


def test_a_year_above_its_allocation_is_lagging_and_binding_red():
    the_plan = unemployed_plan()
    observations = rows(the_plan, (1, 2021, 9100), (1, 2021, 9000, "allocation"))
    result = evaluate(the_plan, observations, 2021)
    assert (result.status, result.warning) == ("lagging", "red")


def test_an_observed_year_without_its_allocation_needs_input():
    the_plan = unemployed_plan()
    observations = rows(the_plan, (1, 2021, 8420), (1, 2022, 8900), (1, 2021, 9000, "allocation"))
    result = evaluate(the_plan, observations, 2022)
    assert result.status == "needs_input"
    assert "2022年下达指标待录入" in result.explanation


def test_final_allocation_met_every_year_is_achieved():
    the_plan = energy_plan()
    observations = rows(
        the_plan,
        *[(1, y, 3.0, "reduction_rate") for y in range(2021, 2026)],
        *[(1, y, 2.8, "allocation") for y in range(2021, 2026)],
    )
    assert evaluate(the_plan, observations, 2025).status == "achieved"


def test_annual_plan_targets_are_shown_beside_a_five_year_growth_target():
    the_plan = plan(indicator(1, "地区生产总值年均增长率", kind="annual_growth_rate", target=6.5))
    observations = rows(
        the_plan,
        (1, 2021, 8.0, "growth_rate"),
        (1, 2022, -1.5, "growth_rate"),
        (1, 2022, 7.0, "allocation", "", "%", "年度计划", "", "2022-01-10"),
        (1, 2022, 1.6, "allocation", "", "%", "年度计划", "年中调整", "2022-08-30"),
    )
    result = evaluate(the_plan, observations, 2022)
    assert [(a.year, a.value, a.revisions, a.met) for a in result.allocations] == [(2022, 1.6, (7.0,), False)]
    assert "年度计划：2022年目标7%（后调整为1.6%），实际-1.5%，未完成。" in result.explanation
