import pytest

from planwatch.evaluate.cumulative import combined_reduction, required_yearly_reduction, running_total


def test_running_total_sums_yearly_amounts():
    assert running_total([52, 38, 65]) == 155


def test_combined_reduction_compounds_yearly_reductions():
    # 1 − (1 − 0.03)(1 − 0.04) = 1 − 0.9312 = 6.88%, not 7%
    assert combined_reduction([3, 4]) == pytest.approx(6.88)


def test_required_yearly_reduction_closes_the_remaining_gap():
    # target 13.5%: remaining 0.865; achieved 6.88%: remaining 0.9312; three years left
    # d = 1 − (0.865 / 0.9312)^(1/3) = 1 − 0.928909^(1/3) = 2.428%
    assert required_yearly_reduction(13.5, 6.88, 3) == pytest.approx(2.4283, abs=1e-3)


def test_a_reduction_of_everything_requires_everything():
    assert required_yearly_reduction(100, 10, 2) == 100.0
