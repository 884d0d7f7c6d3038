"""Everything extraction adds to a plan read from a document: indicators, targets, baselines, links."""

from __future__ import annotations

from planwatch.document.model import Document
from planwatch.extract.facts import add_text_facts
from planwatch.extract.indicators import extract_indicators
from planwatch.plan.model import Plan


def enrich_plan(plan: Plan, document: Document) -> None:
    plan.indicators = extract_indicators(plan)
    add_text_facts(plan, document)
