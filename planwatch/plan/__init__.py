"""The plan's structure: chapters, sections, tasks, boxes, tables, figures, footnotes."""

from planwatch.plan.model import Plan
from planwatch.plan.structure import build_plan

__all__ = ["Plan", "build_plan"]
