"""All that the text of a plan states in numbers: targets, baselines, and the baselines of the indicators."""

from __future__ import annotations

from planwatch.document.model import Document
from planwatch.extract.baselines import BaselineFact, baseline_from_statement
from planwatch.extract.linking import link_baselines
from planwatch.extract.passages import passages_from_document
from planwatch.extract.statements import BASELINE, TARGET, read_statements
from planwatch.extract.target_cells import kind_from_text
from planwatch.extract.targets import Target, target_from_statement
from planwatch.plan.model import Plan


def read_text_facts(
    document: Document, period: tuple[int, int] | None = None
) -> tuple[list[Target], list[BaselineFact]]:
    """Targets and baseline facts of the whole document (body, boxes, tables, footnotes), read once."""
    statements = read_statements(passages_from_document(document), period)
    targets = [target_from_statement(s) for s in statements if s.role == TARGET]
    baselines = [baseline_from_statement(s) for s in statements if s.role == BASELINE]
    return targets, baselines


def add_text_facts(plan: Plan, document: Document) -> None:
    """Fill plan.targets and plan.baselines, and the indicators' baselines the text states."""
    plan.targets, plan.baselines = read_text_facts(document, (plan.period_start, plan.period_end))
    link_baselines(plan.indicators, plan.baselines, plan.base_year)
    for indicator in plan.indicators:
        # the plan's words in its text win over the reach-or-hold default of a comparator cell (§2.1)
        indicator.kind = kind_from_text(indicator, plan.targets) or indicator.kind
