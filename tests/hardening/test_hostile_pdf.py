"""Hostile PDFs — huge, thousands of pages, encrypted, damaged — give one clear line (exit 2) or a plan, quickly;
never a traceback or a hang. The files are written here by a small generator, not committed."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from planwatch.cli import main
from planwatch.document import pdf_reader
from planwatch.errors import PlanFormatError
from planwatch.reading import read_plan
from tests.hardening.fuzzing import time_limit
from tests.hardening.pdf_builder import build_pdf

PLAN = [
    "某县国民经济和社会发展第十四个五年规划纲要",
    "第一章 发展基础",
    "一、主要成就",
    "全县生产总值突破500亿元。",
]
PLAN += ["第二章 总体要求", "一、指导思想", "坚持稳中求进。"]
CHAPTERS = [(1, "发展基础", ["主要成就"]), (2, "总体要求", ["指导思想"])]


def outline(plan):
    return [(c.number, c.title, [s.title for s in c.sections]) for c in plan.chapters]


def parse(path):
    return CliRunner().invoke(main, ["parse", str(path)])


def test_a_small_hand_written_pdf_is_read(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(build_pdf([PLAN]))
    plan = read_plan(path)
    assert outline(plan) == CHAPTERS
    assert plan.title == "某县国民经济和社会发展第十四个五年规划纲要"


def test_a_30_mb_pdf_is_read_within_seconds(tmp_path):
    path = tmp_path / "big.pdf"
    path.write_bytes(build_pdf([PLAN], padding_bytes=30 * 1024 * 1024))
    assert path.stat().st_size > 30 * 1024 * 1024
    with time_limit(20):
        assert outline(read_plan(path)) == CHAPTERS


def test_a_pdf_over_the_size_limit_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PDF_BYTES", 10_000)
    path = tmp_path / "big.pdf"
    path.write_bytes(build_pdf([PLAN], padding_bytes=20_000))
    result = parse(path)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"planwatch: {path}: the PDF has 0 MB, over the limit of 0 MB"


def test_a_pdf_of_2000_pages_is_refused_with_one_line(tmp_path):
    path = tmp_path / "pages.pdf"
    path.write_bytes(build_pdf([PLAN] + [[f"第{i}页"] for i in range(1999)]))
    with time_limit(20):
        result = parse(path)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"planwatch: {path}: the PDF has 2,000 pages, over the limit of 1,000: is it a plan outline "
        "(a national one has about 150)? Split off the plan's pages"
    )


def test_reading_stops_at_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PDF_SECONDS", 0.0)
    path = tmp_path / "slow.pdf"
    path.write_bytes(build_pdf([PLAN, PLAN]))
    with pytest.raises(PlanFormatError, match="was stopped at page 1 of 2"):
        read_plan(path)


def test_an_encrypted_pdf_says_so_in_one_line(tmp_path):
    path = tmp_path / "secret.pdf"
    path.write_bytes(build_pdf([PLAN], encrypt=True))
    result = parse(path)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"planwatch: {path}: the PDF is encrypted (password-protected): open it with its password and save an "
        "unprotected copy"
    )


def test_a_pdf_with_a_damaged_cross_reference_table_is_still_read(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(build_pdf([PLAN], break_xref=True))
    with time_limit(20):
        result = parse(path)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        build_pdf([PLAN])[:600],
        b"%PDF-1.4\n" + bytes(range(256)) * 400,
    ],
    ids=["header-only", "no-pages", "truncated", "garbage-after-header"],
)
def test_broken_pdfs_give_one_line_and_exit_2(tmp_path, data):
    """Nothing readable is left in these: one line naming the file, exit 2."""
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with time_limit(20):
        result = parse(path)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"planwatch: {path}: ")


def test_a_pdf_with_a_damaged_page_tree_is_read_as_far_as_pdfium_repairs_it(tmp_path):
    path = tmp_path / "tree.pdf"
    path.write_bytes(build_pdf([PLAN]).replace(b"/Type /Pages", b"/Type /Pagez"))
    with time_limit(20):
        assert outline(read_plan(path)) == CHAPTERS


def test_pdfs_with_random_bytes_changed_give_a_plan_or_one_clear_error(tmp_path):
    import random

    from planwatch.document import read_document

    rng = random.Random(20261201)
    original = build_pdf([PLAN, PLAN])
    outcomes = {"read": 0, "refused": 0}
    path = tmp_path / "mutated.pdf"
    for _ in range(60):
        data = bytearray(original)
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
        with time_limit(10):
            try:
                read_document(path)
                outcomes["read"] += 1
            except PlanFormatError as error:
                assert str(error).startswith(f"{path}: ") and "\n" not in str(error)
                outcomes["refused"] += 1
    assert outcomes["read"] + outcomes["refused"] == 60
    assert outcomes["read"] > 0  # PDFium repairs many damaged files


def test_a_scan_with_only_page_numbers_as_text_says_it_has_no_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(build_pdf([["- 1 -"], ["- 2 -"], ["- 3 -"]]))
    result = parse(path)
    assert result.exit_code == 2
    assert "no text layer beyond its page numbers" in result.stderr
