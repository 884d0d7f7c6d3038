"""The indicator-kind registry: one spec per kind of target (METHODOLOGY.md §2).

A spec holds everything about one kind: how a target cell is recognised, how it is evaluated, which
observation measures it takes, how it is charted (the expected path series) and its Chinese label and
description. The engine dispatches through it; adding a kind is adding one entry with `register`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from planwatch.evaluate.allocation import evaluate_allocation
from planwatch.evaluate.bound_targets import evaluate_bound
from planwatch.evaluate.compound import evaluate_compound
from planwatch.evaluate.context import Context
from planwatch.evaluate.cumulative_targets import evaluate_cumulative
from planwatch.evaluate.growth_targets import evaluate_growth
from planwatch.evaluate.levels import evaluate_level
from planwatch.evaluate.paths import expected_value
from planwatch.evaluate.relative import evaluate_relative
from planwatch.evaluate.results import IndicatorResult
from planwatch.evaluate.standard_targets import evaluate_standard
from planwatch.extract import target_cells
from planwatch.plan.model import KIND_ZH

Evaluator = Callable[[Context], IndicatorResult]
# (name, unit, target cell text) → whether the cell states a target of this kind.
Recogniser = Callable[[str, str, str], bool]
# The expected path a chart draws: year → value, from the evaluated result.
Charter = Callable[[IndicatorResult], dict[int, float]]


def no_path(result: IndicatorResult) -> dict[int, float]:
    return {}


def level_path(result: IndicatorResult) -> dict[int, float]:
    """Baseline to target on the indicator's path (linear unless set to geometric), one point a year."""
    if result.baseline is None or result.target_value is None:
        return {}
    first, last = result.baseline.year, result.target_year
    if last <= first:
        return {}
    shape = result.path or "linear"
    return {
        year: expected_value(
            result.baseline.value, result.target_value, (year - first) / (last - first), shape
        )
        for year in range(first, last + 1)
    }


def cumulative_path(result: IndicatorResult) -> dict[int, float]:
    """The running total expected each year: an even share of the period's total, 0 at the base year."""
    if result.details.get("measure") == "level_change":
        return level_path(result)
    first, last = result.base_year, result.target_year
    if result.target_value is None or first is None or last <= first:
        return {}
    return {year: result.target_value * (year - first) / (last - first) for year in range(first, last + 1)}


def bound_path(result: IndicatorResult) -> dict[int, float]:
    """A per-year bound is a flat line at the bound over the years checked."""
    if result.target_value is None or not result.checks:
        return {}
    return {check.year: check.bound for check in result.checks}


@dataclass(frozen=True)
class KindSpec:
    name: str  # the code name (INTERFACES.md §1 `kind`)
    label_zh: str
    description_zh: str
    evaluate: Evaluator
    measures: tuple[str, ...]  # the observation measures (计量方式) it takes
    chart: Charter = no_path
    recognise: Recogniser | None = None  # a cell test tried before the built-in grammar of target cells


def _evaluate_qualitative(ctx: Context) -> IndicatorResult:
    return ctx.result(
        "qualitative",
        [f"定性目标“{ctx.indicator.target_text}”，由规划科据实评价并写明理由"],
        baseline_text="—",
        current_text="—",
    )


def _spec(
    name: str, description: str, evaluate: Evaluator, measures: tuple[str, ...], chart: Charter
) -> KindSpec:
    return KindSpec(name, KIND_ZH[name], description, evaluate, measures, chart)


_REGISTRY: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> KindSpec:
    """Add (or replace) a kind; it is evaluated, labelled and recognised from then on."""
    _REGISTRY[spec.name] = spec
    return spec


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


for _built_in in (
    _spec("level", "达到某一水平值：完成进度与时序进度比较", evaluate_level, ("level",), level_path),
    _spec("share", "比重或比率：规则同水平值，取值在0–100%之间", evaluate_level, ("level",), level_path),
    _spec(
        "annual_growth_rate",
        "年均增长率：由各年增长率连乘求年均增速，与目标增速比较",
        evaluate_growth,
        ("growth_rate", "level", "allocation"),
        no_path,
    ),
    _spec(
        "cumulative",
        "五年累计：降低率连乘、数量累加，或水平值较基期的变化（〔〕）",
        evaluate_cumulative,
        ("amount", "reduction_rate", "level"),
        cumulative_path,
    ),
    _spec(
        "per_year_bound",
        "逐年约束：每年达标，按期内各年均值评价，未达标年份逐一列出",
        evaluate_bound,
        ("level",),
        bound_path,
    ),
    _spec(
        "relative",
        "相对目标：与参照指标增速比较（实际对实际、名义对名义），达到即基本符合预期",
        evaluate_relative,
        ("growth_rate", "level"),
        no_path,
    ),
    _spec(
        "allocation",
        "逐年下达：目标由上级或年度计划逐年下达，未录入下达指标时待录入",
        evaluate_allocation,
        ("allocation", "level", "growth_rate", "amount", "reduction_rate"),
        no_path,
    ),
    _spec("standard", "标准达标：按国家标准限值评价（GB 3095-2012）", evaluate_standard, ("level",), no_path),
    _spec("compound", "复合目标：一格多个目标，各分项均须达到", evaluate_compound, ("level",), no_path),
    _spec("qualitative", "定性目标：由规划科据实评价并写明理由", _evaluate_qualitative, (), no_path),
):
    register(_built_in)


def spec_for(kind: str) -> KindSpec | None:
    return _REGISTRY.get(kind)


def kinds() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def kind_label(kind: str) -> str:
    spec = _REGISTRY.get(kind)
    return spec.label_zh if spec else KIND_ZH.get(kind, kind)


def recognise_kind(
    name: str, unit: str, target_text: str, from_period_column: bool = False, baseline: float | None = None
) -> str:
    """The kind of a target cell: a registered recogniser that claims it, else the grammar of target cells."""
    for spec in _REGISTRY.values():
        if spec.recognise is not None and spec.recognise(name, unit, target_text):
            return spec.name
    return target_cells.classify(name, unit, target_text, from_period_column, baseline)


def expected_path(result: IndicatorResult) -> dict[int, float]:
    """The expected path series of an evaluated indicator, as its kind charts it."""
    spec = _REGISTRY.get(result.effective_kind or result.kind)
    return spec.chart(result) if spec else {}


class _Evaluators(Mapping):
    """kind → evaluator, read live from the registry (kept for callers of the first release's EVALUATORS)."""

    def __getitem__(self, kind: str) -> Evaluator:
        return _REGISTRY[kind].evaluate

    def __iter__(self) -> Iterator[str]:
        return iter(_REGISTRY)

    def __len__(self) -> int:
        return len(_REGISTRY)


EVALUATORS = _Evaluators()
