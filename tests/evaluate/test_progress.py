import pytest

from planwatch.evaluate.progress import completion, direction_of, meets


def test_completion_is_share_of_the_gap_closed():
    # (3015 − 1755) / (3200 − 1755) = 1260 / 1445 = 0.8720
    assert completion(3015, 1755, 3200) == pytest.approx(0.87197, abs=1e-5)


def test_completion_of_a_downward_target_counts_the_fall():
    # (0.029 − 0.035) / (0.024 − 0.035) = −0.006 / −0.011 = 0.5455
    assert completion(0.029, 0.035, 0.024) == pytest.approx(0.54545, abs=1e-5)


def test_completion_is_undefined_when_target_equals_baseline():
    assert completion(5, 4, 4) is None


def test_meeting_a_target_depends_on_its_direction():
    assert meets(19.5, 19.5, "up")
    assert not meets(19.49, 19.5, "up")
    assert meets(0.024, 0.024, "down")
    assert not meets(0.025, 0.024, "down")


def test_the_comparator_decides_the_direction_before_the_indicator_does():
    assert direction_of("<=", "up") == "down"
    assert direction_of(">=", "down") == "up"
    assert direction_of("~", "down") == "down"
    assert direction_of(None, None) == "up"
