"""Excel templates per department and reading them back with a Chinese message for every bad row."""

from __future__ import annotations

import io
import math
import zipfile
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from planwatch.document.spreadsheet import SpreadsheetError, iter_xlsx_rows, neutralise
from planwatch.errors import PlanFormatError
from planwatch.web.monitoring.models import MEASURES

HEADER = ["序号", "指标名称", "年份", "数值", "计量方式", "分项", "单位", "数据来源", "备注"]
KEYS = ["indicator", "name", "year", "value", "measure", "series", "unit", "source", "note"]
COLUMN_ZH = dict(zip(KEYS, HEADER, strict=True))
MEASURE_BY_LABEL = {label: code for code, label in MEASURES} | {code: code for code, _ in MEASURES}
SHEET_TITLE = "监测值填报"
RATE_MEASURES = ("growth_rate", "reduction_rate")


def build_template(department, indicators, year: int, main_measure) -> bytes:
    """A workbook with one row per indicator (and part) of the department for the round's year."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(horizontal="center")
    labels = dict(MEASURES)
    for indicator in indicators:
        measure = main_measure(indicator)
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
    notes.column_dimensions["A"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class UploadResult:
    rows: list[dict] = field(default_factory=list)  # {"row": n, "indicator": Indicator, "year", "value", ...}
    errors: list[str] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


_UNREADABLE = "文件无法读取：请上传由本系统下载的 Excel 模板（.xlsx 格式）"


def _sheet_rows(file) -> list[tuple[int, list]] | str:
    """The template's rows, streamed under the row, column and cell caps; a one-line refusal otherwise."""
    file.seek(0)
    try:
        return list(iter_xlsx_rows(file, name=getattr(file, "name", None) or "上传的文件", sheet=SHEET_TITLE))
    except (SpreadsheetError, PlanFormatError) as error:
        where = f"第{error.row}行：" if getattr(error, "row", None) is not None else ""
        return f"文件被拒绝：不是可安全读取的 Excel 模板（{where}{error.reason}）"


def read_upload(file, indicators_by_number: dict, year_range: tuple[int, int]) -> UploadResult:
    """Check every row of an uploaded template; every problem names its row and column, in Chinese."""
    result = UploadResult()
    if not zipfile.is_zipfile(file):
        result.errors.append(_UNREADABLE)
        return result
    rows = _sheet_rows(file)
    if isinstance(rows, str):
        result.errors.append(rows)
        return result
    if not rows:
        result.errors.append("第1行：文件是空的，缺少表头")
        return result
    header = [_text(c) for c in rows[0][1]]
    positions = {}
    for key, title in COLUMN_ZH.items():
        if title in header:
            positions[key] = header.index(title)
        elif key in ("indicator", "year", "value"):
            result.errors.append(f"第1行：缺少必填列“{title}”，请使用本系统下载的模板")
    if result.errors:
        return result
    first, last = year_range
    for number, cells in rows[1:]:
        values = {key: _text(cells[i]) if i < len(cells) else "" for key, i in positions.items()}
        raw = {key: cells[i] if i < len(cells) else None for key, i in positions.items()}
        if not any(values.values()):
            continue
        if values.get("value", "") == "":
            result.skipped.append(number)
            continue
        row_errors = []

        def problem(key: str, message: str, row=number, errors=row_errors) -> None:
            errors.append(f"第{row}行“{COLUMN_ZH[key]}”列：{message}")

        indicator = None
        if not (
            values["indicator"].isascii() and values["indicator"].isdigit() and len(values["indicator"]) <= 6
        ):
            problem("indicator", f"“{values['indicator']}”不是指标序号，请不要修改序号列")
        else:
            indicator = indicators_by_number.get(int(values["indicator"]))
            if indicator is None:
                problem("indicator", f"指标{values['indicator']}不在本部门负责的指标中")
        year = None
        if not (values["year"].isascii() and values["year"].isdigit() and len(values["year"]) <= 4):
            problem("year", f"“{values['year']}”不是年份，应为四位数字，如{last}")
        else:
            year = int(values["year"])
            if not first <= year <= last:
                problem("year", f"{year}年不在规划期 {first}—{last} 年内")
        value = None
        if isinstance(raw["value"], int | float) and not isinstance(raw["value"], bool):
            value = float(raw["value"])
        else:
            try:
                value = float(values["value"].replace(",", ""))
                if not math.isfinite(value):
                    raise ValueError(values["value"])
            except ValueError:
                value = None
                problem("value", f"“{values['value']}”不是数字，请只填写数字，不要带单位或文字")
        measure_text = values.get("measure", "") or "水平值"
        measure = MEASURE_BY_LABEL.get(measure_text)
        if measure is None:
            problem(
                "measure", f"“{measure_text}”不是可选的计量方式（{'、'.join(lbl for _, lbl in MEASURES)}）"
            )
        if indicator is not None and indicator.parts and values.get("series"):
            names = [p["name"] for p in indicator.parts]
            if values["series"] not in names:
                problem("series", f"“{values['series']}”不是该指标的分项（{'、'.join(names)}）")
        unit = values.get("unit", "")  # checked and converted (元 → 万元 …) by the core afterwards
        if row_errors:
            result.errors.extend(row_errors)
            continue
        result.rows.append(
            {
                "row": number,
                "indicator": indicator,
                "year": year,
                "value": value,
                "measure": measure,
                "series": values.get("series", ""),
                "unit": unit or indicator.unit,
                "source": values.get("source", ""),
                "note": values.get("note", ""),
            }
        )
    result.errors = shown_errors(result.errors)
    return result


MAX_SHOWN_ERRORS = 200  # a page of messages, not megabytes: the first ones show what is wrong with the file


def shown_errors(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_SHOWN_ERRORS:
        return errors
    return [
        *errors[:MAX_SHOWN_ERRORS],
        f"……另有 {len(errors) - MAX_SHOWN_ERRORS} 处问题未列出，请先改正以上问题",
    ]


def check_with_engine(result: UploadResult, parsed_plan) -> None:
    """Run the core's row checks (units and their conversions, duplicates, pollutants) on rows that passed ours.

    Problems are added to `result.errors` naming row and column; converted values replace the typed ones.
    """
    from planwatch.evaluate import check_observation_rows

    header = ["indicator", "year", "value", "measure", "series", "unit", "source", "note"]
    records = [
        (
            row["row"],
            [
                row["indicator"].number,
                row["year"],
                row["value"],
                row["measure"],
                row["series"],
                row["unit"],
                row["source"],
                row["note"],
            ],
        )
        for row in result.rows
    ]
    observations, problems = check_observation_rows(header, records, parsed_plan, None)
    for problem in problems:
        column = COLUMN_ZH.get(problem.column or "", problem.column or "")
        where = f"第{problem.row}行“{column}”列" if column else f"第{problem.row}行"
        result.errors.append(f"{where}：{problem.reason}")
    converted = {o.row: o for o in observations}
    for row in result.rows:
        core = converted.get(row["row"])
        if core is not None and core.conversion:
            row["value"], row["unit"] = core.value, core.unit or row["unit"]
            row["note"] = "；".join(part for part in (row["note"], core.conversion) if part)
