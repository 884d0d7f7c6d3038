import pytest

from planwatch.report import FORMATS, MEDIA_TYPES, build_report, report_filename

MAGIC = {"docx": b"PK", "xlsx": b"PK", "pdf": b"%PDF", "html": b"<!DOCTYPE html>"}


def test_every_format_has_a_media_type_and_a_file_name():
    assert set(MEDIA_TYPES) == set(FORMATS)
    assert report_filename("midterm", 2023, "docx") == "2023年_中期评估报告.docx"
    assert report_filename("annual", 2024, "xlsx") == "2024年度监测报告_数据.xlsx"


@pytest.mark.parametrize("fmt", ["html", "xlsx"])
def test_build_report_returns_the_file_bytes(songjiang_plan, midterm_evaluation, fmt):
    assert build_report(songjiang_plan, midterm_evaluation, "annual", fmt).startswith(MAGIC[fmt])


def test_an_unknown_format_or_kind_is_refused(songjiang_plan, midterm_evaluation):
    with pytest.raises(ValueError, match="format"):
        build_report(songjiang_plan, midterm_evaluation, "midterm", "odt")
    with pytest.raises(ValueError, match="kind"):
        build_report(songjiang_plan, midterm_evaluation, "quarterly", "html")
