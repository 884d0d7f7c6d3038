"""Baselines: every measured fact about the past (“十三五”期末…达到…, 由A提升至B, 现有…)."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.extract.passages import Passage
from planwatch.extract.statements import BASELINE, Statement, read_statements


@dataclass
class BaselineFact:
    metric: str
    value: float
    unit: str
    year: int | None
    line: int
    quote: str
    value_normalized: float
    unit_normalized: str
    comparator: str = "="  # 6900多家 is ">="; 约2.5万乘次 is "~"
    kind: str = "level"
    year_implied: int | None = None  # the year the fact most likely describes when none is stated
    period: str | None = None  # "2016-2020" for a figure over a whole plan period
    chapter: int | None = None
    container: str = "body"

    def to_json(self) -> dict:
        """The INTERFACES.md §1 baseline fields, then the extras."""
        return {
            "metric": self.metric,
            "value": self.value,
            "unit": self.unit,
            "year": self.year,
            "line": self.line,
            "quote": self.quote,
            "value_normalized": self.value_normalized,
            "unit_normalized": self.unit_normalized,
            "comparator": self.comparator,
            "kind": self.kind,
            "year_implied": self.year_implied,
            "period": self.period,
            "chapter": self.chapter,
            "container": self.container,
        }


def baseline_from_statement(statement: Statement) -> BaselineFact:
    value_normalized, unit_normalized = statement.value_normalized
    return BaselineFact(
        metric=statement.metric,
        value=statement.quantity.value,
        unit=statement.quantity.unit,
        year=statement.year,
        line=statement.line,
        quote=statement.quote,
        value_normalized=value_normalized,
        unit_normalized=unit_normalized,
        comparator=statement.comparator,
        kind=statement.kind,
        year_implied=statement.year_implied,
        period=statement.period,
        chapter=statement.passage.chapter,
        container=statement.passage.container,
    )


def extract_baselines(passages: list[Passage], period: tuple[int, int] | None = None) -> list[BaselineFact]:
    """Every baseline fact stated in the passages, in document order."""
    return [baseline_from_statement(s) for s in read_statements(passages, period) if s.role == BASELINE]
