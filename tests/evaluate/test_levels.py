import pytest

from planwatch.evaluate import evaluate_plan, evaluation_to_json
from planwatch.evaluate.settings import IndicatorSettings, Settings
from planwatch.evaluate.table import format_table
from planwatch.plan.model import Baseline
from tests.evaluate.builders import evaluate, indicator, plan, rows


def high_tech_plan():
    return plan(indicator(1, "有效期内高新技术企业数", unit="家", target=3200))


def test_count_well_above_time_progress_is_ahead_on_the_default_linear_path():
    the_plan = high_tech_plan()
    observations = rows(the_plan, (1, 2020, 1755), (1, 2023, 3015))
    result = evaluate(the_plan, observations, 2023)
    # π = (3015 − 1755) / (3200 − 1755) = 1260 / 1445 = 87.2%; τ = 3/5 = 60%: 87.2% ≥ 60% + 10% → ahead
    # (a count no longer gets a geometric path from its unit: the path is linear unless set, METHODOLOGY §3)
    assert result.status == "ahead"
    assert result.path == "linear"
    assert result.progress == pytest.approx(0.87197, abs=1e-5)
    assert result.expected_progress == pytest.approx(0.6)
    assert result.explanation.startswith(
        "2023年3015家，基期2020年1755家，目标3200家；完成进度87.2%，时序进度60.0%"
    )
    assert "快于预期" in result.explanation
    assert result.warning == "green"


def test_geometric_path_is_a_setting_and_expects_less_early_completion_than_the_linear_default():
    the_plan = plan(indicator(1, "企业数", unit="家", target=200))
    observations = rows(the_plan, (1, 2020, 100), (1, 2022, 125))
    # linear default: π = 25/100 = 25% < τ 40% − 10% → lagging (as the officials' 28.5% vs 40% was 相对滞后)
    assert evaluate(the_plan, observations, 2022).status == "lagging"
    # geometric when set: 100·2^0.4 = 131.95 → expected 31.95%; 21.95% ≤ 25% → on track
    geometric = Settings(indicators={1: IndicatorSettings(path="geometric")})
    result = evaluate(the_plan, observations, 2022, settings=geometric)
    assert (result.status, result.path) == ("on_track", "geometric")
    assert result.expected_progress == pytest.approx(0.3195, abs=1e-4)


def test_share_below_time_progress_by_more_than_ten_points_is_lagging():
    the_plan = plan(indicator(1, "研发经费支出占比", target=5))
    observations = rows(the_plan, (1, 2020, 4.32), (1, 2021, 4.45), (1, 2023, 4.62))
    result = evaluate(the_plan, observations, 2023)
    # π = 0.30 / 0.68 = 44.1% < 60% − 10%
    assert result.status == "lagging"
    assert result.progress == pytest.approx(0.4412, abs=1e-4)
    assert result.warning == "yellow"


def test_lagging_binding_share_is_red():
    the_plan = plan(indicator(1, "森林覆盖率", target=19.5, attribute="binding"))
    observations = rows(the_plan, (1, 2020, 18.5), (1, 2023, 18.7))
    # π = 0.2 / 1.0 = 20% < 50%
    result = evaluate(the_plan, observations, 2023)
    assert (result.status, result.warning) == ("lagging", "red")


def test_level_already_met_during_the_period_is_achieved_early():
    the_plan = plan(indicator(1, "每万人口发明专利拥有量", unit="件", target=60))
    observations = rows(the_plan, (1, 2020, 50.52), (1, 2023, 61.2))
    result = evaluate(the_plan, observations, 2023)
    assert result.status == "achieved_early"
    assert result.status_zh == "提前实现"


def test_downward_target_completion_counts_the_fall():
    the_plan = plan(
        indicator(1, "单位生产总值生产安全事故死亡人数", unit="人/亿元", target=0.024, comparator="<=")
    )
    observations = rows(the_plan, (1, 2020, 0.035), (1, 2022, 0.029))
    result = evaluate(the_plan, observations, 2022)
    # π = (0.029 − 0.035) / (0.024 − 0.035) = 54.5% ≥ 40% + 10%
    assert result.status == "ahead"
    assert result.progress == pytest.approx(0.54545, abs=1e-5)


def test_on_track_share_projected_to_miss_is_yellow():
    the_plan = plan(indicator(1, "研发经费支出占比", target=5))
    observations = rows(the_plan, (1, 2020, 4.32), (1, 2021, 4.45), (1, 2022, 4.55))
    result = evaluate(the_plan, observations, 2022)
    # π = 0.23 / 0.68 = 33.8%, within 40% ± 10% → on track
    # linear fit through 4.32, 4.45, 4.55: slope (4.55 − 4.32)/2 = 0.115, 2025: 4.44 + 0.115·4 = 4.90 < 5
    assert result.status == "on_track"
    assert result.projection.value == pytest.approx(4.90)
    assert result.projection.meets is False
    assert result.warning == "yellow"


def test_required_yearly_change_beyond_one_and_a_half_times_the_best_year_is_red():
    the_plan = plan(indicator(1, "比例", target=20))
    observations = rows(the_plan, (1, 2020, 10), (1, 2021, 10.5), (1, 2022, 10.7))
    result = evaluate(the_plan, observations, 2022)
    # needed (20 − 10.7)/3 = 3.1 a year; best year +0.5 (2021); 3.1 > 1.5 × 0.5
    assert result.required.required == pytest.approx(3.1)
    assert result.required.best == pytest.approx(0.5)
    assert result.required.exceeded
    assert result.warning == "red"


def test_final_verdicts_of_a_level():
    the_plan = plan(indicator(1, "生活垃圾回收利用率", target=45, attribute="binding"))
    achieved = rows(the_plan, (1, 2020, 38), (1, 2025, 45.2))
    nearly = rows(the_plan, (1, 2020, 38), (1, 2025, 44.7))
    missed = rows(the_plan, (1, 2020, 38), (1, 2025, 44.5))
    assert evaluate(the_plan, achieved, 2025).status == "achieved"
    # π = 6.7 / 7 = 95.7% ≥ 95%
    result = evaluate(the_plan, nearly, 2025)
    assert (result.status, result.warning) == ("nearly_achieved", "red")
    # π = 6.5 / 7 = 92.9%
    assert evaluate(the_plan, missed, 2025).status == "not_achieved"


def test_no_observation_after_the_base_year_is_no_data():
    the_plan = plan(indicator(1, "比例", target=20))
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 10)), 2022)
    assert result.status == "no_data"
    assert "尚无2021–2022年监测值" in result.explanation


def test_no_data_says_what_is_missing_once_and_no_illustrative_caveat_for_an_illustrative_base():
    the_plan = plan(indicator(1, "比例", target=20))
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 10, "level", "", "%", "示例数据")), 2022)
    assert result.status == "no_data"
    assert result.explanation == "尚无2021–2022年监测值。"  # not “…；无数据。（所用数据含示例数据…）”
    assert not result.illustrative


def test_final_verdict_without_the_target_years_value_is_no_data_when_the_target_is_not_met():
    the_plan = plan(indicator(1, "比例", target=20))
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 10), (1, 2024, 19)), 2025)
    # 19 < 20 in 2024 and no 2025 figure: an unmet target cannot be judged on an earlier year (§4)
    assert result.status == "no_data"
    assert "缺少2025年监测值（最新2024年19%，尚未达到目标）" in result.explanation


def test_final_verdict_of_a_met_target_without_the_target_years_value_is_provisional():
    the_plan = plan(indicator(1, "比例", target=20))
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 10), (1, 2024, 21)), 2025)
    # 21 ≥ 20 already in 2024: achieved on the 2024 figure, marked 待终值确认, warning green → yellow (§4)
    assert (result.status, result.data_year, result.provisional) == ("achieved", 2024, True)
    assert "2025年数据尚未发布，采用2024年数据，待终值确认" in result.explanation
    assert result.warning == "yellow"


def test_during_the_period_the_latest_year_is_used_said_and_turns_the_warning_yellow():
    the_plan = plan(indicator(1, "比例", target=20))
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 10), (1, 2021, 12), (1, 2022, 14)), 2023)
    # data year 2022: π = 4/10 = 40%, τ = 2/5 = 40% → on track; the trend 2/yr reaches 20 in 2025 (green),
    # but the fallback to 2022 turns it yellow
    assert result.data_year == 2022
    assert (result.status, result.provisional, result.warning) == ("on_track", True, "yellow")
    assert "2023年数据尚未发布，采用2022年数据" in result.explanation


def test_base_year_row_overrides_the_baseline_from_the_text():
    baseline = Baseline(value=18.0, year=2020, line=43)
    the_plan = plan(indicator(1, "森林覆盖率", target=19.5, baseline=baseline))
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 18.5), (1, 2022, 19.0)), 2022)
    # with 18.5: π = 0.5 / 1.0 = 50%; with the text's 18.0 it would be 1.0 / 1.5 = 66.7%
    assert result.baseline.value == 18.5
    assert result.progress == pytest.approx(0.5)


def test_text_baseline_is_used_without_a_base_year_row():
    baseline = Baseline(value=18.0, year=2020, line=43)
    the_plan = plan(indicator(1, "森林覆盖率", target=19.5, baseline=baseline))
    result = evaluate(the_plan, rows(the_plan, (1, 2022, 19.0)), 2022)
    assert result.progress == pytest.approx(1.0 / 1.5)
    assert result.baseline.source == "纲要第43行"


def test_level_met_at_the_baseline_and_lost_is_lagging():
    the_plan = plan(indicator(1, "比例", target=50))
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 52.0), (1, 2022, 49.5)), 2022)
    # 52.0 → 50: 2.0 is 20 units of the reported 0.1, not a small span; 49.5 < 50 after a baseline that met it
    assert result.status == "lagging"
    assert "基期值已达到目标" in result.explanation


def test_small_span_gives_the_gap_in_the_unit_not_a_percentage():
    the_plan = plan(indicator(1, "户籍人口居民平均预期寿命", unit="岁", target=84.07))
    # 84.05 → 84.07: 2 units of the last reported digit (0.01) < 10 → no completion % (it would be 2750%)
    below = evaluate(the_plan, rows(the_plan, (1, 2020, 84.05), (1, 2022, 83.9)), 2022)
    assert (below.status, below.progress) == ("lagging", None)
    assert "目标与基期仅差0.02岁，不计算完成进度；低于基期0.15岁，距目标0.17岁" in below.explanation
    between = evaluate(the_plan, rows(the_plan, (1, 2020, 84.05), (1, 2022, 84.06)), 2022)
    assert between.status == "on_track"
    assert "尚未达到，距目标0.01岁" in between.explanation
    reached = evaluate(the_plan, rows(the_plan, (1, 2020, 84.05), (1, 2025, 84.6)), 2025)
    assert (reached.status, reached.progress) == ("achieved", None)
    assert "已达目标" in reached.explanation
    # at the end, short of it: not achieved, never a 'nearly achieved' from a meaningless π
    short = evaluate(the_plan, rows(the_plan, (1, 2020, 84.05), (1, 2025, 84.06)), 2025)
    assert short.status == "not_achieved"


def test_level_with_observations_but_no_baseline_needs_input():
    the_plan = plan(indicator(1, "比例", target=20))
    result = evaluate(the_plan, rows(the_plan, (1, 2022, 14)), 2022)
    # no base-year row and no baseline in the text: 缺少基期值 → needs_input, not no_data (§3)
    assert result.status == "needs_input"
    assert "缺少基期值" in result.explanation
    # the label says what is missing, in the explanation, the JSON and the CLI's table alike
    assert (result.missing, result.status_zh) == ("baseline", "待录入基期值")
    assert "待录入基期值。" in result.explanation
    assert "待录入下达指标" not in result.explanation
    whole = evaluate_plan(the_plan, rows(the_plan, (1, 2022, 14)), 2022)
    assert evaluation_to_json(whole)["indicators"][0]["status_zh"] == "待录入基期值"
    assert "1项待录入基期值。" in format_table(whole)


def test_target_equal_to_the_baseline_is_a_clear_verdict_not_an_error():
    the_plan = plan(indicator(1, "比例", target=20))
    held = evaluate(the_plan, rows(the_plan, (1, 2020, 20), (1, 2022, 20.5)), 2022)
    # span 0 < ten units: judged as met / not met with the gap
    assert (held.status, held.progress) == ("achieved_early", None)
    lost = evaluate(the_plan, rows(the_plan, (1, 2020, 20), (1, 2022, 19.5)), 2022)
    assert lost.status == "lagging"
    # a difference of percentages is in 个百分点 (§5)
    assert (
        "目标与基期值相同，保持即达标，不计算完成进度；低于基期0.5个百分点，距目标0.5个百分点"
        in lost.explanation
    )


def test_share_projection_stays_within_zero_and_one_hundred_percent():
    the_plan = plan(indicator(1, "覆盖率", target=99.5))
    observations = rows(the_plan, (1, 2020, 60.0), (1, 2021, 80.0), (1, 2022, 99.0))
    result = evaluate(the_plan, observations, 2022)
    # linear fit: slope 19.5/yr, 2025: 79.67 + 19.5·4 = 157.7 → capped at 100%
    assert result.projection.value == pytest.approx(100.0)
    assert result.projection.meets is True


def test_geometric_setting_with_a_zero_baseline_falls_back_to_linear_and_says_so():
    the_plan = plan(indicator(1, "企业数", unit="家", target=20))
    geometric = Settings(indicators={1: IndicatorSettings(path="geometric")})
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 0), (1, 2022, 8)), 2022, settings=geometric)
    # 0 → 20 cannot grow geometrically: linear, π = 8/20 = 40% = τ → on track
    assert (result.status, result.path) == ("on_track", "linear")
    assert "几何路径不适用" in result.explanation


def test_sdg_lens_is_shown_beside_the_verdict():
    the_plan = high_tech_plan()
    result = evaluate(the_plan, rows(the_plan, (1, 2020, 1755), (1, 2023, 3015)), 2023)
    # observed (3015/1755)^(1/3) − 1 = 19.78%; required (3200/1755)^(1/5) − 1 = 12.77%; ratio 1.55 → substantial
    assert result.sdg.category == "substantial_progress"
    assert result.sdg.ratio == pytest.approx(1.549, abs=1e-3)
