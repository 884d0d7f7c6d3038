"""The observations reader on random cells, wrong types, huge and non-finite numbers, missing columns, every encoding,
garbled bytes and .xlsx cells of any type (formulas included): every problem names the row and column, every
observation read has a finite value, nothing else is raised."""

from __future__ import annotations

import csv
import io
import math
from datetime import date, datetime, time
from functools import cache

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from planwatch.errors import ObservationError
from planwatch.evaluate import check_observation_rows, check_observations
from tests.evaluate.test_observations import songjiang_like_plan
from tests.hardening.fuzzing import fuzz, scratch_file, time_limit

pytestmark = pytest.mark.slow  # left out of the fast subset (README)

PLAN = songjiang_like_plan()
COLUMNS = [
    "indicator",
    "year",
    "value",
    "measure",
    "series",
    "unit",
    "source",
    "note",
    "vintage",
    "definition_change",
]
HEADER_NAMES = st.sampled_from(COLUMNS + ["指标", "年份", "数值", "单位", "", "extra", "VALUE", " year "])
TEXT_CELL = st.sampled_from(
    ["", " ", "8", "9", "1", "17", "19", "2020", "2022", "2025年", "1,755", "１７５５", "3e5", "1e999", "-1e999", "nan",
     "inf", "-0", "0x10", "1_000", "三千", "=1+1", "+8", "-8", "@SUM(A1)", "家", "万家", "亿平方米", "%", "元",
     "level", "growth_rate", "amount", "上市", "挂牌", "PM2.5", "是", "否", "2022-13-40", "2022-06", "\ufeffindicator",
     "9" * 30, "9" * 5000, "有效期内高新技术企业数", "\x00", "\t", "\r\n", '"']
) | st.text(max_size=12)  # fmt: skip
NUMBER_CELL = st.one_of(
    st.integers(-(10**6), 10**6),
    st.integers(),
    st.sampled_from([10**400, -(10**5000), 2**63]),
    st.floats(),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, 5e-324]),
)
ANY_CELL = st.one_of(
    TEXT_CELL,
    NUMBER_CELL,
    st.none(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
HEADER = st.one_of(
    st.just(COLUMNS[:3]),
    st.just(COLUMNS),
    st.lists(HEADER_NAMES, max_size=8),
)


def _check(observations, problems, path=None):
    for problem in problems:
        assert isinstance(problem, ObservationError)
        assert problem.row is not None or problem.path is not None, str(problem)
        assert path is None or str(problem).startswith(path)
        assert len(str(problem)) < 600, str(problem)[:200]
    for observation in observations:
        assert math.isfinite(observation.value), observation
        assert isinstance(observation.year, int)


@fuzz(600)
@given(HEADER, st.lists(st.lists(ANY_CELL, max_size=11), max_size=12))
@example(COLUMNS[:3], [["9" * 5000, "2022", "1"]])
@example(COLUMNS[:3], [["8", "9" * 5000, "1"]])
@example(COLUMNS[:3], [[8, 2022, 10**400]])
@example(COLUMNS[:3], [[8, 2022, float("inf")], [8, 2023, float("nan")]])
@example(COLUMNS[:6], [[19, 2022, 1e300, "", "", "万亿平方米"]])
@example(COLUMNS[:3], [[10**5000, 2022, 1]])
def test_random_cells_give_observations_or_problems_naming_row_and_column(header, rows):
    with time_limit(10):
        observations, problems = check_observation_rows(header, enumerate(rows, start=2), PLAN, "obs.csv")
    _check(observations, problems)
    for problem in problems:
        assert problem.row is not None and (problem.row == 1 or problem.column), str(problem)


def _csv_bytes(header, rows, encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([header, *rows])
    text = buffer.getvalue()
    if encoding == "utf-16-le-bom":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(encoding)


CSV_CELL = TEXT_CELL.filter(lambda cell: "\x00" not in cell)


@fuzz(250)
@given(
    HEADER,
    st.lists(st.lists(CSV_CELL, max_size=11), max_size=12),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le-bom"]),
)
def test_csv_in_every_encoding_reads_as_its_cells_do(header, rows, encoding):
    try:
        data = _csv_bytes(header, rows, encoding)
    except UnicodeEncodeError:
        return  # lone surrogates have no encoding
    path = scratch_file("obs.csv", data)
    with time_limit(10):
        observations, problems = check_observations(path, PLAN)
    _check(observations, problems, str(path))
    if encoding == "gb18030":
        try:
            data.decode("utf-8")
            return  # GB18030 bytes that are valid UTF-8 are read as UTF-8
        except UnicodeDecodeError:
            pass
    expected, expected_problems = check_observation_rows(header, enumerate(rows, start=2), PLAN, str(path))
    if header or rows:
        assert [(o.indicator, o.year, o.value) for o in observations] == [
            (o.indicator, o.year, o.value) for o in expected
        ]
        assert [str(p) for p in problems] == [str(p) for p in expected_problems]


@fuzz(500)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["flip", "insert", "delete", "truncate"]),
            st.integers(0),
            st.binary(min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
)
def test_garbled_csv_bytes_give_problems_naming_the_file(edits, encoding):
    data = bytearray(
        _csv_bytes(COLUMNS, [["8", "2022", "1,755", "", "", "家", "统计局", "备注"]] * 20, encoding)
    )
    for action, position, payload in edits:
        position %= len(data) + 1
        if action == "flip" and position < len(data):
            data[position] ^= payload[0] or 0xFF
        elif action == "insert":
            data[position:position] = payload
        elif action == "delete":
            del data[position : position + len(payload)]
        else:
            del data[position:]
    path = scratch_file("obs.csv", bytes(data))
    with time_limit(10):
        observations, problems = check_observations(path, PLAN)
    _check(observations, problems, str(path))


XLSX_CELL = st.one_of(
    TEXT_CELL.filter(lambda cell: cell.isprintable() or cell == ""),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.none(),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.times().map(lambda t: time(t.hour, t.minute, t.second)),
    st.sampled_from(["=1+1", "=A1", "=SUM(C2:C9)", '=HYPERLINK("http://x","y")', "=1/0", "=" + "9" * 400]),
)


@fuzz(80)
@given(
    st.lists(HEADER_NAMES, max_size=8) | st.just(COLUMNS),
    st.lists(st.lists(XLSX_CELL, max_size=10), max_size=8),
)
@example(COLUMNS[:3], [[8, 2022, "=1+1"], [8, 2023, "=C2*2"]])
def test_xlsx_cells_of_any_type_give_observations_or_problems(header, rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = scratch_file("obs.xlsx")
    workbook.save(path)
    with time_limit(10):
        observations, problems = check_observations(path, PLAN)
    _check(observations, problems, str(path))


@fuzz(200)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["flip", "insert", "delete", "truncate"]),
            st.integers(0),
            st.binary(min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_garbled_xlsx_bytes_give_problems_naming_the_file(edits):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS[:6])
    for year in range(2020, 2026):
        sheet.append([8, year, 1755 + year, "level", None, "家"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = bytearray(buffer.getvalue())
    for action, position, payload in edits:
        position %= len(data) + 1
        if action == "flip" and position < len(data):
            data[position] ^= payload[0] or 0xFF
        elif action == "insert":
            data[position:position] = payload
        elif action == "delete":
            del data[position : position + len(payload)]
        else:
            del data[position:]
    path = scratch_file("obs.xlsx", bytes(data))
    with time_limit(10):
        observations, problems = check_observations(path, PLAN)
    _check(observations, problems, str(path))


@cache
def _songjiang():
    from planwatch.reading import read_plan
    from tests.conftest import SONGJIANG

    return read_plan(SONGJIANG)


MEASURE = st.sampled_from(["", "level", "growth_rate", "amount", "reduction_rate", "allocation"])
VALUE = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -1.0, -100.0, -99.9, 100.0, 1e15, -1e15, 1e300, 1e-300, 5.0]),
)


@fuzz(200)
@given(
    st.lists(st.tuples(st.integers(1, 22), st.integers(2019, 2026), VALUE, MEASURE), max_size=30),
    st.integers(2021, 2026),
)
@example([(1, 2021, -100.0, "")], 2021)
@example([(5, 2021, -1e300, "")], 2021)
@example([(8, 2021, 1e100, "")], 2021)
@example([(19, 2021, 1e100, "reduction_rate")], 2021)
def test_observations_the_reader_accepts_can_be_evaluated(rows, year):
    import json

    from planwatch.evaluate import evaluate_plan, evaluation_to_json

    plan = _songjiang()
    cells = [[str(number), str(row_year), repr(value), measure] for number, row_year, value, measure in rows]
    with time_limit(10):
        observations, _ = check_observation_rows(
            ["indicator", "year", "value", "measure"], enumerate(cells, start=2), plan, "obs.csv"
        )
        json.dumps(evaluation_to_json(evaluate_plan(plan, observations, year)), allow_nan=False)
