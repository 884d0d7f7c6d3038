from datetime import date

import pytest

from planwatch.errors import ObservationError
from planwatch.evaluate import check_observations, read_observations
from planwatch.plan.model import Part
from tests.evaluate.builders import indicator, plan

HEADER = "indicator,year,value,measure,series,unit,source,note\n"


def songjiang_like_plan():
    return plan(
        indicator(1, "地区生产总值年均增长率", kind="annual_growth_rate", target=6.5),
        indicator(8, "有效期内高新技术企业数", unit="家", target=3200),
        indicator(
            9,
            "上市、挂牌企业数（科创板）",
            unit="家",
            kind="compound",
            target=None,
            comparator=None,
            parts=[Part("上市", 70, ">="), Part("挂牌", 500, ">=")],
        ),
        indicator(17, "居民人均可支配收入", unit="万元", kind="relative", target=None, reference=1),
        indicator(19, "旧街坊改造面积", unit="万平方米", kind="cumulative", target=300),
    )


def write(tmp_path, text, name="obs.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_numbers_names_and_ignores_extra_columns(tmp_path):
    path = write(
        tmp_path,
        "indicator,indicator_name,year,value,unit,source\n"
        "8,高新技术企业,2020,1755,家,纲要\n有效期内高新技术企业数,x,2023,3015,家,区科委\n",
    )
    observations = read_observations(path, songjiang_like_plan())
    series = observations.series(8)
    assert {year: o.value for year, o in series.items()} == {2020: 1755, 2023: 3015}
    assert series[2023].source == "区科委"
    assert series[2023].row == 3


def test_unknown_indicator_names_the_row_and_column(tmp_path):
    path = write(tmp_path, HEADER + "8,2021,2210,,,家,,\n高企数量,2022,2650,,,家,,\n")
    with pytest.raises(ObservationError) as error:
        read_observations(path, songjiang_like_plan())
    assert (error.value.row, error.value.column) == (3, "indicator")
    assert str(error.value).startswith(f"{path}，第3行“指标”列：未知指标“高企数量”")


def test_non_numeric_value_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "8,2021,约2200,,,家,,\n")
    with pytest.raises(ObservationError, match="第2行“数值”列：“约2200”不是数字"):
        read_observations(path, songjiang_like_plan())


def test_unit_mismatch_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "8,2021,2210,,,个百分点,,\n")
    with pytest.raises(ObservationError, match="第2行“单位”列：单位“个百分点”与指标8的单位“家”"):
        read_observations(path, songjiang_like_plan())


def test_known_unit_conversion_is_applied_and_noted(tmp_path):
    path = write(tmp_path, HEADER + "17,2020,59500,,,元,纲要,\n")
    observation = read_observations(path, songjiang_like_plan()).series(17)[2020]
    assert observation.value == pytest.approx(5.95)
    assert observation.unit == "万元"
    assert observation.conversion == "单位换算：59500元 → 5.95万元"


def test_duplicate_indicator_year_measure_series_is_refused_naming_both_rows(tmp_path):
    path = write(
        tmp_path, HEADER + "9,2022,45,,上市,家,,\n9,2022,465,,挂牌,家,,\n9,2022,46,level,上市,家,,\n"
    )
    with pytest.raises(ObservationError, match="第4行“指标”列：与第2行重复"):
        read_observations(path, songjiang_like_plan())


def test_a_revision_with_its_own_vintage_is_kept_and_the_latest_used(tmp_path):
    path = write(tmp_path, "indicator,year,value,vintage\n8,2022,2600,2023-02-01\n8,2022,2650,2023-06-30\n")
    observations = read_observations(path, songjiang_like_plan())
    assert observations.series(8)[2022].value == 2650
    assert [o.vintage for o in observations.history(8, "level", None, 2022)] == [
        date(2023, 2, 1),
        date(2023, 6, 30),
    ]


def test_year_outside_base_year_and_target_year_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "8,2019,1500,,,家,,\n")
    with pytest.raises(ObservationError, match="第2行“年份”列：2019年不在指标8的基期2020年"):
        read_observations(path, songjiang_like_plan())


def test_series_must_be_a_part_of_the_compound(tmp_path):
    path = write(tmp_path, HEADER + "9,2022,11,,科创版,家,,\n")
    with pytest.raises(ObservationError, match="“分项”列：分项“科创版”不是指标9的分项"):
        read_observations(path, songjiang_like_plan())


def test_unknown_measure_is_refused(tmp_path):
    path = write(tmp_path, HEADER + "19,2022,38,total,,万平方米,,\n")
    with pytest.raises(ObservationError, match="“计量方式”列：计量方式“total”不是可选值"):
        read_observations(path, songjiang_like_plan())


def test_every_problem_is_collected_with_its_row(tmp_path):
    path = write(
        tmp_path,
        HEADER + "8,2021,2210,,,家,,\n99,2021,1,,,,,\n8,2022,abc,,,家,,\n8,2030,1,,,家,,\n"
        "8,2021,2300,,,家,,\n",
    )
    observations, problems = check_observations(path, songjiang_like_plan())
    assert [(p.row, p.column) for p in problems] == [
        (3, "indicator"),
        (4, "value"),
        (5, "year"),
        (6, "indicator"),
    ]
    # the good row is kept; none of the bad ones is
    assert len(observations) == 1


def test_missing_required_column_is_reported_at_the_header(tmp_path):
    path = write(tmp_path, "indicator,value\n8,2210\n")
    _, problems = check_observations(path, songjiang_like_plan())
    assert [(p.row, p.column) for p in problems] == [(1, "year")]


def test_definition_change_flag_is_read(tmp_path):
    path = write(tmp_path, "indicator,year,value,口径调整\n8,2022,2650,是\n8,2023,3015,\n")
    observations = read_observations(path, songjiang_like_plan())
    assert observations.series(8)[2022].definition_change is True
    assert observations.series(8)[2023].definition_change is False


def test_a_file_that_is_neither_utf8_nor_gb18030_names_its_line(tmp_path):
    path = tmp_path / "garbled.csv"
    path.write_bytes(b"indicator,year,value\n" + b"8,2022,\xff\xff\n")
    with pytest.raises(ObservationError, match="第2行：文件既不是 UTF-8 也不是 GB18030"):
        read_observations(path, songjiang_like_plan())


def test_reads_xlsx_with_row_numbers(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["indicator", "year", "value", "unit"])
    sheet.append([8, 2020, 1755, "家"])
    sheet.append([8, 2023, "三千", "家"])
    path = tmp_path / "obs.xlsx"
    workbook.save(path)
    observations, problems = check_observations(path, songjiang_like_plan())
    assert observations.series(8)[2020].value == 1755
    assert [(p.row, p.column) for p in problems] == [(3, "value")]


def test_a_file_that_is_not_a_workbook_is_one_problem(tmp_path):
    path = tmp_path / "obs.xlsx"
    path.write_text("indicator,year,value\n", encoding="utf-8")
    _, problems = check_observations(path, songjiang_like_plan())
    assert len(problems) == 1
    assert "无法读取工作簿" in str(problems[0])


def test_definition_and_vintage_columns_keep_every_figure_and_prefer_one_definition(tmp_path):
    path = write(
        tmp_path,
        "indicator,year,value,measure,unit,vintage,definition\n"
        "1,2021,8.1,growth_rate,%,2022-02-28,\n"
        "1,2021,8.4,growth_rate,%,2023-01-17,\n"
        "1,2022,3.0,growth_rate,%,2023-01-17,2023年修订口径\n"
        "1,2021,8.6,growth_rate,%,2024-01-17,2023年修订口径\n",
    )
    observations = read_observations(path, songjiang_like_plan())
    # 2021 has two vintages of the first definition and one of the revised one; the revised definition covers
    # 2021 and 2022 (two years against one) and is used for both: 8.6 and 3.0; all four rows stay in the history
    assert {y: o.value for y, o in observations.series(1, "growth_rate").items()} == {2021: 8.6, 2022: 3.0}
    assert [o.value for o in observations.history(1, "growth_rate", None, 2021)] == [8.1, 8.4, 8.6]
    assert observations.series(1, "growth_rate")[2022].definition == "2023年修订口径"


def test_growth_rates_may_say_real_or_nominal_in_the_series_column(tmp_path):
    path = write(
        tmp_path, HEADER + "17,2021,8.5,growth_rate,名义,%,,\n17,2021,7.9,growth_rate,实际增长,%,,\n"
    )
    observations = read_observations(path, songjiang_like_plan())
    assert observations.series(17, "growth_rate", "名义")[2021].value == 8.5
    assert observations.series(17, "growth_rate", "实际")[2021].value == 7.9
    # on a level, 实际 is not a series of the indicator
    bad = write(tmp_path, HEADER + "8,2021,2210,level,实际,家,,\n", name="bad.csv")
    with pytest.raises(ObservationError, match="第2行“分项”列"):
        read_observations(bad, songjiang_like_plan())
