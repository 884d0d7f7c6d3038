"""The parts of a report the planning office writes (METHODOLOGY §5): which kinds of report print each, and which
leave a report a draft while empty. One entry per part; the labels are vocabulary.REPORT_TEXT_ZH's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from planwatch.report.model import KINDS
from planwatch.vocabulary import REPORT_TEXT_ZH


@dataclass(frozen=True)
class WrittenPart:
    key: str  # the key of `narratives` (build_report) and of the web's ReportText
    kinds: tuple[str, ...]  # the reports that print it
    required: bool  # empty, the report prints a placeholder and is not ready to submit
    cover: bool = False  # printed on the cover (one line), not as a section

    @property
    def label(self) -> str:
        return REPORT_TEXT_ZH[self.key]


WRITTEN_PARTS: tuple[WrittenPart, ...] = (
    WrittenPart("issuer", KINDS, required=True, cover=True),
    WrittenPart("doc_number", KINDS, required=False, cover=True),
    WrittenPart("date", KINDS, required=True, cover=True),
    WrittenPart(
        "overview", KINDS, required=False
    ),  # the system writes the paragraph; the office may add to it
    WrittenPart("problems", KINDS, required=False),
    WrittenPart("next_steps", ("annual", "midterm"), required=False),
    WrittenPart("adjustments", ("midterm",), required=True),
    WrittenPart("lessons", ("final",), required=True),
    WrittenPart("next_plan", ("final",), required=True),
)


def parts_for(kind: str) -> list[WrittenPart]:
    """The parts a report of `kind` prints, cover first."""
    return [part for part in WRITTEN_PARTS if kind in part.kinds]


def unwritten(kind: str, narratives: Mapping[str, str] | None) -> list[WrittenPart]:
    """The required parts of a report of `kind` that `narratives` leaves empty: while any is, the report is a draft."""
    given = narratives or {}
    return [part for part in parts_for(kind) if part.required and not str(given.get(part.key) or "").strip()]


def placeholder(part: WrittenPart) -> str:
    """What a draft prints where the office has not yet written a part."""
    return f"（待填写：{part.label}，由规划科撰写后报送）"
