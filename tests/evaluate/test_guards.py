"""Guards in the engine itself (issue 10 item 12): whatever observations reach it, every indicator gets a status
and a sentence, never an exception — −100% growth, zero or negative bases, targets equal to baselines, zero targets."""

import json
import random

from planwatch.evaluate import Observation, Observations, evaluate_plan, evaluation_to_json
from planwatch.evaluate.settings import IndicatorSettings, Settings
from planwatch.evaluate.verdicts import STATUSES
from planwatch.plan.model import Baseline, Part
from tests.evaluate.builders import indicator, plan

EXTREMES = (0.0, -1.0, -100.0, -150.0, 100.0, 1e-9, 5.0, 60.0, 1e12, -5.0)
PARTS = [Part("成片改造", 110, ">="), Part("零星改造", 20, ">=")]
KINDS = (
    ("level", {}),
    ("share", {}),
    ("level", {"comparator": "~"}),
    ("annual_growth_rate", {}),
    ("annual_growth_rate", {"target": None, "comparator": None, "target_text": ">7、力争8"}),
    ("cumulative", {"target_text": "〔1〕", "unit": "岁"}),
    ("cumulative", {"target_text": "〔13.5〕", "name": "能耗降低"}),
    ("per_year_bound", {"target_text": "<5.5", "comparator": "<="}),
    ("relative", {"target": None, "comparator": None, "target_text": "与经济增长同步", "reference": 1}),
    ("allocation", {"target": None, "target_text": "完成市级要求"}),
    ("compound", {"target": None, "target_text": "〔成片改造110 零星改造20〕", "parts": PARTS}),
)
MEASURES = ("level", "growth_rate", "amount", "reduction_rate", "allocation")


def random_case(rng: random.Random):
    kind, extra = rng.choice(KINDS)
    options = {"kind": kind, "target": rng.choice([0.0, 5.0, -3.0, 100.0, 60.0]), **extra}
    if rng.random() < 0.3:
        options["baseline"] = Baseline(rng.choice(EXTREMES), 2020, 1)
    name = options.pop("name", "指标")
    number = 2 if kind == "relative" else 1
    indicators = [indicator(number, name, **options)]
    if kind == "relative":
        indicators.insert(0, indicator(1, "地区生产总值", kind="annual_growth_rate", target=6))
    rows = []
    for n in (i.number for i in indicators):
        for year in range(2020, 2026):
            if rng.random() < 0.6:
                series = (
                    rng.choice(["成片改造", "零星改造"])
                    if kind == "compound" and rng.random() < 0.7
                    else None
                )
                rows.append(Observation(n, year, rng.choice(EXTREMES), rng.choice(MEASURES), series))
    path = rng.choice([None, "geometric", "linear"])
    return plan(*indicators), Observations(rows), Settings(indicators={1: IndicatorSettings(path=path)})


def test_no_observations_however_odd_make_the_engine_raise():
    rng = random.Random(20261201)
    for _ in range(400):
        the_plan, observations, settings = random_case(rng)
        for year in (2021, 2023, 2025):
            evaluation = evaluate_plan(the_plan, observations, year, settings)
            for result in evaluation.indicators:
                assert result.status in STATUSES
                assert result.explanation.endswith("。") or "示例数据" in result.explanation
                # the engine's last-resort net is not what handles these: each guard says what is wrong
                assert "数据无法计算" not in result.explanation
            json.dumps(evaluation_to_json(evaluation), allow_nan=False)
