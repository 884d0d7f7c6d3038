"""Which main-table indicator a target quoted in the plan's text is about (the reader links one to the other)."""

from __future__ import annotations

import re

MIN_CONTAINED = 4  # a shorter name (“投资”, “占地”) is found inside too many unrelated metrics

_BRACKETED = re.compile(r"[（(][^）)]*[）)]")


def normal_name(name: str) -> str:
    return _BRACKETED.sub("", name).replace(" ", "").strip()


def _units_agree(metric_unit: str, indicator_unit: str) -> bool:
    one, other = metric_unit.replace("％", "%").strip(), indicator_unit.replace("％", "%").strip()
    return not one or not other or one == other or one in other or other in one


def indicator_for_target(metric: str, unit: str, indicators) -> object | None:
    """The indicator whose name is the target's metric, or contains it (or is contained in it), with a unit that
    agrees; None when no indicator or more than one fits. `indicators` have `.name` and `.unit`."""
    wanted = normal_name(metric)
    if not wanted:
        return None
    exact = [i for i in indicators if normal_name(i.name) == wanted and _units_agree(unit, i.unit)]
    if exact:
        return exact[0] if len(exact) == 1 else None
    near = []
    for indicator in indicators:
        name = normal_name(indicator.name)
        shorter, longer = sorted((name, wanted), key=len)
        if len(shorter) >= MIN_CONTAINED and shorter in longer and _units_agree(unit, indicator.unit):
            near.append(indicator)
    return near[0] if len(near) == 1 else None
