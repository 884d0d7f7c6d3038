"""Verdict classes during the period (§3) and at its end (§4)."""

from __future__ import annotations

from planwatch.vocabulary import STATUS_ZH

STATUSES = tuple(STATUS_ZH)
DURING = ("achieved_early", "ahead", "on_track", "lagging")
FINAL = ("achieved", "nearly_achieved", "not_achieved")
# From worst to best: a compound indicator takes the worst of its parts.
_ORDER = (
    "no_data",
    "needs_input",
    "not_achieved",
    "lagging",
    "nearly_achieved",
    "on_track",
    "ahead",
    "achieved_early",
    "achieved",
)


def classify_progress(progress: float, expected: float, tolerance: float) -> str:
    """ahead if π ≥ e + δ, on track if e − δ ≤ π < e + δ, else lagging (e = τ on a linear path)."""
    if progress >= expected + tolerance - 1e-12:
        return "ahead"
    if progress >= expected - tolerance - 1e-12:
        return "on_track"
    return "lagging"


def classify_growth(average: float, target: float, tolerance: float, direction: str = "up") -> str:
    """ahead if ḡ ≥ g* + tol, on track if ḡ ≥ g* − tol, else lagging (mirrored for targets of decline)."""
    if direction == "down":
        average, target = -average, -target
    if average >= target + tolerance - 1e-12:
        return "ahead"
    if average >= target - tolerance - 1e-12:
        return "on_track"
    return "lagging"


def final_verdict(met: bool, progress: float | None, nearly_achieved: float) -> str:
    """achieved if met; nearly achieved if π ≥ 0.95; else not achieved."""
    if met:
        return "achieved"
    if progress is not None and progress >= nearly_achieved - 1e-12:
        return "nearly_achieved"
    return "not_achieved"


def worst(statuses: list[str]) -> str:
    return min(statuses, key=_ORDER.index)


def rank(status: str) -> int:
    """Position from worst (0) to best."""
    return _ORDER.index(status) if status in _ORDER else len(_ORDER)
