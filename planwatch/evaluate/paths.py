"""Time progress and the expected path from baseline to target (METHODOLOGY §3)."""

from __future__ import annotations

from planwatch.plan.model import Indicator

_SCALES = ("十万", "百万", "千万", "万", "亿", "千", "百")


def time_progress(year: int, base_year: int, target_year: int) -> float:
    """τ = (y − base year) / (target year − base year), kept within [0, 1]."""
    if target_year <= base_year:
        return 1.0
    return min(1.0, max(0.0, (year - base_year) / (target_year - base_year)))


def base_unit(unit: str) -> str:
    """The unit without its scale word: 万平方米 → 平方米, 亿元 → 元."""
    unit = "".join(unit.split())
    for scale in _SCALES:
        if unit.startswith(scale) and len(unit) > len(scale):
            return unit[len(scale) :]
    return unit


def default_path(indicator: Indicator) -> str:
    """Linear: completion is compared with time progress (时序进度), as official evaluations do (§3).

    The geometric path is a per-indicator setting, never chosen from the unit."""
    return "linear"


def usable_path(shape: str, baseline: float, target: float) -> str:
    """A geometric path needs a positive baseline and target; otherwise the path is linear."""
    if shape == "geometric" and (baseline <= 0 or target <= 0):
        return "linear"
    return shape


def expected_value(baseline: float, target: float, tau: float, shape: str) -> float:
    """The value the path expects at time progress τ: linear or x_base·(x_target/x_base)^τ."""
    if usable_path(shape, baseline, target) == "geometric":
        return baseline * (target / baseline) ** tau
    return baseline + (target - baseline) * tau


def expected_progress(baseline: float, target: float, tau: float, shape: str) -> float:
    """The completion the path expects at τ: τ itself on a linear path, less on a rising geometric one."""
    if target == baseline:
        return tau
    return (expected_value(baseline, target, tau, shape) - baseline) / (target - baseline)
