from planwatch.evaluate.verdicts import STATUS_ZH, classify_growth, classify_progress, final_verdict, worst
from planwatch.vocabulary import status_label


def test_ahead_when_completion_at_least_ten_points_above_time_progress():
    # τ = 0.4, δ = 0.1: π = 0.5 is exactly τ + δ
    assert classify_progress(0.5, 0.4, 0.1) == "ahead"


def test_on_track_within_ten_points_of_time_progress():
    assert classify_progress(0.49, 0.4, 0.1) == "on_track"
    assert classify_progress(0.30, 0.4, 0.1) == "on_track"


def test_lagging_more_than_ten_points_behind():
    assert classify_progress(0.29, 0.4, 0.1) == "lagging"


def test_growth_target_is_ahead_half_a_point_above_target():
    assert classify_growth(7.0, 6.5, 0.5) == "ahead"


def test_growth_target_is_on_track_within_half_a_point_below():
    assert classify_growth(6.0, 6.5, 0.5) == "on_track"


def test_growth_target_is_lagging_when_average_growth_below_target_by_more_than_half_a_point():
    assert classify_growth(5.9, 6.5, 0.5) == "lagging"


def test_growth_classes_mirror_for_a_target_of_decline():
    # target −2%/yr; −3% is better by a point
    assert classify_growth(-3.0, -2.0, 0.5, "down") == "ahead"
    assert classify_growth(-1.0, -2.0, 0.5, "down") == "lagging"


def test_final_verdicts():
    assert final_verdict(True, 0.5, 0.95) == "achieved"
    assert final_verdict(False, 0.95, 0.95) == "nearly_achieved"
    assert final_verdict(False, 0.949, 0.95) == "not_achieved"
    assert final_verdict(False, None, 0.95) == "not_achieved"


def test_worst_status_decides_a_compound():
    assert worst(["ahead", "lagging", "on_track"]) == "lagging"
    assert worst(["achieved_early", "ahead"]) == "ahead"


def test_status_names_in_chinese():
    assert STATUS_ZH["on_track"] == "基本符合预期"
    assert STATUS_ZH["needs_input"] == "待录入"  # the class (base, allocation or data); a verdict says which


def test_a_needs_input_label_says_what_is_missing():
    assert status_label("needs_input", "baseline") == "待录入基期值"
    assert status_label("needs_input", "allocation") == "待录入下达指标"
    assert status_label("needs_input", "data") == "待录入监测数据"
    assert status_label("needs_input") == "待录入"
    assert status_label("lagging", "baseline") == "滞后于预期"
