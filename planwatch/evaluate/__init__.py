"""The evaluation engine: the rules of METHODOLOGY.md §§2–4 over a plan's indicators and observations."""

from __future__ import annotations

from planwatch.evaluate.engine import EVALUATORS, EvaluationError, evaluate_indicator, evaluate_plan
from planwatch.evaluate.kinds import KindSpec, expected_path, kind_label, register, spec_for
from planwatch.evaluate.observations import (
    Observation,
    Observations,
    check_observation_rows,
    check_observations,
    read_observations,
)
from planwatch.evaluate.results import Evaluation, IndicatorResult, Override
from planwatch.evaluate.serialize import evaluation_to_json, indicator_to_json
from planwatch.evaluate.settings import IndicatorSettings, Settings
from planwatch.evaluate.table import format_table

__all__ = [
    "EVALUATORS",
    "Evaluation",
    "EvaluationError",
    "IndicatorResult",
    "IndicatorSettings",
    "KindSpec",
    "Observation",
    "Observations",
    "Override",
    "Settings",
    "check_observation_rows",
    "check_observations",
    "evaluate_indicator",
    "evaluate_plan",
    "evaluation_to_json",
    "expected_path",
    "format_table",
    "indicator_to_json",
    "kind_label",
    "read_observations",
    "register",
    "spec_for",
]
