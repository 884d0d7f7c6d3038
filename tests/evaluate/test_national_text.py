"""A national-style plan read from text by the parser: base-year column, `*` values (base year − 1), 〔〕 totals."""

import pytest

from planwatch.evaluate import evaluate_plan, read_observations
from planwatch.reading import read_plan

PLAN_TEXT = """某市国民经济和社会发展第十四个五年规划纲要
第一章  发展目标
专栏1  “十四五”时期主要指标
\t类别
\t指标
\t2020年
\t2025年
\t年均/累计
\t属性

\t经济发展
\t1.地区生产总值增长（%）
\t3.1
\t—
\t保持在合理区间、各年度视情提出
\t预期性

\t
\t2.居民人均可支配收入增长（%）
\t4.0
\t—
\t与地区生产总值增长基本同步
\t预期性

\t
\t3.常住人口城镇化率（%）
\t71.2*
\t75
\t—
\t预期性

\t绿色生态
\t4.单位地区生产总值能源消耗降低（%）
\t—
\t—
\t〔14〕
\t约束性

\t
\t5.森林覆盖率（%）
\t30.5*
\t32
\t—
\t约束性

\t民生福祉
\t6.城镇调查失业率（%）
\t5.0
\t—
\t<5.5
\t预期性
"""

OBSERVATIONS = """indicator,year,value,measure,unit,source
1,2021,8.1,growth_rate,%,统计公报
1,2022,2.5,growth_rate,%,统计公报
1,2021,6.0,allocation,%,年度计划
1,2022,5.5,allocation,%,年度计划
2,2021,8.0,growth_rate,%,统计公报
2,2022,3.0,growth_rate,%,统计公报
3,2022,73.0,,%,统计公报
4,2021,3.0,reduction_rate,%,统计公报
4,2022,3.5,reduction_rate,%,统计公报
5,2022,31.3,,%,统计公报
6,2021,5.1,,%,统计公报
6,2022,5.6,,%,统计公报
"""


@pytest.fixture
def evaluation(tmp_path):
    plan_file = tmp_path / "plan.txt"
    plan_file.write_text(PLAN_TEXT, encoding="utf-8")
    observations_file = tmp_path / "observations.csv"
    observations_file.write_text(OBSERVATIONS, encoding="utf-8")
    plan = read_plan(plan_file)
    return evaluate_plan(plan, read_observations(observations_file, plan), 2022)


def test_national_text_plan_as_of_2022(evaluation):
    results = {r.number: r for r in evaluation.indicators}
    assert [r.kind for r in evaluation.indicators] == [
        "allocation",
        "relative",
        "share",
        "cumulative",
        "share",
        "per_year_bound",
    ]
    # 1: allocated growth judged over the period (METHODOLOGY §3): (1.081·1.025)^½ − 1 = 5.26% against the mean
    #    of the yearly targets (6.0 + 5.5)/2 = 5.75: −0.49 pp, within 0.5 → on track; 2022 (2.5 < 5.5) is named
    #    and turns the warning yellow (first edition: lagging for the one missed year)
    assert (results[1].status, results[1].warning) == ("on_track", "yellow")
    assert "2022年未完成当年下达目标" in results[1].explanation
    # 2: income (1.08·1.03)^½ − 1 = 5.47% vs GDP (1.081·1.025)^½ − 1 = 5.26%: within 0.5 → on track
    assert results[2].status == "on_track"
    # 3: `*` baseline 71.2 (2019): π = 1.8/3.8 = 47.4%, τ = (2022 − 2019)/6 = 50% → on track
    assert results[3].baseline.year == 2019
    assert results[3].progress == pytest.approx(0.47368, abs=1e-5)
    assert results[3].status == "on_track"
    # 4: 1 − 0.97·0.965 = 6.395%; π = 6.395/14 = 45.7% within 40% ± 10%
    assert results[4].progress == pytest.approx(0.45679, abs=1e-5)
    assert results[4].status == "on_track"
    # 5: π = 0.8/1.5 = 53.3% against τ = 50% (from 2019) → on track; against the plan's 40% it would be ahead
    assert results[5].status == "on_track"
    # 6: <5.5 with the base 5.0 already within it: a bound to hold, judged on the mean (5.1 + 5.6)/2 = 5.35 ≤ 5.5
    #    → on track, 2022 named, warning yellow (first edition: lagging for the one missed year)
    assert (results[6].status, results[6].warning) == ("on_track", "yellow")
    assert "2022年未达标" in results[6].explanation
