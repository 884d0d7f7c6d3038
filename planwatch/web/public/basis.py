"""The figure a verdict rests on, read from the core's evaluation result (never recomputed here)."""

from __future__ import annotations


def _number(value) -> str:
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text.replace(",", "")


def verdict_basis(verdict: dict | None) -> list[dict]:
    """Lines of (label, value text, illustrative) saying what the verdict compared with the target.

    A cumulative target rests on the total since the base year, a growth target on the average growth,
    a level or share on the latest value, a standard on each pollutant's value, a compound one on its parts.
    """
    if not verdict:
        return []
    unit = verdict.get("unit") or ""
    details = verdict.get("details") or {}
    illustrative = bool(verdict.get("illustrative"))
    lines: list[dict] = []
    if "total" in details:
        years = sorted(details.get("yearly") or {})
        span = f"{years[0]}—{years[-1]}年" if years else ""
        lines.append(
            {
                "label": f"{span}累计",
                "value": f"{_number(details['total'])}{unit}",
                "illustrative": illustrative,
            }
        )
    elif verdict.get("average_growth") is not None:
        years = sorted(details.get("yearly_rates") or {})
        span = f"{years[0]}—{years[-1]}年" if years else ""
        lines.append(
            {
                "label": f"{span}年均增长",
                "value": f"{_number(verdict['average_growth'])}%",
                "illustrative": illustrative,
            }
        )
        if details.get("reference_growth") is not None:
            lines.append(
                {
                    "label": f"参照指标（第{details.get('reference')}项）年均增长",
                    "value": f"{_number(details['reference_growth'])}%",
                    "illustrative": illustrative,
                }
            )
    elif verdict.get("current"):
        current = verdict["current"]
        lines.append(
            {
                "label": f"{current.get('year')}年",
                "value": f"{_number(current['value'])}{unit}",
                "illustrative": bool(current.get("illustrative")),
            }
        )
    elif details.get("values"):
        values = "，".join(f"{name} {_number(value)}" for name, value in details["values"].items())
        lines.append(
            {"label": f"{verdict.get('data_year')}年", "value": values, "illustrative": illustrative}
        )
    elif verdict.get("checks"):
        last = verdict["checks"][-1]
        lines.append(
            {
                "label": f"{last['year']}年（下达指标 {_number(last['bound'])}{unit}）",
                "value": f"{_number(last['value'])}{unit}",
                "illustrative": illustrative,
            }
        )
    for part in verdict.get("parts") or []:
        current = part.get("current")
        if current:
            lines.append(
                {
                    "label": f"{part.get('name')}（{current.get('year')}年）",
                    "value": f"{_number(current['value'])}{part.get('unit') or unit}",
                    "illustrative": bool(current.get("illustrative")),
                }
            )
    return lines
