import io
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from tests.report.sample import SAMPLE_FINAL, SAMPLE_MIDTERM, verdict_counts


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _indicator_table(document):
    return next(
        t for t in document.tables if t.rows[0].cells[0].text == "序号" and t.rows[0].cells[8].text == "评价"
    )


def test_the_summary_paragraph_states_the_counts_of_the_evaluation(midterm_docx):
    summary = next(p.text for p in _open(midterm_docx).paragraphs if p.text.startswith("截至2023年"))
    assert verdict_counts(summary) == SAMPLE_MIDTERM
    assert "另有“户籍人口居民平均预期寿命”1项尚无2023年监测数据" in summary
    assert "8项约束性指标中，5项达到进度要求，“地表水达到或好于Ⅲ类水体比例”进度滞后" in summary


def test_the_final_summary_uses_completed_nearly_and_not_completed(final_docx):
    summary = next(p.text for p in _open(final_docx).paragraphs if p.text.startswith("规划实施期"))
    assert verdict_counts(summary) == SAMPLE_FINAL


def test_the_indicator_table_has_every_indicator_with_hand_checked_values(midterm_docx):
    table = _indicator_table(_open(midterm_docx))
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "指标",
        "单位",
        "属性",
        "基期值",
        "目标值",
        "本期值",
        "完成进度",
        "评价",
    ]
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[1:]}
    assert len(rows) == 21
    assert rows["8"] == [
        "8",
        "有效期内高新技术企业数",
        "家",
        "预期性",
        "1755",
        "3200",
        "3300※",
        "107%※",
        "提前实现※",
    ]
    # (53.2 − 52) / (60 − 52) = 15 %
    assert rows["13"][3:] == ["约束性", "52", "60", "53.2※", "15.0%※", "滞后于预期※"]
    assert rows["1"][6:] == ["4.2※", "年均4.6%※", "滞后于预期※"]
    assert rows["14"][8] == "待录入下达指标"


def test_binding_indicators_not_achieved_head_the_final_table(final_docx):
    table = _indicator_table(_open(final_docx))
    first = [c.text for c in table.rows[1].cells]
    # 13: (55 − 52) / (60 − 52) = 37.5 %
    assert first[0] == "13" and first[3] == "约束性" and first[7:] == ["37.5%※", "未完成※"]
    assert [row.cells[0].text for row in table.rows[2:5]] == ["1", "2", "3"]


def test_table_header_rows_repeat_on_every_page(midterm_docx):
    for table in _open(midterm_docx).tables:
        if table.rows[0].cells[0].text in ("序号", "指标"):
            assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_every_run_names_its_east_asian_font(midterm_docx):
    document = _open(midterm_docx)
    faces = set()
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if run.text.strip():
                fonts = run._element.rPr.find(qn("w:rFonts"))
                faces.add(fonts.get(qn("w:eastAsia")))
    assert faces == {"方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"}


def test_the_gb_fonts_fall_back_to_the_installed_noto_fonts(midterm_docx):
    document = _open(midterm_docx)
    table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    xml = table.blob.decode("utf-8")
    assert 'w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>' in xml
    assert 'w:name="黑体"><w:altName w:val="Noto Sans CJK SC"/>' in xml


def test_pages_are_a4_with_gb_margins_and_numbered_after_the_title_page(midterm_docx):
    document = _open(midterm_docx)
    (body,) = document.sections
    assert (
        round(body.page_width.mm),
        round(body.page_height.mm),
        round(body.top_margin.mm),
        round(body.left_margin.mm),
    ) == (210, 297, 37, 28)
    assert "PAGE" in body.footer._element.xml and "— " in body.footer.paragraphs[0].text
    # the title page is page 0 with its own (empty) footer: the text's first page is — 1 —
    assert body.different_first_page_header_footer
    assert not body.first_page_footer.paragraphs[0].text.strip()
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "0"


def test_no_blank_page_follows_the_title_page(midterm_docx):
    """One section (no section break that could start an odd page after the odd title page) and one break
    between the cover's last line and the first heading: the heading's page-break-before."""
    document = _open(midterm_docx)
    body = document.element.body
    assert len(body.findall(".//" + qn("w:sectPr"))) == 1
    paragraphs = document.paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.text.startswith("一、"))
    assert paragraphs[first].paragraph_format.page_break_before
    assert paragraphs[first - 1].text.startswith("本报告含示例数据")  # the cover's notice, no empty paragraph
    between = [p for p in paragraphs[: first + 1] if 'w:type="page"' in p._element.xml]
    assert between == []


def test_the_title_page_names_the_report_and_its_illustrative_data(midterm_docx):
    texts = [p.text for p in _open(midterm_docx).paragraphs[:8]]
    assert (  # one title paragraph, broken between words by line breaks
        "《上海市松江区国民经济和社会发展\n第十四个五年规划和\n二〇三五年远景目标纲要》\n实施情况中期评估报告"
        in texts
    )
    assert any(t.startswith("本报告含示例数据") for t in texts)


def test_charts_are_embedded_as_pictures(midterm_docx):
    document = _open(midterm_docx)
    images = [r for r in document.part.rels.values() if r.reltype.endswith("/image")]
    assert len(images) == 17  # the summary and 16 indicators with data


def test_the_real_engine_counts_reach_the_report(
    songjiang_plan, demo_final_evaluation, demo_observations, artifacts
):
    from planwatch.report import build_report

    data = build_report(
        songjiang_plan, demo_final_evaluation, "final", "docx", observations=demo_observations
    )
    (artifacts / "songjiang-final.docx").write_bytes(data)
    summary = next(p.text for p in _open(data).paragraphs if p.text.startswith("规划实施期"))
    counts = demo_final_evaluation.summary()
    expected = {
        zh: counts[s]
        for s, zh in (("achieved", "完成"), ("nearly_achieved", "基本完成"), ("not_achieved", "未完成"))
        if counts.get(s)
    }
    assert f"纲要提出的{len(demo_final_evaluation.indicators)}项主要指标中，" in summary
    assert verdict_counts(summary) == expected


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed (optional, for review)"
)
def test_the_document_renders_in_libreoffice(midterm_docx, artifacts, tmp_path):
    source = tmp_path / "sample-midterm-docx.docx"
    source.write_bytes(midterm_docx)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    for old in artifacts.glob("sample-midterm-docx-page-*.png"):
        old.unlink()
    prefix = artifacts / "sample-midterm-docx-page"
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(tmp_path / "sample-midterm-docx.pdf"), str(prefix)], check=True
    )
    assert len(list(artifacts.glob("sample-midterm-docx-page-*.png"))) >= 8
