"""The plan's structure, read from a document file."""

from __future__ import annotations

from pathlib import Path

from planwatch.document import read_document
from planwatch.plan.model import Plan
from planwatch.plan.structure import build_plan


def read_plan(path: str | Path) -> Plan:
    """Read a plan document (.txt export or .docx) into a Plan with its indicators, targets and baselines."""
    from planwatch.errors import PlanFormatError
    from planwatch.extract.enrich import enrich_plan

    document = read_document(path)
    try:
        plan = build_plan(document)
        enrich_plan(plan, document)
    except PlanFormatError as error:
        raise error.at(str(path)) from None
    return plan


__all__ = ["Plan", "read_plan", "build_plan"]
