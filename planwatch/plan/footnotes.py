"""Footnotes (名词解释) as glossary entries: the term each one explains and its definition."""

from __future__ import annotations

import re

from planwatch.document.model import Document, Paragraph
from planwatch.plan.model import Footnote

_QUOTED_BEFORE = re.compile(r"[“\"]([^“”\"]{1,30})[”\"]$")
_CLAUSE_BEFORE = re.compile(r"([^，。；：、,;:（）()]{1,30})$")
# "“五个中心”：definition" — a short lead phrase before the first colon names the term.
_LEAD = re.compile(r"^\s*([^：:，。]{1,24})[：:]\s*(.*)$", re.DOTALL)


def _strip_quotes(term: str) -> str:
    term = term.strip()
    if term.startswith("“") and term.endswith("”") and "”" not in term[1:-1]:
        return term[1:-1]
    return term


def term_before(paragraph: Paragraph, offset: int) -> str | None:
    """The phrase a reference mark follows: the quoted phrase, else the clause before it."""
    before = paragraph.text[:offset].rstrip()
    match = _QUOTED_BEFORE.search(before) or _CLAUSE_BEFORE.search(before)
    return match.group(1).strip() if match else None


def build_footnotes(document: Document, paragraphs: list[Paragraph]) -> list[Footnote]:
    anchors: dict[int, str | None] = {}
    for paragraph in paragraphs:
        for ref in paragraph.refs:
            anchors.setdefault(ref.number, term_before(paragraph, ref.offset))
    footnotes = []
    for number in sorted(document.footnotes):
        body = document.footnotes[number]
        lead = _LEAD.match(body.text)
        if lead:
            term, definition = _strip_quotes(lead.group(1)), lead.group(2).strip()
        else:
            term, definition = anchors.get(number) or "", body.text.strip()
        footnotes.append(Footnote(number=number, term=term, definition=definition, line=body.line))
    return footnotes
