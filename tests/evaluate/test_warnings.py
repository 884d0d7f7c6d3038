from planwatch.evaluate.warnings import warning_for


def test_ahead_and_achieved_early_are_green():
    assert warning_for("ahead", False, None, False) == "green"
    assert warning_for("achieved_early", True, None, False) == "green"


def test_on_track_is_green_only_when_projected_to_meet():
    assert warning_for("on_track", False, True, False) == "green"
    assert warning_for("on_track", False, False, False) == "yellow"


def test_lagging_expected_indicator_is_yellow():
    assert warning_for("lagging", False, False, False) == "yellow"


def test_lagging_binding_indicator_is_red():
    assert warning_for("lagging", True, True, False) == "red"


def test_required_effort_beyond_one_and_a_half_times_the_best_year_is_red():
    assert warning_for("on_track", False, True, True) == "red"
    assert warning_for("lagging", False, False, True) == "red"


def test_final_unmet_binding_is_red_and_unmet_expected_is_yellow():
    assert warning_for("nearly_achieved", True, None, False) == "red"
    assert warning_for("not_achieved", False, None, False) == "yellow"
    assert warning_for("achieved", True, None, False) == "green"


def test_no_warning_without_a_verdict():
    assert warning_for("no_data", True, None, False) is None
    assert warning_for("needs_input", True, None, False) is None
    assert warning_for("qualitative", False, None, False) is None
