"""Excel templates per department and reading them back with a Chinese message for every bad row."""

from __future__ import annotations

import io
import logging
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from planwatch.document.spreadsheet import SpreadsheetError, iter_xlsx_rows, neutralise
from planwatch.errors import ObservationError, PlanFormatError
from planwatch.vocabulary import MEASURE_ZH

log = logging.getLogger(__name__)

HEADER = ["序号", "指标名称", "年份", "数值", "计量方式", "分项", "单位", "数据来源", "备注"]
SHEET_TITLE = "监测值填报"
RATE_MEASURES = ("growth_rate", "reduction_rate")


def build_template(department, indicators, year: int, measure_for, also_used_in: dict | None = None) -> bytes:
    """A workbook with one row per indicator (and part) of the department for the round's year; `also_used_in`
    (indicator id → “同时用于《…》”) names the other plan a linked figure serves, in the notes and the 备注 hint."""
    also_used_in = also_used_in or {}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(horizontal="center")
    labels = MEASURE_ZH
    for indicator in indicators:
        measure = measure_for(indicator)
        unit = "%" if measure in RATE_MEASURES else indicator.unit
        parts = [p["name"] for p in indicator.parts] or [""]
        for part in parts:
            row = [indicator.number, indicator.name, year, None, labels[measure], part, unit, "", ""]
            sheet.append([neutralise(value) for value in row])
    widths = [8, 46, 8, 12, 14, 10, 12, 24, 30]
    for column, width in zip("ABCDEFGHI", widths, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "D2"
    last = max(sheet.max_row, 2) + 50
    measures = DataValidation(
        type="list",
        formula1='"' + ",".join(labels.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="计量方式",
        error="请从下拉列表中选择计量方式",
    )
    measures.add(f"E2:E{last}")
    numbers = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1000000000000",
        formula2="1000000000000",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="数值",
        error="数值必须是数字",
    )
    numbers.add(f"D2:D{last}")
    sheet.add_data_validation(measures)
    sheet.add_data_validation(numbers)
    notes = workbook.create_sheet("填报说明")
    notes.append([neutralise(f"{department.name} {year}年度监测值填报模板")])
    for text in (
        "1. 每行一个指标（复合指标每个分项一行），请在“数值”列填写数字，不要带单位。",
        "2. “计量方式”：水平值为当年数值；增长率为比上年增长的百分比；年度量为当年完成量。",
        "3. 请填写“数据来源”（如统计公报、部门报送），如有口径调整请在“备注”说明。",
        "4. 不要修改“序号”列；未填写数值的行将被跳过。",
    ):
        notes.append([text])
    linked = [i for i in indicators if also_used_in.get(i.pk)]
    if linked:
        notes.append(["5. 下列指标一次填报、两个规划共用，请只填报一次："])
        for indicator in linked:
            notes.append(
                [neutralise(f"   序号{indicator.number}“{indicator.name}”{also_used_in[indicator.pk]}")]
            )
    notes.column_dimensions["A"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_UNREADABLE = "文件无法读取：请上传由本系统下载的 Excel 模板（.xlsx 格式）"


def workbook_rows(file) -> tuple[list, list[tuple[int, list]]]:
    """(header, [(row number, cells)]) of the template's sheet; ObservationError (in Chinese) when unreadable.

    The one place an uploaded workbook is opened: streamed under the row, column and cell caps, with the zip and
    XML guards run before any row is read.
    """
    if not zipfile.is_zipfile(file):
        raise ObservationError(_UNREADABLE)
    file.seek(0)
    try:
        rows = list(iter_xlsx_rows(file, name=getattr(file, "name", None) or "上传的文件", sheet=SHEET_TITLE))
    except (SpreadsheetError, PlanFormatError) as error:
        log.info("workbook upload refused: %s", error.reason)
        where = f"第{error.row}行：" if getattr(error, "row", None) is not None else ""
        raise ObservationError(f"文件被拒绝：不是可安全读取的 Excel 模板（{where}{error.reason}）") from None
    if not rows:
        raise ObservationError("文件是空的，缺少表头", row=1)
    return rows[0][1], rows[1:]


MAX_SHOWN_ERRORS = 200  # a page of messages, not megabytes: the first ones show what is wrong with the file


def shown_errors(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_SHOWN_ERRORS:
        return errors
    return [
        *errors[:MAX_SHOWN_ERRORS],
        f"……另有 {len(errors) - MAX_SHOWN_ERRORS} 处问题未列出，请先改正以上问题",
    ]
