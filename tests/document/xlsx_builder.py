"""Minimal .xlsx packages written by hand, so that a test can say exactly what the sheet's XML holds."""

from __future__ import annotations

import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(
    sheet_data: str | bytes,
    *,
    dimension: str | None = None,
    shared: list[str] | None = None,
    sheet_part: str = "worksheets/sheet1.xml",
    title: str = "监测值填报",
) -> io.BytesIO:
    """A workbook with one sheet whose <sheetData> holds `sheet_data` (rows as XML)."""
    body = sheet_data.encode() if isinstance(sheet_data, str) else sheet_data
    head = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}" xmlns:r="{REL}">'.encode()
        + head
        + b"<sheetData>"
        + body
        + b"</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            f'<sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="{sheet_part}"/>'
            "</Relationships>",
        )
        archive.writestr(f"xl/{sheet_part}", sheet)
        if shared is not None:
            items = "".join(f"<si><t>{text}</t></si>" for text in shared)
            archive.writestr(
                "xl/sharedStrings.xml", f'<?xml version="1.0"?><sst xmlns="{MAIN}">{items}</sst>'
            )
    buffer.seek(0)
    buffer.name = "hostile.xlsx"
    return buffer


def row(number: int, *cells: str) -> str:
    """A <row> of inline-string or number cells, from A: numbers as written, text quoted."""
    out = []
    for index, value in enumerate(cells):
        reference = f"{chr(65 + index)}{number}"
        if value.startswith("'"):
            out.append(f'<c r="{reference}" t="inlineStr"><is><t>{value[1:]}</t></is></c>')
        else:
            out.append(f'<c r="{reference}"><v>{value}</v></c>')
    return f'<row r="{number}">{"".join(out)}</row>'
