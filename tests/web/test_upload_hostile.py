"""Hostile Excel uploads are refused before openpyxl unpacks them."""

from __future__ import annotations

import io
import zipfile

from planwatch.web.monitoring.excel import read_upload


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
    result = read_upload(bomb, {}, (2020, 2025))
    assert result.rows == []
    assert len(result.errors) == 1
    assert result.errors[0].startswith("文件被拒绝：不是可安全读取的 Excel 模板")
    assert "xl/worksheets/sheet1.xml" in result.errors[0]


def test_an_xml_entity_declaration_in_a_template_is_refused():
    hostile = _package(
        {"xl/sharedStrings.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><sst>&e;</sst>'}
    )
    result = read_upload(hostile, {}, (2020, 2025))
    assert result.rows == []
    assert "DOCTYPE" in result.errors[0]


def test_a_file_that_is_not_a_zip_is_refused():
    result = read_upload(io.BytesIO("指标,年份\n".encode()), {}, (2020, 2025))
    assert result.errors == ["文件无法读取：请上传由本系统下载的 Excel 模板（.xlsx 格式）"]
