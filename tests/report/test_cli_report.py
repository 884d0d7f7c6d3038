import json

import openpyxl
from click.testing import CliRunner

from planwatch.cli import main
from tests.report.conftest import DEMO_OBSERVATIONS


def test_the_report_command_writes_the_workbook(songjiang_path, tmp_path):
    out = tmp_path / "年度.xlsx"
    texts = tmp_path / "texts.json"
    texts.write_text(json.dumps({"narratives": {"next_steps": "继续推进。"}}), encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "report",
            str(songjiang_path),
            "--observations",
            str(DEMO_OBSERVATIONS),
            "--year",
            "2023",
            "--kind",
            "annual",
            "-o",
            str(out),
            "--texts",
            str(texts),
        ],
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book["主要指标"].max_row >= 22


def test_the_format_must_be_known(songjiang_path, tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "report",
            str(songjiang_path),
            "--observations",
            str(DEMO_OBSERVATIONS),
            "--year",
            "2023",
            "--kind",
            "final",
            "-o",
            str(tmp_path / "x.odt"),
        ],
    )
    assert result.exit_code == 2 and "give --format" in result.output


def test_a_missing_observations_file_is_one_line(songjiang_path, tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "report",
            str(songjiang_path),
            "--observations",
            str(tmp_path / "none.csv"),
            "--year",
            "2023",
            "--kind",
            "midterm",
            "-o",
            str(tmp_path / "x.docx"),
        ],
    )
    assert result.exit_code == 2 and result.output.startswith("planwatch: ") and "none.csv" in result.output
