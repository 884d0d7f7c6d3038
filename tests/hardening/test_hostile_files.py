"""Hostile and oversized files are refused with a message naming the file; CSV in every encoding Excel writes is
read; and the minimal inputs that broke the readers before (regressions found by the fuzz tests)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from planwatch.document.docx_reader import read_docx
from planwatch.document.text_reader import read_text
from planwatch.errors import ObservationError, PlanFormatError
from planwatch.evaluate import check_observation_rows, check_observations, read_observations
from planwatch.evaluate import observations as observations_module
from planwatch.numbers.horizons import find_horizons
from planwatch.numbers.numerals import parse_number
from planwatch.numbers.quantities import find_quantities
from planwatch.numbers.units import normalize
from planwatch.reading import read_plan
from tests.conftest import SONGJIANG
from tests.evaluate.test_observations import songjiang_like_plan
from tests.hardening.fuzzing import time_limit

CSV = "indicator,year,value,unit,source\n8,2022,2100,家,区科委\n19,2023,50,万平方米,区房管局\n"
ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet>&lol2;</worksheet>'
)
EXTERNAL_ENTITY = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet>&xxe;</worksheet>'


def workbook_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["indicator", "year", "value"])
    workbook.active.append([8, 2022, 2100])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def replace_part(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name else source.read(info))
        if name not in source.namelist():
            target.writestr(name, content)
    return buffer.getvalue()


def problems_of(path) -> list[str]:
    _, problems = check_observations(path, songjiang_like_plan())
    return [str(problem) for problem in problems]


# Office packages


def test_an_xlsx_zip_bomb_is_refused_before_openpyxl_unpacks_it(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(replace_part(workbook_bytes(), "xl/worksheets/sheet1.xml", b" " * (8 * 1024 * 1024)))
    with pytest.raises(ObservationError, match=r"bomb\.xlsx：无法读取工作簿：part xl/worksheets/sheet1"
                       r"\.xml is compressed \d+ to 1 \(more than 100 to 1\): a zip bomb"):  # fmt: skip
        read_observations(path, songjiang_like_plan())


@pytest.mark.parametrize("xml", [ENTITY_BOMB, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_an_xlsx_with_an_xml_entity_declaration_is_refused(tmp_path, xml):
    path = tmp_path / "entities.xlsx"
    path.write_bytes(replace_part(workbook_bytes(), "xl/worksheets/sheet1.xml", xml))
    assert problems_of(path) == [
        f"{path}：无法读取工作簿：part xl/worksheets/sheet1.xml declares a DOCTYPE or XML entities, "
        "which Word and Excel never write; refusing to read it"
    ]


def test_a_docx_zip_bomb_and_entities_are_refused(tmp_path):
    from tests.document.docx_builder import DocxWriter

    writer = DocxWriter()
    writer.paragraph("第一章 总则")
    path = writer.save(tmp_path / "plan.docx")
    original = path.read_bytes()
    path.write_bytes(replace_part(original, "word/bomb.xml", b"<a>" + b" " * (8 * 1024 * 1024) + b"</a>"))
    with pytest.raises(PlanFormatError, match="a zip bomb"):
        read_docx(path)
    path.write_bytes(replace_part(original, "word/document.xml", ENTITY_BOMB))
    with pytest.raises(PlanFormatError, match="declares a DOCTYPE or XML entities"):
        read_docx(path)


# Size limits


def test_a_text_plan_over_20_mb_is_refused_naming_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"x" * (20 * 1024 * 1024 + 1))
    with pytest.raises(PlanFormatError, match=r"huge\.txt: file is larger than 20 MB; refusing to read it"):
        read_text(path)


def test_a_paragraph_over_20000_characters_is_read_in_pieces_not_refused(tmp_path):
    lines = SONGJIANG.read_text(encoding="utf-8").split("\n")
    lines.insert(5, "发展" * 10_001)
    path = tmp_path / "long.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    with time_limit(30):
        plan = read_plan(path)
    assert len(plan.chapters) == 12
    assert len(plan.indicators) == 21


def test_a_csv_over_20_mb_is_refused(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_bytes(b"indicator,year,value\n" + b"8,2022,1\n" * (20 * 1024 * 1024 // 9 + 1))
    assert problems_of(path) == [f"{path}：文件有20.0 MB，超过20 MB 的上限：请拆分"]


def test_a_csv_over_200000_rows_is_refused_at_the_first_row_over(tmp_path):
    path = tmp_path / "long.csv"
    path.write_bytes(b"indicator,year,value\n" + b"8,2022,1\n" * 200_001)
    assert problems_of(path) == [f"{path}，第200002行：超过200,000行：请拆分文件"]


def test_an_xlsx_over_the_row_limit_is_refused(tmp_path, monkeypatch):
    from openpyxl import Workbook

    monkeypatch.setattr(observations_module, "MAX_ROWS", 5)
    workbook = Workbook()
    for year in range(2015, 2023):
        workbook.active.append([8, year, 1])
    path = tmp_path / "long.xlsx"
    workbook.save(path)
    # openpyxl writes the sheet's size first (<dimension ref="A1:C8">): refused before any row is read
    assert problems_of(path) == [
        f"{path}：无法读取工作簿：工作表声明了 8 行 × 3 列，超过上限（5 行、64 列），拒绝读取"
    ]


def test_an_xlsx_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(observations_module, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "big.xlsx"
    path.write_bytes(workbook_bytes() + b"\0" * (1024 * 1024))
    assert problems_of(path) == [f"{path}：文件有1.0 MB，超过1 MB 的上限：请拆分"]


# Encodings and binary data given as CSV


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + CSV.encode("utf-8"),
        CSV.encode("gb18030"),
        CSV.encode("utf-16"),
        b"\xfe\xff" + CSV.encode("utf-16-be"),
        CSV.replace(",", "\t").encode("utf-16"),  # Excel's "Unicode text"
        b"\xef\xbb\xbf\xef\xbb\xbf" + CSV.encode("utf-8"),
    ],
    ids=["utf-8-bom", "gb18030", "utf-16-le", "utf-16-be", "utf-16-tabs", "two-boms"],
)
def test_csv_in_excel_encodings_is_read_as_utf8_is(tmp_path, data):
    path = tmp_path / "obs.csv"
    path.write_bytes(data)
    observations = read_observations(path, songjiang_like_plan())
    assert observations.series(8)[2022].value == 2100
    assert observations.series(8)[2022].source == "区科委"
    assert observations.series(19)[2023].value == 50


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "第3行：二进制数据（NUL 字节）：不是 CSV 文件"),
        (b"PK\x03\x04\x14\x00\x00\x00", "第1行：二进制数据（NUL 字节）：是否把 .xlsx 工作簿命名成了 .csv？"),
        (b"indicator,year,value\n\xff\xfe\xfd", "第2行：文件既不是 UTF-8 也不是 GB18030 文本"),
        (b"\xff\xfei\x00n\x00\x00\xd8", "文件不是有效的 UTF-16 文本"),
    ],
    ids=["png", "xlsx", "garbled", "bad-utf-16"],
)
def test_a_binary_file_given_as_csv_is_refused_with_a_message(tmp_path, data, message):
    path = tmp_path / "obs.csv"
    path.write_bytes(data)
    with pytest.raises(ObservationError, match=re.escape(message)):
        read_observations(path, songjiang_like_plan())


def test_an_empty_csv_and_a_bom_only_csv_have_no_header_row(tmp_path):
    for data in (b"", b"\xef\xbb\xbf"):
        path = tmp_path / "empty.csv"
        path.write_bytes(data)
        assert problems_of(path) == [f"{path}，第1行：文件是空的：没有表头行"]


def test_a_csv_cell_over_the_csv_field_limit_names_its_row(tmp_path):
    path = tmp_path / "obs.csv"
    path.write_bytes(b'indicator,year,value,note\n8,2022,1,"' + b"x" * 200_000 + b'"\n')
    assert problems_of(path) == [f"{path}，第2行：无法读取的 CSV 行：field larger than field limit (131072)"]


# Regressions: the minimal inputs the fuzz tests found


HEADER = ["indicator", "year", "value", "unit"]


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (["9" * 5000, "2022", "1"], "第2行“指标”列：未知指标“99999999999999999999"),
        (["8", "9" * 5000, "1"], "第2行“年份”列：“999999"),
        (["8", "2022", 10**400], "第2行“数值”列：数值必须是有限的数字"),
        (["8", "2022", float("inf")], "第2行“数值”列：数值必须是有限的数字"),
        (["8", "2022", float("nan")], "第2行“数值”列：数值必须是有限的数字"),
        (["8", "2022", 1e305, "万家"], "第2行“数值”列：数值1e+305万家换算为家后超出范围"),
        (["8", "2022", "1e100"], "第2行“数值”列：数值1e+100大得不合常理（超过1e+15家）"),
        (["1", "2022", "-100"], "第2行“数值”列：年增长-100%不可能"),
    ],
    ids=[
        "huge-indicator",
        "huge-year",
        "huge-int",
        "inf",
        "nan",
        "conversion-overflow",
        "implausibly-large",
        "growth-of-minus-100",
    ],
)
def test_huge_and_non_finite_cells_are_problems_not_crashes(cells, message):
    _, problems = check_observation_rows(HEADER, [(2, cells)], songjiang_like_plan(), "obs.csv")
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"obs.csv，{message}")
    assert len(str(problems[0])) < 600


def test_hundreds_of_digits_are_no_number_and_no_quantity():
    assert parse_number("9" * 400) is None
    assert find_quantities("9" * 400 + "万个") == []
    assert normalize(float("inf"), "万个") == (float("inf"), "个")


def test_footnote_markers_with_thousands_of_digits_are_text(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("第一章 总则\n说明[footnoteRef:" + "1" * 5000 + "]。\n", encoding="utf-8")
    assert "[footnoteRef:" in read_text(path).blocks[1].text


@pytest.mark.parametrize("piece", ["[1:a]b", "[bookmark:"], ids=["footnote-bodies", "bookmarks"])
def test_a_long_line_of_unclosed_markers_is_read_in_linear_time(tmp_path, piece):
    path = tmp_path / "plan.txt"
    path.write_text("第一章 总则\n" + piece * 100_000 + "\n", encoding="utf-8")
    with time_limit(5):
        document = read_text(path)
    assert document.blocks[1].text.startswith(piece * 3)


def test_horizons_of_a_long_paragraph_are_found_in_linear_time():
    with time_limit(5):
        found = find_horizons("到2025年，" * 30_000)
    assert len(found) == 30_000 and found[-1].year == 2025


def test_a_paragraph_with_more_than_500_numbers_is_read_in_pieces_within_the_time_limit(tmp_path):
    lines = SONGJIANG.read_text(encoding="utf-8").split("\n")
    lines.insert(5, "9个" * 501)
    path = tmp_path / "numbers.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    with time_limit(10):
        plan = read_plan(path)
    assert len(plan.chapters) == 12


def test_a_docx_whose_zip_starts_one_byte_late_is_refused(tmp_path):
    from tests.document.docx_builder import DocxWriter

    writer = DocxWriter()
    writer.paragraph("第一章 总则")
    path = writer.save(tmp_path / "plan.docx")
    path.write_bytes(path.read_bytes()[1:])
    with pytest.raises(
        PlanFormatError,
        match=r"plan\.docx: cannot unpack part \[Content_Types\]\.xml: the zip archive is damaged",
    ):
        read_docx(path)


def test_a_docx_whose_styles_part_is_not_styles_is_refused(tmp_path):
    from tests.document.docx_builder import DocxWriter, rewrite_part

    writer = DocxWriter()
    writer.paragraph("第一章 总则")
    path = writer.save(tmp_path / "plan.docx")
    rewrite_part(path, "word/styles.xml", b"<x/>")
    with pytest.raises(PlanFormatError, match="the styles part of the Word package has <x> at its root"):
        read_docx(path)


def test_a_docx_paragraph_of_300000_runs_is_read_in_linear_time(tmp_path):
    from tests.document.docx_builder import W_NS, DocxWriter, rewrite_part

    writer = DocxWriter()
    writer.paragraph("第一章 总则")
    path = writer.save(tmp_path / "plan.docx")
    # Characters that do not repeat, so that the part stays under the zip-bomb ratio.
    runs = "".join(
        f"<w:r><w:t>{chr(0x4E00 + i * 7919 % 20000)}{chr(0x4E00 + i * 104729 % 20000)}</w:t></w:r>"
        for i in range(300_000)
    )
    xml = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>第一章 总则</w:t></w:r></w:p><w:p>{runs}</w:p></w:body></w:document>'
    rewrite_part(path, "word/document.xml", xml.encode("utf-8"))
    with time_limit(15):
        document = read_docx(path)
    assert len(document.lines[1]) == 600_000


def test_an_xlsx_formula_without_a_cached_value_is_an_empty_value_named_by_row(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["indicator", "year", "value"])
    workbook.active.append([8, 2022, "=1+1"])  # openpyxl writes no cached value, as a generated file may
    path = tmp_path / "formula.xlsx"
    workbook.save(path)
    assert problems_of(path) == [f"{path}，第2行“数值”列：数值为空（.xlsx 中未计算过的公式也读作空）"]


def test_a_damaged_zip_header_gives_a_short_message(tmp_path):
    data = bytearray(workbook_bytes())
    data[199:199] = b"\x00"  # shifts the local header names against the directory: zipfile quotes the bytes
    del data[223]
    path = tmp_path / "obs.xlsx"
    path.write_bytes(bytes(data))
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}：无法读取工作簿：cannot unpack part ")
    assert len(problem) < len(str(path)) + 250


def test_a_zip_directory_asking_for_a_newer_zip_version_is_refused(tmp_path):
    data = bytearray(workbook_bytes())
    entry = data.rindex(b"PK\x01\x02")
    data[entry + 6] = 235  # "version needed to extract" 23.5: zipfile raises NotImplementedError
    path = tmp_path / "obs.xlsx"
    path.write_bytes(bytes(data))
    assert problems_of(path) == [
        f"{path}：无法读取工作簿：not a spreadsheet (.xlsx) file: its zip directory is damaged "
        "(zip file version 23.5)"
    ]


def test_a_docx_part_with_entities_is_refused_whatever_its_name(tmp_path):
    """Parts are recognised as XML by their first bytes, not by a `.xml` name (python-docx opens by relationship)."""
    import zipfile

    from planwatch.document.package import check_package
    from planwatch.errors import PlanFormatError

    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
        archive.writestr(
            "word/document2.bin",
            '\ufeff  <?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><d>&b;</d>',
        )
        archive.writestr("word/media/image1.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(PlanFormatError) as caught:
        check_package(path, ("[Content_Types].xml", "word/document.xml"), "Word .docx")
    assert caught.value.reason.startswith("part word/document2.bin declares a DOCTYPE or XML entities")
