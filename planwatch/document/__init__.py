"""Readers that turn a plan file into a Document: blocks of text, each with its source position."""

from __future__ import annotations

from pathlib import Path

from planwatch.document.model import Document
from planwatch.document.text_reader import read_text
from planwatch.errors import PlanFormatError


def read_document(path: str | Path) -> Document:
    """Read a .txt export or a .docx file; raises PlanFormatError naming the file and the line."""
    if str(path).lower().endswith(".docx"):
        from planwatch.document.docx_reader import read_docx

        return read_docx(path)
    if str(path).lower().endswith(".doc"):
        raise PlanFormatError(
            "old binary .doc files cannot be read: save it as .docx or export it as text", path=str(path)
        )
    return read_text(path)


__all__ = ["Document", "read_document", "read_text"]
