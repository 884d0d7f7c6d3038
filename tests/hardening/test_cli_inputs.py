"""Files the CLI must refuse in one line (exit 2) rather than read forever or half-read silently."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.document.decode import read_limited
from planwatch.errors import ObservationError, PlanFormatError
from planwatch.evaluate import check_observations
from tests.document.xlsx_builder import row, xlsx
from tests.evaluate.builders import indicator, plan

ROOT = Path(__file__).resolve().parents[2]
SONGJIANG = ROOT / "planwatch" / "data" / "songjiang-14th-fyp.txt"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "planwatch.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_parse_of_dev_zero_is_refused_in_one_line_without_reading_it(tmp_path):
    result = _cli("parse", "/dev/zero", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "planwatch: /dev/zero: is a device, not a plan file; refusing to read it\n"


def test_a_pipe_is_refused_before_it_is_opened(tmp_path):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    with pytest.raises(PlanFormatError, match="is a pipe or socket"):
        read_limited(fifo)


def test_a_file_over_the_limit_is_refused_after_reading_one_byte_more_than_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1025)
    with pytest.raises(PlanFormatError, match="larger than"):
        read_limited(big, limit=1024)
    assert read_limited(big, limit=1025) == b"x" * 1025


def test_a_csv_with_an_unclosed_quote_names_the_row_where_it_opens_and_exits_2(tmp_path):
    csv_file = tmp_path / "obs.csv"
    csv_file.write_text(
        'indicator,year,value,source\n1,2021,7.2,"统计公报\n1,2022,7.5,年鉴\n1,2023,7.9,年鉴\n'
    )
    result = _cli("evaluate", str(SONGJIANG), "--observations", str(csv_file), "--year", "2023", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"planwatch: {csv_file}，第2行：引号未闭合：此行开始的带引号单元格一直延续到文件末尾，请检查引号\n"
    )


def test_quotes_doubled_inside_a_quoted_cell_and_inch_marks_are_not_an_unclosed_quote(tmp_path):
    csv_file = tmp_path / "obs.csv"
    csv_file.write_text('indicator,year,value,note\n1,2021,7.2,"说""明"\n1,2022,7.5,12"屏\n')
    observations, problems = check_observations(csv_file, plan(indicator(1, "地区生产总值增速", "%")))
    assert problems == []
    assert [o.note for o in observations] == ['说"明', '12"屏']


def test_an_observations_workbook_with_a_row_numbered_ten_million_is_refused_naming_it(tmp_path):
    workbook = tmp_path / "obs.xlsx"
    workbook.write_bytes(
        xlsx(row(1, "'indicator", "'year", "'value") + row(10_000_000, "1", "2021", "7")).read()
    )
    observations, problems = check_observations(workbook, plan(indicator(1, "地区生产总值增速", "%")))
    assert len(observations) == 0
    assert [(p.row, p.reason) for p in problems] == [
        (10_000_000, "无法读取工作簿：超过 200,000 行的上限，请拆分文件")
    ]
    assert isinstance(problems[0], ObservationError)
