"""Warnings (预警) green / yellow / red, exactly as METHODOLOGY §3 states them; binding targets checked strictly."""

from __future__ import annotations

WARNING_ZH = {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}


def warning_for(
    status: str, binding: bool, projection_meets: bool | None, effort_exceeded: bool
) -> str | None:
    """green = ahead, achieved early, or on track projected to meet; yellow = on track projected to miss,
    or lagging on an expected indicator; red = lagging on a binding one, or a required effort more than
    1.5× the best year so far. At the end an unmet binding target is red, an unmet expected one yellow."""
    if status in ("achieved_early", "achieved"):
        return "green"
    if status in ("nearly_achieved", "not_achieved"):
        return "red" if binding else "yellow"
    if status not in ("ahead", "on_track", "lagging"):
        return None
    if effort_exceeded or (status == "lagging" and binding):
        return "red"
    if status == "lagging":
        return "yellow"
    if status == "ahead":
        return "green"
    return "green" if projection_meets else "yellow"
