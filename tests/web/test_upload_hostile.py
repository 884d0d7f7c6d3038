"""Hostile Excel uploads are refused before openpyxl unpacks them."""

from __future__ import annotations

import io
import zipfile

import pytest

from planwatch.errors import ObservationError
from planwatch.web.monitoring.excel import workbook_rows


def _refusal(file) -> str:
    with pytest.raises(ObservationError) as error:
        workbook_rows(file)
    return str(error.value)


def _package(extra: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        for name, data in extra.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_a_zip_bomb_posing_as_a_template_is_refused_with_a_chinese_message():
    bomb = _package({"xl/worksheets/sheet1.xml": b"<a>" + b"0" * (60 * 1024 * 1024) + b"</a>"})
    message = _refusal(bomb)
    assert message.startswith("文件被拒绝：不是可安全读取的 Excel 模板")
    assert "xl/worksheets/sheet1.xml" in message


def test_an_xml_entity_declaration_in_a_template_is_refused():
    hostile = _package(
        {"xl/sharedStrings.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><sst>&e;</sst>'}
    )
    assert "DOCTYPE" in _refusal(hostile)


def test_a_file_that_is_not_a_zip_is_refused():
    assert (
        _refusal(io.BytesIO("指标,年份\n".encode()))
        == "文件无法读取：请上传由本系统下载的 Excel 模板（.xlsx 格式）"
    )
