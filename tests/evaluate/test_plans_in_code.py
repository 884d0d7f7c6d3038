"""Whole plans evaluated against classes worked out by hand (issue 10): a national-style plan as of the mid-term
year and at its end, and a municipal plan of the two-row-header table. The plans are built in code, as the
reader would give them (the kind the parser proposes, `*` bases, 〔〕, comparator cells, `>7、力争…`)."""

import pytest

from planwatch.evaluate import evaluate_plan, expected_path
from planwatch.plan.model import Baseline, Part
from tests.evaluate.builders import indicator, plan, rows

GROWTH = "growth_rate"


def national_plan():
    return plan(
        indicator(
            1,
            "国内生产总值增长",
            kind="allocation",
            target=None,
            target_text="保持在合理区间、各年度视情提出",
            baseline=Baseline(2.3, 2020, 10),
        ),
        indicator(
            2,
            "全员劳动生产率增长",
            kind="relative",
            target=None,
            comparator=None,
            target_text="高于GDP增长",
            reference=1,
        ),
        indicator(3, "常住人口城镇化率", kind="share", target=65, baseline=Baseline(60.6, 2019, 12)),
        indicator(
            4,
            "全社会研发经费投入增长",
            kind="annual_growth_rate",
            target=None,
            comparator=None,
            target_text=">7、力争投入强度高于“十三五”时期实际",
        ),
        indicator(
            5,
            "单位GDP能源消耗降低",
            kind="cumulative",
            target=13.5,
            target_text="〔13.5〕",
            attribute="binding",
        ),
        indicator(
            6,
            "城镇调查失业率",
            kind="per_year_bound",
            target=5.5,
            comparator="<=",
            target_text="<5.5",
            baseline=Baseline(5.2, 2020, 15),
        ),
        indicator(
            7,
            "人均预期寿命",
            unit="岁",
            kind="cumulative",
            target=1,
            target_text="〔1〕",
            baseline=Baseline(77.3, 2019, 16),
        ),
        indicator(
            8,
            "粮食综合生产能力",
            unit="亿吨",
            kind="per_year_bound",
            target=6.5,
            target_text=">6.5",
            attribute="binding",
            baseline=Baseline(6.69, 2020, 17),
        ),
        indicator(
            9, "数字经济核心产业增加值占GDP比重", kind="share", target=10, baseline=Baseline(7.8, 2020, 18)
        ),
        # the reader had no baseline for this row: `>85` stays a bound until the 2020 row arrives
        indicator(
            10,
            "地表水达到或好于Ⅲ类水体比例",
            kind="per_year_bound",
            target=85,
            target_text=">85",
            attribute="binding",
        ),
        indicator(
            11, "每千人口拥有3岁以下婴幼儿托位数", unit="个", target=4.5, baseline=Baseline(1.8, 2020, 19)
        ),
        title="国民经济和社会发展第十四个五年规划（示例）",
    )


def national_midterm_rows(the_plan):
    return rows(
        the_plan,
        (1, 2021, 8.4, GROWTH), (1, 2022, 3.0, GROWTH), (1, 2023, 5.2, GROWTH),
        (1, 2021, 6.0, "allocation"), (1, 2022, 5.5, "allocation"), (1, 2023, 5.0, "allocation"),
        (2, 2021, 8.7, GROWTH), (2, 2022, 4.2, GROWTH), (2, 2023, 5.8, GROWTH),
        (3, 2023, 66.16),
        (4, 2021, 14.6, GROWTH), (4, 2022, 10.1, GROWTH), (4, 2023, 8.1, GROWTH),
        (5, 2021, 2.7, "reduction_rate"), (5, 2022, 0.1, "reduction_rate"), (5, 2023, 0.5, "reduction_rate"),
        (6, 2021, 5.1), (6, 2022, 5.6), (6, 2023, 5.2),
        (7, 2022, 77.93),
        (8, 2021, 6.83), (8, 2022, 6.87), (8, 2023, 6.95),
        (9, 2021, 8.3), (9, 2022, 8.9), (9, 2023, 9.4),
        (10, 2020, 83.4), (10, 2021, 84.9), (10, 2023, 89.4),
        (11, 2020, 1.8), (11, 2023, 2.88),
    )  # fmt: skip


def test_national_style_plan_at_mid_term_gets_the_classes_worked_out_by_hand():
    evaluation = evaluate_plan(national_plan(), national_midterm_rows(national_plan()), 2023)
    got = {r.number: (r.status, r.warning) for r in evaluation.indicators}
    assert got == {
        # (1.084·1.03·1.052)^⅓ − 1 = 5.51% against the mean of the yearly targets (6 + 5.5 + 5)/3 = 5.5: on track;
        # 2022 (3.0 < 5.5) missed its own target → named, yellow
        1: ("on_track", "yellow"),
        # (1.087·1.042·1.058)^⅓ − 1 = 6.22% > GDP 5.51%: 高于 holds → on track (a condition, never ahead)
        2: ("on_track", "green"),
        # 66.16 ≥ 65 → achieved early
        3: ("achieved_early", "green"),
        # commitment g* = 7: (1.146·1.101·1.081)^⅓ − 1 = 10.90% ≥ 7.5 → ahead
        4: ("ahead", "green"),
        # 1 − 0.973·0.999·0.995 = 3.28%; π = 3.28/13.5 = 24.3% < 60% − 10% → lagging; binding → red
        5: ("lagging", "red"),
        # held (base 5.2 within <5.5): mean (5.1 + 5.6 + 5.2)/3 = 5.3 ≤ 5.5 → on track; 2022 named → yellow
        6: ("on_track", "yellow"),
        # 〔1〕 on 岁: target 77.3 + 1 = 78.3; no 2023 figure, 2022 used: τ = (2022 − 2019)/6 = 50%,
        # π = 0.63 ≥ 60% → ahead; the fallback to 2022 turns green into yellow
        7: ("ahead", "yellow"),
        # held every year (6.83, 6.87, 6.95 > 6.5; base 6.69 within it) → on track
        8: ("on_track", "green"),
        # π = (9.4 − 7.8)/(10 − 7.8) = 72.7% ≥ 60% + 10% → ahead
        9: ("ahead", "green"),
        # the 2020 row 83.4 < 85 decides: a level to reach; 89.4 ≥ 85 → achieved early
        10: ("achieved_early", "green"),
        # π = (2.88 − 1.8)/(4.5 − 1.8) = 40% < 60% − 10% → lagging; still needed (4.5 − 2.88)/2 = 0.81 a year,
        # more than 1.5 × the best so far ((2.88 − 1.8)/3 = 0.36 a year) → red although expected
        11: ("lagging", "red"),
    }
    results = {r.number: r for r in evaluation.indicators}
    assert "2022年未完成当年下达目标" in results[1].explanation
    assert results[4].target_value == 7.0
    assert "力争目标“投入强度高于“十三五”时期实际”不作为评价依据" in results[4].explanation
    assert (results[7].data_year, results[7].provisional) == (2022, True)
    assert results[10].effective_kind == "share"
    # charted as the level to reach it now is: 83.4 (2020) → 85 (2025), 0.32 a year
    assert expected_path(results[10])[2020] == pytest.approx(83.4)
    assert expected_path(results[10])[2023] == pytest.approx(84.36)
    assert expected_path(results[6]) == dict.fromkeys(range(2021, 2024), 5.5)  # a bound: a flat line
    assert "基期2020年83.4%尚未满足“>85”" in results[10].explanation
    assert evaluation.summary() == {"achieved_early": 2, "ahead": 3, "on_track": 4, "lagging": 2}


def municipal_plan():
    # 指标 | 2020年 | “十四五”目标 | 属性  over  | | 2025年 | 年均[累计] |: the reader takes the 2025 cell, else
    # the 年均[累计] cell, and the 2020 column as the baseline
    return plan(
        indicator(
            1,
            "地区生产总值增长",
            kind="annual_growth_rate",
            target=6.5,
            comparator="~",
            target_text="6.5左右",
        ),
        indicator(2, "战略性新兴产业产值占比", kind="share", target=33, baseline=Baseline(29.0, 2020, 8)),
        indicator(
            3,
            "旧区改造面积",
            unit="万平方米",
            kind="compound",
            target=None,
            comparator=None,
            target_text="〔成片改造110 零星改造20〕",
            parts=[Part("成片改造", 110, ">="), Part("零星改造", 20, ">=")],
        ),
        indicator(
            4,
            "城镇登记失业率",
            kind="per_year_bound",
            target=4.5,
            comparator="<=",
            target_text="<4.5",
            attribute="binding",
        ),
        indicator(
            5,
            "每万人口高价值发明专利拥有量",
            unit="件",
            target=14,
            target_text="14以上",
            baseline=Baseline(8.2, 2020, 9),
        ),
        indicator(
            6,
            "居民人均可支配收入增长",
            kind="relative",
            target=None,
            comparator=None,
            target_text="与经济增长同步",
            reference=1,
        ),
        title="某市国民经济和社会发展第十四个五年规划（示例）",
    )


def test_municipal_two_row_header_plan_at_mid_term_gets_the_classes_worked_out_by_hand():
    the_plan = municipal_plan()
    observations = rows(
        the_plan,
        (1, 2021, 9.0, GROWTH), (1, 2022, -1.5, GROWTH), (1, 2023, 6.0, GROWTH),
        (2, 2021, 30.2), (2, 2022, 30.9), (2, 2023, 31.7),
        (3, 2023, 70, "level", "成片改造"), (3, 2023, 15, "level", "零星改造"),
        (4, 2020, 4.8), (4, 2021, 4.7), (4, 2022, 4.5), (4, 2023, 4.4),
        (5, 2023, 11.1),
        (6, 2021, 8.5, GROWTH), (6, 2022, 2.5, GROWTH), (6, 2023, 6.0, GROWTH),
    )  # fmt: skip
    evaluation = evaluate_plan(the_plan, observations, 2023)
    got = {r.number: r.status for r in evaluation.indicators}
    assert got == {
        # (1.09·0.985·1.06)^⅓ − 1 = 4.41% < 6.5 − 0.5 → lagging
        1: "lagging",
        # π = (31.7 − 29)/(33 − 29) = 67.5%, within 60% ± 10% → on track
        2: "on_track",
        # five-year parts counted from 0: 成片改造 70/110 = 63.6% → on track; 零星改造 15/20 = 75% → ahead;
        # the least favourable part decides
        3: "on_track",
        # the 2020 row 4.8 > 4.5: a level to reach, not a bound held; 4.4 ≤ 4.5 in 2023 → achieved early
        4: "achieved_early",
        # `14以上` with base 8.2: reach; π = (11.1 − 8.2)/(14 − 8.2) = 50% within 60% ± 10% → on track
        5: "on_track",
        # income (1.085·1.025·1.06)^⅓ − 1 = 5.64% vs GDP 4.41%: 同步 holds → on track
        6: "on_track",
    }
    assert {r.number: r.effective_kind for r in evaluation.indicators}[4] == "share"


def national_final_rows(the_plan, definitions="republished"):
    """2021–2025, with figures missing for 2025 (R&D share, digital economy), a definition change in the energy
    series and a per-year bound (unemployment) missed in 2022."""
    energy_old = [
        (5, y, v, "reduction_rate", "", "", "", "", "", "", "2020年口径")
        for y, v in ((2021, 2.7), (2022, 0.1), (2023, 0.5))
    ]
    revised = ((2021, 3.0), (2022, 1.5), (2023, 2.0), (2024, 3.6), (2025, 3.5))
    if definitions == "later_years_only":
        revised = revised[3:]
    energy_new = [(5, y, v, "reduction_rate", "", "", "", "", "", "", "2024年修订口径") for y, v in revised]
    return rows(
        the_plan,
        *[(1, y, v, GROWTH) for y, v in zip(range(2021, 2026), (8.1, 3.0, 5.2, 5.0, 5.4), strict=True)],
        *[(1, y, v, "allocation") for y, v in zip(range(2021, 2026), (6.0, 5.5, 5.0, 5.0, 5.0), strict=True)],
        (3, 2025, 64.9, "level", "", "", "统计公报", "", "2026-02-28"),
        (3, 2025, 65.2, "level", "", "", "人口抽样调查修订", "", "2026-09-30"),
        *energy_old,
        *energy_new,
        *[(6, y, v) for y, v in zip(range(2021, 2026), (5.1, 5.6, 5.2, 5.1, 5.0), strict=True)],
        (7, 2025, 78.6),
        *[(8, y, 6.8) for y in range(2021, 2026)],
        (9, 2024, 9.8),
        (10, 2020, 83.4), (10, 2025, 89.0),
        (11, 2020, 1.8), (11, 2024, 4.6),
    )  # fmt: skip


def test_national_style_plan_at_its_end_gets_the_verdicts_worked_out_by_hand():
    evaluation = evaluate_plan(national_plan(), national_final_rows(national_plan()), 2025)
    results = {r.number: r for r in evaluation.indicators}
    got = {n: (r.status, r.warning) for n, r in results.items()}
    assert got == {
        # allocated growth on the period: (1.081·1.03·1.052·1.05·1.054)^⅕ − 1 = 5.33% against the mean target 5.3
        # → achieved; 2022 (3.0 < 5.5) named → yellow
        1: ("achieved", "yellow"),
        # no productivity data at all → no data
        2: ("no_data", None),
        # the newer vintage 65.2 replaces 64.9: 65.2 ≥ 65 → achieved
        3: ("achieved", "green"),
        # no R&D growth rows → no data
        4: ("no_data", None),
        # one definition for every year: the 2024 revision, republished for 2021–2023, is preferred (5 years):
        # 1 − 0.97·0.985·0.98·0.964·0.965 = 12.90%; π = 12.90/13.5 = 95.5% ≥ 95% → nearly achieved; binding → red
        5: ("nearly_achieved", "red"),
        # period mean (5.1 + 5.6 + 5.2 + 5.1 + 5.0)/5 = 5.2 ≤ 5.5 → achieved; 2022 named → yellow
        6: ("achieved", "yellow"),
        # 〔1〕: 78.6 ≥ 77.3 + 1 → achieved
        7: ("achieved", "green"),
        # 6.8 every year > 6.5 → achieved
        8: ("achieved", "green"),
        # 2025 not published and 9.8 < 10 in 2024: an unmet target without the target year's figure → no data
        9: ("no_data", None),
        # reach (base 83.4 < 85): 89.0 ≥ 85 → achieved
        10: ("achieved", "green"),
        # 4.6 ≥ 4.5 already in 2024, 2025 not yet published: achieved on 2024, 待终值确认 → yellow
        11: ("achieved", "yellow"),
    }
    assert "2022年未完成当年下达目标" in results[1].explanation
    assert "采用修订后数值65.2（2026-09-30版），原值64.9" in results[3].explanation
    assert "统一采用“2024年修订口径”数据（另有“2020年口径”数据，未混用）" in results[5].explanation
    assert "2022年未达标" in results[6].explanation
    assert (results[11].provisional, results[11].data_year) == (True, 2024)
    assert "2025年数据尚未发布，采用2024年数据，待终值确认" in results[11].explanation


def test_a_definition_break_that_cannot_be_avoided_is_stated_and_marked():
    the_plan = national_plan()
    evaluation = evaluate_plan(the_plan, national_final_rows(the_plan, definitions="later_years_only"), 2025)
    energy = {r.number: r for r in evaluation.indicators}[5]
    # the old definition covers 2021–2023 (3 years) and is preferred; 2024–2025 exist only revised:
    # 1 − 0.973·0.999·0.995·0.964·0.965 = 10.03%; π = 74.3% < 95% → not achieved, binding → red
    assert (energy.status, energy.warning) == ("not_achieved", "red")
    assert energy.progress == pytest.approx(0.7428, abs=1e-4)
    assert (
        "2024年仅有“2024年修订口径”数据，与其余年份的“2020年口径”口径不同，跨口径比较" in energy.explanation
    )
    assert energy.details["definition_break"] is True


def test_named_parts_of_a_five_year_total_may_be_entered_as_yearly_amounts():
    the_plan = municipal_plan()
    observations = rows(
        the_plan,
        (3, 2021, 20, "amount", "成片改造"), (3, 2022, 25, "amount", "成片改造"), (3, 2023, 25, "amount", "成片改造"),
        (3, 2021, 5, "amount", "零星改造"), (3, 2022, 5, "amount", "零星改造"), (3, 2023, 5, "amount", "零星改造"),
    )  # fmt: skip
    result = {r.number: r for r in evaluate_plan(the_plan, observations, 2023).indicators}[3]
    # running totals 20 + 25 + 25 = 70 of 110 (63.6%, on track) and 5 + 5 + 5 = 15 of 20 (75%, ahead)
    assert [(p.current.value, p.status) for p in result.parts] == [(70.0, "on_track"), (15.0, "ahead")]
    assert result.status == "on_track"
