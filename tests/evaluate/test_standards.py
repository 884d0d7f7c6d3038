from planwatch.evaluate.standards import (
    Requirement,
    compliance_progress,
    pollutant_code,
    pollutants_named,
    requirement_met,
    requirements,
)


def test_pollutant_names_in_several_spellings():
    assert pollutant_code("PM2.5") == "PM2.5"
    assert pollutant_code("pm₂.₅") == "PM2.5"
    assert pollutant_code("细颗粒物") == "PM2.5"
    assert pollutant_code("O3") == "O3"
    assert pollutant_code("臭氧") == "O3"
    assert pollutant_code("PM1") is None


def test_pollutants_listed_in_the_indicator_name():
    name = "大气常规污染物年均浓度（PM2.5、PM10、SO2、NO2、O3、CO）"
    assert pollutants_named(name) == ["PM2.5", "PM10", "SO2", "NO2", "O3", "CO"]
    assert pollutants_named("细颗粒物（PM2.5）浓度") == ["PM2.5"]


def test_target_text_gives_every_within_grade_two_and_one_within_grade_one():
    text = "全面达到国家二级标准，部分指标达到国家一级标准"
    assert requirements(text) == [Requirement(grade=2, every=True), Requirement(grade=1, every=False)]


def test_grade_two_everywhere_needs_every_pollutant_within_its_limit():
    values = {"PM2.5": 35, "PM10": 70, "SO2": 60, "NO2": 40, "O3": 161, "CO": 4}
    assert not requirement_met(Requirement(2, True), values)
    values["O3"] = 160
    assert requirement_met(Requirement(2, True), values)


def test_grade_one_somewhere_needs_one_pollutant_within_grade_one():
    # SO2 20 is the Grade I limit; all others above Grade I
    values = {"PM2.5": 30, "PM10": 50, "SO2": 20, "NO2": 41, "O3": 150, "CO": 5}
    assert requirement_met(Requirement(1, False), values)
    values["SO2"] = 21
    assert not requirement_met(Requirement(1, False), values)


def test_compliance_progress_of_one_pollutant():
    # from 45 to 40 toward 35: half the gap closed
    assert compliance_progress(40, 45, 35) == 0.5
    assert compliance_progress(35, 45, 35) == 1.0
    # within the limit at the baseline, outside now: no progress
    assert compliance_progress(166, 152, 160) == 0.0
