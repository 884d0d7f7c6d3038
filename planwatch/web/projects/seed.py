"""Seed the project library from the plan's project tables (表1–表3)."""

from __future__ import annotations

import re

from planwatch.web.projects.models import Project

STATUS_BY_CATEGORY = {"在建": "building", "新引进": "new", "在谈": "negotiating"}


def _amount(text: str, unit: str) -> float | None:
    match = re.search(r"(?:总)?投资(?:约|超)?\s*(\d+(?:\.\d+)?)\s*" + unit, text)
    return float(match.group(1)) if match else None


def _land(text: str) -> float | None:
    match = re.search(r"占地(?:约)?\s*(\d+(?:\.\d+)?)\s*亩", text)
    return float(match.group(1)) if match else None


def seed_projects(plan, parsed) -> int:
    """Create projects for rows of project tables not yet in the library; returns how many were added."""
    added = 0
    for table in parsed.tables:
        if table.kind != "projects":
            continue
        header = table.header
        for index, row in enumerate(table.rows):
            cells = dict(zip(header, row, strict=False))
            name = cells.get("项目名称") or (row[1] if len(row) > 1 else row[0])
            category = cells.get("类别", "")
            description = cells.get("项目基本情况", "")
            if Project.objects.filter(plan=plan, name=name[:300]).exists():
                continue
            status = next((code for word, code in STATUS_BY_CATEGORY.items() if word in category), "planned")
            investment = _amount(description or name, "亿元")
            if investment is None:
                wan = _amount(description or name, "万元")
                investment = round(wan / 10000, 4) if wan is not None else None
            line = table.row_lines[index] if index < len(table.row_lines) else table.line
            Project.objects.create(
                plan=plan,
                source_table=table.caption or "",
                category=category,
                name=name[:300],
                description=description,
                status=status,
                investment=investment,
                land_mu=_land(description),
                line=line,
            )
            added += 1
    return added
