"""Readers that turn a plan file into a Document: blocks of text, each with its source position."""

from __future__ import annotations

from pathlib import Path

from planwatch.document.model import Document
from planwatch.document.text_reader import read_text
from planwatch.errors import PlanFormatError

_ZIP = b"PK\x03\x04"
_PDF = b"%PDF-"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, old WPS .wps, .xls, .ppt
_RTF = b"{\\rtf"


def sniff(path: str | Path) -> str:
    """What the file is by its first bytes, whatever its name says: "zip", "pdf", "ole2", "rtf" or "text"."""
    try:
        if not Path(path).is_file():
            return "text"  # the text reader says what is wrong with a directory, a device or a missing file
        with open(path, "rb") as file:
            head = file.read(8)
    except OSError:
        return "text"
    for magic, kind in ((_ZIP, "zip"), (_PDF, "pdf"), (_OLE2, "ole2"), (_RTF, "rtf")):
        if head.startswith(magic):
            return kind
    return "text"


def read_document(path: str | Path) -> Document:
    """Read a text export, a .docx or a PDF (by content, not name); raises PlanFormatError naming the file."""
    kind = sniff(path)
    suffix = Path(path).suffix.lower()
    if kind == "zip":
        from planwatch.document.docx_reader import read_docx

        other = _other_office_file(path)
        if other:
            raise PlanFormatError(
                f"this is {other}, not a plan document: give the plan as .docx, PDF or text", path=str(path)
            )
        return read_docx(path)
    if kind == "pdf":
        from planwatch.document.pdf_reader import read_pdf

        return read_pdf(path)
    if kind == "ole2":
        what = (
            "an old WPS document (.wps)" if suffix == ".wps" else "an old binary Word 97-2003 document (.doc)"
        )
        raise PlanFormatError(
            f"this is {what}, which cannot be read: open it in Word or WPS and save it as .docx "
            "(文件→另存为→Word 文档 .docx), then read that file",
            path=str(path),
        )
    if kind == "rtf":
        raise PlanFormatError(
            "this is an RTF document, which cannot be read: open it in Word or WPS and save it as .docx",
            path=str(path),
        )
    if suffix in (".docx", ".doc", ".wps", ".pdf"):
        return _misnamed(path, suffix)
    return read_text(path)


def _other_office_file(path: str | Path) -> str | None:
    """An Excel workbook or PowerPoint deck (a zip like .docx), named by its main part; None otherwise."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist()[:10_000])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None  # read_docx says what is wrong with the package
    if "word/document.xml" in names:
        return None
    if "xl/workbook.xml" in names:
        return "an Excel workbook (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation (.pptx)"
    return None


def _misnamed(path: str | Path, suffix: str) -> Document:
    """A file named .docx/.pdf that is neither: read it as text when it is text, else say what is wrong."""
    if suffix == ".docx":
        from planwatch.document.docx_reader import read_docx

        return read_docx(path)  # its checks name what is wrong with the package
    if suffix == ".pdf":
        raise PlanFormatError("not a PDF file: it does not start with %PDF-", path=str(path))
    return read_text(path)


__all__ = ["Document", "read_document", "read_text", "sniff"]
