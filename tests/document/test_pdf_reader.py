"""Reading PDF plans (text layer): the same plan as the text export of the same content; running headers,
footers and page numbers dropped; lines rejoined; tables read from positions; spaces typeset into numbers
removed; every line with its page. PDFs are made here with WeasyPrint from HTML, as published plans are typeset."""

from __future__ import annotations

import json
from html import escape

import pytest
from click.testing import CliRunner

from planwatch.cli import main
from planwatch.document import read_document, sniff
from planwatch.document.pdf_reader import normalise_spacing
from planwatch.errors import PlanFormatError
from planwatch.plan import headings
from planwatch.plan.structure import build_plan
from planwatch.reading import plan_to_json, read_plan
from tests.document.docx_builder import DocxWriter
from tests.plan.test_heading_forms import NATIONAL, PROVINCIAL

PAGE_STYLE = """
@page { size: A5; margin: 2cm 1.8cm;
  @top-center { content: "某省国民经济和社会发展第十四个五年规划纲要"; font-size: 8pt }
  @bottom-center { content: "— " counter(page) " —"; font-size: 8pt } }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 10.5pt; line-height: 1.6 }
p { text-indent: 2em; margin: 0 }
h1 { text-align: center; font-size: 16pt } h2 { text-align: center; font-size: 14pt }
h3 { font-size: 12pt } h4 { font-size: 10.5pt; text-indent: 2em; margin: 0 }
table { border-collapse: collapse; font-size: 9pt } td, th { border: 0.5pt solid black; padding: 3pt }
"""
TAG_OF_FORM = {"part": "h2", "chapter": "h2", "jie": "h3", "cn": "h4"}
LONG_PARAGRAPH = (
    "坚持把发展经济着力点放在实体经济上，加快推进制造强省、质量强省建设，推进产业基础高级化、产业链现代化，"
    "提高经济质量效益和核心竞争力，到2025年全省规模以上工业增加值达到424.74 亿元，研发经费投入强度达到2.8%以上。"
)


def html_of(text: str, extra: str = "", style: str = PAGE_STYLE) -> str:
    body = []
    for index, line in enumerate(text.strip("\n").split("\n")):
        heading = headings.classify(line)
        tag = (
            "h1"
            if index < 4 and ("规划" in line or "纲要" in line)
            else TAG_OF_FORM.get(heading.form, "p")
            if heading
            else "p"
        )
        body.append(f"<{tag}>{escape(line)}</{tag}>")
    return f"<html><head><style>{style}</style></head><body>{''.join(body)}{extra}</body></html>"


def write_pdf(html: str, path):
    from weasyprint import HTML

    HTML(string=html).write_pdf(path)
    return path


def shape(plan):
    return (
        [(p.number, p.title, p.chapters) for p in plan.parts],
        [(c.number, c.title, [(s.number, s.level, s.title) for s in c.sections]) for c in plan.chapters],
    )


@pytest.fixture(scope="module")
def provincial_pdf(tmp_path_factory):
    # Enough paragraphs to run over several pages, so that the running header and page numbers repeat.
    text = PROVINCIAL.replace(
        "全省生产总值突破4万亿元。", "全省生产总值突破4万亿元。\n" + (LONG_PARAGRAPH + "\n") * 12
    )
    return text, write_pdf(html_of(text), tmp_path_factory.mktemp("pdf") / "provincial.pdf")


def test_a_pdf_gives_the_same_chapters_and_sections_as_the_text_of_the_same_content(provincial_pdf, tmp_path):
    text, pdf = provincial_pdf
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    from_text = read_plan(tmp_path / "plan.txt")
    from_pdf = read_plan(pdf)
    assert shape(from_pdf) == shape(from_text)
    assert from_pdf.title == "某省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert [a.title for a in from_pdf.annexes] == ["附件", "名词解释"]


def test_running_headers_and_page_numbers_are_dropped_and_wrapped_lines_rejoined(provincial_pdf):
    _, pdf = provincial_pdf
    document = read_document(pdf)
    texts = [block.text for block in document.blocks if hasattr(block, "text")]
    assert max(document.line_pages) >= 3
    assert not any("— " in text or text == "某省国民经济和社会发展第十四个五年规划纲要" for text in texts)
    joined = LONG_PARAGRAPH.replace("424.74 亿元", "424.74亿元")
    assert texts.count(joined) == 12  # each paragraph whole again, across line and page breaks
    # The source map: every piece of a paragraph stands on its line, and every line on its page.
    paragraph = next(block for block in document.blocks if getattr(block, "text", "") == joined)
    assert len(paragraph.pieces) >= 2
    for piece in paragraph.pieces:
        assert document.source_line(piece.line)[piece.column :].startswith(joined[piece.start : piece.end])


def test_a_pdf_plan_json_gives_the_page_beside_every_line(provincial_pdf):
    _, pdf = provincial_pdf
    data = plan_to_json(read_plan(pdf))
    chapter2 = data["chapters"][1]
    assert chapter2["title"] == "总体要求"
    assert chapter2["page"] >= 2
    assert all("page" in section for chapter in data["chapters"] for section in chapter["sections"])
    assert data["chapters"][0]["page"] == 1


def test_the_national_form_in_pdf_keeps_parts_and_jie_sections(tmp_path):
    pdf = write_pdf(html_of(NATIONAL), tmp_path / "national.pdf")
    (tmp_path / "national.txt").write_text(NATIONAL, encoding="utf-8")
    assert shape(read_plan(pdf)) == shape(read_plan(tmp_path / "national.txt"))


INDICATOR_TABLE = """<p>表1 主要指标</p><table>
<tr><th>序号</th><th>指标</th><th>单位</th><th>2025年目标</th><th>属性</th></tr>
<tr><td>1</td><td>地区生产总值增长</td><td>%</td><td>6左右</td><td>预期性</td></tr>
<tr><td>2</td><td>森林覆盖率</td><td>%</td><td>19.5</td><td>约束性</td></tr>
<tr><td>3</td><td>单位地区生产总值能源消耗降低</td><td>%</td><td>〔13.5〕</td><td>约束性</td></tr>
</table><p>坚持发展。</p>"""


def test_a_table_is_read_from_the_positions_of_its_words(tmp_path):
    text = "某省国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求\n第一节 主要目标\n到2025年，全省经济实力显著增强。"
    pdf = write_pdf(html_of(text, INDICATOR_TABLE), tmp_path / "table.pdf")
    plan = read_plan(pdf)
    (table,) = plan.tables
    assert table.caption == "表1 主要指标"
    assert table.header == ["序号", "指标", "单位", "2025年目标", "属性"]
    assert table.rows == [
        ["1", "地区生产总值增长", "%", "6左右", "预期性"],
        ["2", "森林覆盖率", "%", "19.5", "约束性"],
        ["3", "单位地区生产总值能源消耗降低", "%", "〔13.5〕", "约束性"],
    ]
    assert [(i.number, i.name, i.target.value) for i in plan.indicators] == [
        (1, "地区生产总值增长", 6.0),
        (2, "森林覆盖率", 19.5),
        (3, "单位地区生产总值能源消耗降低", 13.5),
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("地区生产总值达到424.74 亿元", "地区生产总值达到424.74亿元"),
        ("研发投入强度达到2.8 %以上", "研发投入强度达到2.8%以上"),
        ("增长 6 . 5 %", "增长6.5%"),
        ("第 一 章 总 体 要 求", "第一章总体要求"),
        ("到 2025 年", "到2025年"),
        ("GDP growth 6 5", "GDP growth 6 5"),
    ],
)
def test_typeset_spaces_between_characters_inside_numbers_and_before_units_are_removed(row, expected):
    assert normalise_spacing(row) == expected


def test_a_pdf_without_a_text_layer_is_refused_saying_so(tmp_path):
    from tests.document.docx_builder import png_bytes

    (tmp_path / "scan.png").write_bytes(png_bytes())
    pdf = write_pdf(
        f'<html><body><img src="file://{tmp_path}/scan.png" width="400"></body></html>', tmp_path / "scan.pdf"
    )
    with pytest.raises(PlanFormatError, match="no text layer"):
        read_document(pdf)
    result = CliRunner().invoke(main, ["parse", str(pdf)])
    assert result.exit_code == 2
    assert "no text layer" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


@pytest.mark.parametrize(
    ("name", "format_named"),
    [
        ("plan.doc", "Word 97-2003 document (.doc)"),
        ("plan.wps", "old WPS document (.wps)"),
        ("plan.docx", ".doc"),
    ],
)
def test_an_old_binary_word_or_wps_file_is_named_with_how_to_convert_it(tmp_path, name, format_named):
    path = tmp_path / name
    path.write_bytes(OLE2)
    assert sniff(path) == "ole2"
    with pytest.raises(PlanFormatError, match="save it as .docx") as caught:
        read_document(path)
    assert format_named in str(caught.value)
    assert name in str(caught.value)


@pytest.mark.parametrize("name", ["plan.doc", "PLAN.DOCX", "plan.txt"])
def test_a_docx_is_read_whatever_its_name_says(tmp_path, name):
    writer = DocxWriter()
    for line in (
        "某县国民经济和社会发展第十四个五年规划纲要",
        "第一章 总体要求",
        "一、指导思想",
        "坚持发展。",
    ):
        writer.paragraph(line)
    path = writer.save(tmp_path / name)
    plan = build_plan(read_document(path))
    assert [(c.number, c.title, [s.title for s in c.sections]) for c in plan.chapters] == [
        (1, "总体要求", ["指导思想"])
    ]


def test_parse_prints_pages_in_json_for_a_pdf(provincial_pdf):
    _, pdf = provincial_pdf
    result = CliRunner().invoke(main, ["parse", str(pdf), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["title"] for c in data["chapters"]] == ["发展基础", "总体要求"]
    assert data["warnings"] == []


NATIONAL_TABLE = """<p>表1 主要指标</p><table>
<tr><th rowspan="2">类别</th><th rowspan="2">指标</th><th rowspan="2">2020年</th><th colspan="2">“十四五”目标</th><th rowspan="2">属性</th></tr>
<tr><th>2025年</th><th>年均/累计</th></tr>
<tr><td rowspan="2">经济发展</td><td>1.国内生产总值（GDP）增长（%）</td><td>2.3</td><td>—</td><td>保持在合理区间、各年度视情提出</td><td>预期性</td></tr>
<tr><td>2.常住人口城镇化率（%）</td><td>60.6<sup>*</sup></td><td>65</td><td>—</td><td>预期性</td></tr>
<tr><td>绿色生态</td><td>3.单位GDP能源消耗降低（%）</td><td>—</td><td>—</td><td>〔13.5〕</td><td>约束性</td></tr>
</table><p>坚持发展。</p>"""


def test_a_ruled_table_with_merged_header_and_category_cells_is_read_as_a_text_export_writes_it(tmp_path):
    text = "某省国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求\n第一节 主要目标\n到2025年，全省经济实力显著增强。"
    document = read_document(write_pdf(html_of(text, NATIONAL_TABLE), tmp_path / "national-table.pdf"))
    (table,) = [block for block in document.blocks if not hasattr(block, "text")]
    # The header cell merged over two columns is one cell (fewer cells, as in a text export); merged down, the
    # text stands in the first row and the rows below are empty; a wrapped cell is whole; the raised * stays after.
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["类别", "指标", "2020年", "“十四五”目标", "属性"],
        ["", "", "", "2025年", "年均/累计", ""],
        [
            "经济发展",
            "1.国内生产总值（GDP）增长（%）",
            "2.3",
            "—",
            "保持在合理区间、各年度视情提出",
            "预期性",
        ],
        ["", "2.常住人口城镇化率（%）", "60.6*", "65", "—", "预期性"],
        ["绿色生态", "3.单位GDP能源消耗降低（%）", "—", "—", "〔13.5〕", "约束性"],
    ]
    # Each table row is one source line, its cells separated by TABs; every cell maps onto its line.
    for row in table.rows:
        for cell in row:
            for piece in cell.pieces:
                assert document.source_line(piece.line)[piece.column :].startswith(cell.text)


def test_a_ruled_table_broken_across_a_page_is_one_table(tmp_path):
    rows = "".join(
        f"<tr><td>{n}</td><td>第{n}项指标</td><td>%</td><td>{n}.5</td><td>预期性</td></tr>"
        for n in range(1, 41)
    )
    table = f"<table><tr><th>序号</th><th>指标</th><th>单位</th><th>2025年目标</th><th>属性</th></tr>{rows}</table>"
    text = "某省国民经济和社会发展第十四个五年规划纲要\n第一章 总体要求"
    document = read_document(write_pdf(html_of(text, table), tmp_path / "long-table.pdf"))
    (table_block,) = [block for block in document.blocks if not hasattr(block, "text")]
    assert len({document.page_of(row[0].line) for row in table_block.rows}) >= 2
    assert [row[0].text for row in table_block.rows] == ["序号"] + [str(n) for n in range(1, 41)]
    assert table_block.rows[40][3].text == "40.5"


def test_a_centred_title_wrapped_in_the_middle_of_a_word_is_one_title(tmp_path):
    html = (
        "<html><head><style>@page { size: A5; margin: 2cm } body { font-family: 'Noto Sans CJK SC' }"
        " h1 { width: 80%; margin: auto; text-align: center; font-size: 16pt }</style></head><body>"
        "<h1>上海市江海区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要</h1>"
        "<h2>第一章 总体要求</h2><p>坚持稳中求进工作总基调。</p></body></html>"
    )
    plan = read_plan(write_pdf(html, tmp_path / "title.pdf"))
    assert plan.title == "上海市江海区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert [c.title for c in plan.chapters] == ["总体要求"]


def test_footnotes_at_the_foot_of_a_page_are_footnotes_and_their_raised_marks_references(tmp_path):
    style = (
        "@page { size: A5; margin: 2cm } body { font-family: 'Noto Sans CJK SC'; font-size: 10.5pt }"
        " p { text-indent: 2em; margin: 0 } .fn { float: footnote; font-size: 8pt; text-indent: 0 }"
        " .fn::footnote-marker { content: counter(footnote) '. ' }"
    )
    html = (
        f"<html><head><style>{style}</style></head><body>"
        "<p>某区国民经济和社会发展第十四个五年规划纲要</p><p>第一章 总体要求</p>"
        "<p>全面深化“五个中心”<span class='fn'>“五个中心”：国际经济、金融、贸易、航运、科技创新中心。</span>"
        "建设，加快建设现代化新城区。</p></body></html>"
    )
    plan = read_plan(write_pdf(html, tmp_path / "notes.pdf"))
    assert [(f.number, f.term, f.definition) for f in plan.footnotes] == [
        (1, "五个中心", "国际经济、金融、贸易、航运、科技创新中心。")
    ]
    (item,) = plan.chapters[0].items
    assert item.text == "全面深化“五个中心”建设，加快建设现代化新城区。"


def test_an_excel_workbook_given_as_a_plan_is_named(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "plan.docx"
    Workbook().save(path)
    with pytest.raises(PlanFormatError, match=r"this is an Excel workbook \(.xlsx\), not a plan document"):
        read_document(path)


@pytest.mark.parametrize("name", ["MUNICIPAL", "DISTRICT", "DOTTED_WITH_LISTS"])
def test_the_other_heading_forms_in_pdf_give_the_structure_of_their_text(name, tmp_path):
    from tests.plan import test_heading_forms

    text = getattr(test_heading_forms, name)
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    # One page: a running header would stand once, like any line, so these pages have none.
    style = PAGE_STYLE.replace('content: "某省国民经济和社会发展第十四个五年规划纲要"', 'content: ""')
    pdf = write_pdf(html_of(text, style=style), tmp_path / "plan.pdf")
    from_text, from_pdf = read_plan(tmp_path / "plan.txt"), read_plan(pdf)
    assert shape(from_pdf) == shape(from_text)
    assert from_pdf.title == from_text.title
