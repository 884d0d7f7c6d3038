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


def test_the_report_command_takes_a_kinds_own_texts_and_warns_of_a_draft(songjiang_path, tmp_path):
    out = tmp_path / "总结.html"
    texts = tmp_path / "texts.json"
    written = {"issuer": "区发改委", "lessons": "年度通用", "final": {"lessons": "坚持规划引领。"}}
    texts.write_text(json.dumps({"narratives": written}), encoding="utf-8")
    arguments = ["report", str(songjiang_path), "--observations", str(DEMO_OBSERVATIONS), "--year", "2025"]
    arguments += ["--kind", "final", "-o", str(out), "--texts", str(texts)]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "坚持规划引领。" in html and "年度通用" not in html  # the final report's own text wins
    # 成文日期 and 对下一个五年规划编制的建议 are still to write: a draft, said on stderr
    assert "草稿：成文日期、对下一个五年规划编制的建议尚未撰写" in result.stderr
