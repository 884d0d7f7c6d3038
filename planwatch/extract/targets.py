"""Targets: every forward-looking quantitative commitment of a plan (到2025年…达到…, 不少于, 每年, 累计…)."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.extract.passages import Passage
from planwatch.extract.statements import TARGET, Statement, read_statements


@dataclass
class Target:
    metric: str
    value: float
    value_max: float | None
    unit: str
    comparator: str  # ">=", "<=", "=", "~" or "range"
    year: int | None
    per_year: bool
    line: int
    quote: str
    value_normalized: float
    unit_normalized: str
    comparator_word: str | None = None
    kind: str = "level"
    year_implied: int | None = None  # the plan's last year when no year is stated
    within_years: int | None = None  # 三年内 → 3
    chapter: int | None = None
    container: str = "body"

    def to_json(self) -> dict:
        """The INTERFACES.md §1 target fields, then the extras."""
        return {
            "metric": self.metric,
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
            "comparator": self.comparator,
            "year": self.year,
            "per_year": self.per_year,
            "line": self.line,
            "quote": self.quote,
            "value_normalized": self.value_normalized,
            "unit_normalized": self.unit_normalized,
            "comparator_word": self.comparator_word,
            "kind": self.kind,
            "year_implied": self.year_implied,
            "within_years": self.within_years,
            "chapter": self.chapter,
            "container": self.container,
        }


def target_from_statement(statement: Statement) -> Target:
    quantity = statement.quantity
    value_normalized, unit_normalized = statement.value_normalized
    return Target(
        metric=statement.metric,
        value=quantity.value,
        value_max=quantity.value_max,
        unit=quantity.unit,
        comparator=statement.comparator,
        year=statement.year,
        per_year=statement.per_year,
        line=statement.line,
        quote=statement.quote,
        value_normalized=value_normalized,
        unit_normalized=unit_normalized,
        comparator_word=statement.comparator_word,
        kind=statement.kind,
        year_implied=statement.year_implied,
        within_years=statement.within_years,
        chapter=statement.passage.chapter,
        container=statement.passage.container,
    )


def extract_targets(passages: list[Passage], period: tuple[int, int] | None = None) -> list[Target]:
    """Every target stated in the passages, in document order; `period` defaults to the plan's own."""
    return [target_from_statement(s) for s in read_statements(passages, period) if s.role == TARGET]
