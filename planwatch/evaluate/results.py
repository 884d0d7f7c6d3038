"""What an evaluation produces: one result per indicator with its numbers, rule and explanation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from planwatch.evaluate.projection import Projection
from planwatch.evaluate.sdg import SdgMeasure
from planwatch.evaluate.verdicts import STATUSES
from planwatch.vocabulary import status_label


@dataclass(frozen=True)
class Figure:
    """A number the verdict used, with its year and where it came from."""

    value: float
    year: int
    source: str | None = None
    vintage: date | None = None
    illustrative: bool = False


@dataclass(frozen=True)
class YearCheck:
    """One year's value against that year's bound (a per-year bound or an allocation)."""

    year: int
    value: float
    bound: float
    direction: str  # "up": value must be at least the bound; "down": at most
    met: bool


@dataclass(frozen=True)
class Effort:
    """The yearly effort still required, against the best year so far (both counted in the target's direction)."""

    measure: str  # "growth" (%/yr) | "change" (unit/yr) | "amount" (unit/yr) | "reduction" (%/yr)
    required: float
    best: float | None
    best_year: int | None
    exceeded: bool  # required > red-effort factor × best


@dataclass(frozen=True)
class AllocationRecord:
    """A target assigned from outside for one year (下达指标 or 年度计划), with its revisions."""

    year: int
    value: float
    revisions: tuple[float, ...] = ()  # earlier values of the same year, oldest first
    actual: float | None = None
    met: bool | None = None
    source: str | None = None


@dataclass(frozen=True)
class Override:
    """A planner's verdict replacing the computed one, with the written reason; both are kept."""

    status: str
    reason: str
    by: str | None = None
    at: datetime | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if not self.reason.strip():
            raise ValueError("an override needs a written reason")

    def sentence(self, computed: str) -> str:
        """系统测算为滞后于预期，规划科改评为基本符合预期（理由：…）: both verdicts, as every text states them."""
        reason = self.reason.strip().rstrip("。；;.")
        return (
            f"系统测算为{status_label(computed) if computed in STATUSES else computed}，规划科改评为{status_label(self.status)}"
            + (f"（理由：{reason}）" if reason else "")
        )


@dataclass
class IndicatorResult:
    number: int
    name: str
    attribute: str
    kind: str
    unit: str
    target_text: str
    target_year: int
    status: str
    warning: str | None
    progress: float | None
    explanation: str
    data_year: int | None = None
    time_progress: float | None = None
    expected_progress: float | None = None
    target_value: float | None = None
    direction: str | None = None
    path: str | None = None
    baseline: Figure | None = None
    current: Figure | None = None
    average_growth: float | None = None  # percent, for growth and relative targets
    growth_basis: str | None = None  # "rates" | "levels"
    required: Effort | None = None
    projection: Projection | None = None
    sdg: SdgMeasure | None = None
    parts: list[IndicatorResult] = field(default_factory=list)
    checks: list[YearCheck] = field(default_factory=list)
    allocations: list[AllocationRecord] = field(default_factory=list)
    details: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    illustrative: bool = False
    target_version: str = "纲要原文"
    baseline_text: str = ""
    current_text: str = ""
    override: Override | None = None
    base_year: int | None = None
    provisional: bool = False  # judged on an earlier year's figure (待终值确认 at the end)
    effective_kind: str | None = (
        None  # the kind the verdict used when the baseline decided it (reach or hold)
    )
    missing: str | None = None  # needs_input: "baseline" | "allocation" | "data" (vocabulary.NEEDS_INPUT_ZH)

    @property
    def computed_status(self) -> str:
        return self.status

    @property
    def final_status(self) -> str:
        """The planner's verdict where there is one, else the computed one."""
        return self.override.status if self.override else self.status

    @property
    def status_zh(self) -> str:
        return status_label(self.final_status, self.missing)


@dataclass
class Evaluation:
    plan: str
    year: int
    time_progress: float
    indicators: list[IndicatorResult]
    base_year: int
    target_year: int

    @property
    def final(self) -> bool:
        return self.year >= self.target_year

    def summary(self) -> dict[str, int]:
        """Count of indicators per (final) status, in the order of the statuses."""
        counts = Counter(result.final_status for result in self.indicators)
        return {status: counts[status] for status in STATUSES if counts[status]}

    def label_counts(self, results: list[IndicatorResult] | None = None) -> dict[str, int]:
        """Count per verdict label (needs_input split by what is missing), in the order of the statuses."""
        chosen = self.indicators if results is None else results
        ordered = sorted(chosen, key=lambda r: STATUSES.index(r.final_status))
        return dict(Counter(r.status_zh for r in ordered))

    def with_override(self, number: int, override: Override) -> Evaluation:
        """A copy of the evaluation where the planner's verdict replaces indicator `number`'s."""
        if not any(result.number == number for result in self.indicators):
            raise KeyError(f"no indicator {number} in the evaluation")
        results = [
            replace(r, override=override, explanation=f"{r.explanation}{override.sentence(r.status)}。")
            if r.number == number
            else r
            for r in self.indicators
        ]
        return replace(self, indicators=results)
