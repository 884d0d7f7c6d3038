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


HEADER_ROW = (
    '<row r="1">'
    + "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{title}</t></is></c>'
        for i, title in enumerate(
            ["序号", "指标名称", "年份", "数值", "计量方式", "分项", "单位", "数据来源", "备注"]
        )
    )
    + "</row>"
)


def test_a_row_numbered_ten_million_is_refused_in_one_line_and_quickly(kewei):
    import time

    from tests.document.xlsx_builder import xlsx

    started = time.monotonic()
    response = kewei.post(
        "/monitoring/upload/",
        {"file": xlsx(HEADER_ROW + '<row r="10000000"><c r="D10000000"><v>1</v></c></row>')},
    )
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert len(response.content) < 100_000
    assert "第10000000行：超过 20,000 行的上限，请拆分文件" in response.content.decode()


def test_a_declared_sheet_of_sixteen_thousand_columns_is_refused():
    from tests.document.xlsx_builder import xlsx

    assert _refusal(xlsx(HEADER_ROW, dimension="A1:XFD6000")) == (
        "文件被拒绝：不是可安全读取的 Excel 模板（工作表声明了 6,000 行 × 16,384 列，超过上限（20,000 行、64 列），拒绝读取）"
    )


def test_nan_true_error_and_superscript_cells_get_row_messages_not_a_server_error(plan):
    from planwatch.web.monitoring import intake
    from tests.document.xlsx_builder import xlsx

    body = (
        HEADER_ROW
        + '<row r="2"><c r="A2"><v>8</v></c><c r="C2"><v>2022</v></c><c r="D2"><v>NaN</v></c></row>'
        + '<row r="3"><c r="A3" t="b"><v>1</v></c><c r="C3"><v>2022</v></c><c r="D3" t="e"><v>#DIV/0!</v></c></row>'
        + '<row r="4"><c r="A4" t="inlineStr"><is><t>²</t></is></c><c r="C4"><v>2022</v></c><c r="D4"><v>5</v></c></row>'
    )
    header, records = workbook_rows(xlsx(body))
    result = intake.check_table(plan, header, records, {8})
    assert result.accepted == []
    assert result.errors == [
        "第2行“数值”列：数值必须是有限的数字（不接受 NaN、无穷大或超出范围的数）",
        "第3行“指标”列：未知指标“True”：不是本规划主要指标表中的序号或准确名称",
        "第3行“数值”列：“#DIV/0!”不是数字：请只填写数字，不要带单位或文字",
        "第4行“指标”列：未知指标“²”：不是本规划主要指标表中的序号或准确名称",
    ]


def test_twenty_thousand_bad_rows_give_a_page_of_messages_not_megabytes(kewei):
    from tests.document.xlsx_builder import xlsx

    rows = "".join(
        f'<row r="{n}"><c r="A{n}"><v>999</v></c><c r="C{n}"><v>2022</v></c><c r="D{n}"><v>1</v></c></row>'
        for n in range(2, 20_002)
    )
    response = kewei.post("/monitoring/upload/", {"file": xlsx(HEADER_ROW + rows)})
    page = response.content.decode()
    assert response.status_code == 200 and len(response.content) < 200_000
    assert page.count("未知指标“999”") == 200
    assert "……另有 19800 处问题未列出，请先改正以上问题" in page
