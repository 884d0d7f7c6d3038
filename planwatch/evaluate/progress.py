"""Completion π and whether a value meets a target, with the target's direction (METHODOLOGY §3)."""

from __future__ import annotations

# Absolute slack when comparing measured values with targets, so 19.5 read from a table meets 19.5.
EPSILON = 1e-9


def completion(value: float, baseline: float, target: float) -> float | None:
    """π = (x_y − x_base) / (x_target − x_base); None when the target equals the baseline."""
    if abs(target - baseline) <= EPSILON:
        return None
    return (value - baseline) / (target - baseline)


def meets(value: float, target: float, direction: str) -> bool:
    """A value meets an upward target at or above it, a downward target at or below it."""
    if direction == "down":
        return value <= target + EPSILON
    return value >= target - EPSILON


def direction_of(comparator: str | None, direction: str | None) -> str:
    """The way the value should move: the comparator decides (<= is down), else the indicator's direction."""
    if comparator in ("<=", "<"):
        return "down"
    if comparator in (">=", ">"):
        return "up"
    return direction if direction in ("up", "down") else "up"


def improvement(change: float, direction: str) -> float:
    """A change counted positive when it moves the way the target wants."""
    return -change if direction == "down" else change
