"""The figure a verdict rests on, read from the core's evaluation result as the public page shows it."""

from planwatch.web.public.basis import verdict_basis


def test_a_share_rests_on_its_latest_value():
    verdict = {"unit": "%", "current": {"value": 19.56, "year": 2025, "illustrative": False}}
    assert verdict_basis(verdict) == [{"label": "2025年", "value": "19.56%", "illustrative": False}]


def test_a_relative_target_shows_its_growth_beside_the_reference_indicators():
    verdict = {
        "unit": "万元",
        "average_growth": 5.28173,
        "illustrative": True,
        "details": {"yearly_rates": {"2021": 8.0, "2025": 4.0}, "reference": 1, "reference_growth": 4.200596},
    }
    assert verdict_basis(verdict) == [
        {"label": "2021—2025年年均增长", "value": "5.2817%", "illustrative": True},
        {"label": "参照指标（第1项）年均增长", "value": "4.2006%", "illustrative": True},
    ]


def test_a_bound_set_each_year_shows_the_last_year_against_its_bound():
    verdict = {"unit": "人", "checks": [{"year": 2025, "value": 8120.0, "bound": 8500.0, "met": True}]}
    assert verdict_basis(verdict) == [
        {"label": "2025年（下达指标 8500人）", "value": "8120人", "illustrative": False}
    ]


def test_a_compound_target_shows_each_parts_value():
    verdict = {
        "unit": "家",
        "parts": [
            {"name": "上市", "unit": "家", "current": {"value": 56.0, "year": 2025, "illustrative": True}},
            {"name": "挂牌", "unit": "家", "current": {"value": 495.0, "year": 2025, "illustrative": False}},
        ],
    }
    assert verdict_basis(verdict) == [
        {"label": "上市（2025年）", "value": "56家", "illustrative": True},
        {"label": "挂牌（2025年）", "value": "495家", "illustrative": False},
    ]


def test_no_verdict_has_no_basis():
    assert verdict_basis(None) == []
