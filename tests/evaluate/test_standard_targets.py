import pytest

from tests.evaluate.builders import evaluate, indicator, plan, rows

NAME = "大气常规污染物年均浓度（PM2.5、PM10、SO2、NO2、O3、CO）"
TEXT = "全面达到国家二级标准，部分指标达到国家一级标准"


def air_plan():
    return plan(
        indicator(
            1,
            NAME,
            unit="微克/立方米",
            kind="standard",
            target=None,
            comparator=None,
            target_text=TEXT,
            attribute="binding",
            direction="down",
        )
    )


def air_rows(year, pm25=30, pm10=47, so2=6, no2=35, o3=150, co=0.9, co_unit="毫克/立方米"):
    return [
        (1, year, pm25, "level", "PM2.5", "微克/立方米"),
        (1, year, pm10, "level", "PM10", "μg/m³"),
        (1, year, so2, "level", "SO2"),
        (1, year, no2, "level", "NO2"),
        (1, year, o3, "level", "O3"),
        (1, year, co, "level", "CO", co_unit),
    ]


def test_ozone_above_grade_two_makes_the_binding_standard_lag_red():
    the_plan = air_plan()
    observations = rows(the_plan, *air_rows(2020, o3=152), *air_rows(2022, o3=166))
    result = evaluate(the_plan, observations, 2022)
    # O3 166 > 160 and was within it at the baseline (152): progress 0 < 40% − 10%
    assert result.status == "lagging"
    assert result.warning == "red"
    assert result.progress == 0
    assert "超标：O3 166>160" in result.explanation


def test_every_pollutant_within_grade_two_and_one_within_grade_one_is_achieved_early():
    the_plan = air_plan()
    result = evaluate(the_plan, rows(the_plan, *air_rows(2022)), 2022)
    assert result.status == "achieved_early"
    # Grade I: SO2 6 ≤ 20, NO2 35 ≤ 40, CO 0.9 ≤ 4; PM2.5 30 > 15, PM10 47 > 40, O3 150 > 100
    assert result.current_text == "6项中6项达二级、3项达一级"


def test_final_standard_met_is_achieved():
    the_plan = air_plan()
    assert evaluate(the_plan, rows(the_plan, *air_rows(2025)), 2025).status == "achieved"


def test_pollutant_exceeding_from_the_baseline_counts_the_gap_closed():
    the_plan = air_plan()
    observations = rows(the_plan, *air_rows(2020, pm25=45), *air_rows(2023, pm25=39))
    result = evaluate(the_plan, observations, 2023)
    # PM2.5 45 → 39 toward 35: (45 − 39)/(45 − 35) = 60% = τ → on track
    assert result.progress == pytest.approx(0.6)
    assert result.status == "on_track"


def test_a_missing_pollutant_is_no_data():
    the_plan = air_plan()
    observations = rows(the_plan, *air_rows(2022)[:5])
    result = evaluate(the_plan, observations, 2022)
    assert result.status == "no_data"
    assert "CO" in result.explanation


def test_co_in_micrograms_is_converted_to_milligrams():
    the_plan = air_plan()
    observations = rows(the_plan, *air_rows(2022, co=900, co_unit="微克/立方米"))
    assert observations.series(1, "level", "CO")[2022].value == pytest.approx(0.9)
