"""How each kind of target is drawn (METHODOLOGY §2): levels against their expected path, growth rates against
the target rate, running totals, pollutants against their standard, parts of a compound target, yearly bounds.

Each function draws on the axes it is given and returns whether any value drawn was illustrative (示例数据).
"""

from __future__ import annotations

from planwatch.report.facts import number
from planwatch.report.model import ILLUSTRATIVE_MARK

ANNOTATION_PT = 8  # no chart text below 8 pt (issue 15)

BLUE, GREY, RED, GREEN, ORANGE = "#1f5fa8", "#8c959f", "#cf222e", "#1a7f37", "#bf8700"
SERIES_COLOURS = ("#1f5fa8", "#cf222e", "#1a7f37", "#bf8700", "#8250df", "#57606a")


def _get(obj, name, default=None):
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def legend_patch(axes, colour: str, label: str) -> None:
    """A solid legend entry for bars whose own first bar may be hollow (illustrative)."""
    axes.fill_between([], [], color=colour, label=label)


def _series(observations, number: int, measure: str, series: str | None, last_year: int) -> dict[int, object]:
    if observations is None:
        return {}
    found = observations.series(number, measure, series)
    return {year: obs for year, obs in found.items() if year <= last_year}


def _plot_points(axes, points: dict[int, object], colour: str, label: str) -> bool:
    """Observed values as a line with markers; illustrative ones hollow. True when any was illustrative."""
    if not points:
        return False
    years = sorted(points)
    values = [points[y].value for y in years]
    axes.plot(years, values, color=colour, linewidth=1.2, label=label, zorder=3)
    illustrative = False
    for year, value in zip(years, values, strict=True):
        hollow = bool(getattr(points[year], "illustrative", False))
        illustrative |= hollow
        axes.plot(
            [year],
            [value],
            marker="o",
            markersize=3.5,
            color=colour,
            markerfacecolor="white" if hollow else colour,
            zorder=4,
        )
    return illustrative


def _expected_path(result, base_year: int, target_year: int):
    baseline = _get(result, "baseline")
    target = _get(result, "target_value")
    if baseline is None or target is None:
        return None
    from planwatch.evaluate.paths import expected_value, time_progress

    start = _get(baseline, "year") or base_year
    years = list(range(start, target_year + 1))
    shape = _get(result, "path") or "linear"
    values = [
        expected_value(_get(baseline, "value"), target, time_progress(y, start, target_year), shape)
        for y in years
    ]
    return years, values


def draw_level(axes, result, observations, year, base_year, target_year) -> bool:
    number_ = _get(result, "number")
    points = _series(observations, number_, "level", None, year)
    baseline = _get(result, "baseline")
    if baseline is not None and _get(baseline, "year") not in points:
        axes.plot(
            [_get(baseline, "year")],
            [_get(baseline, "value")],
            marker="s",
            markersize=3.5,
            color=GREY,
            linestyle="none",
            label="基期值",
        )
    path = _expected_path(result, base_year, target_year)
    if path:
        axes.plot(*path, color=GREY, linestyle="--", linewidth=1, label="预期路径")
    illustrative = _plot_points(axes, points, BLUE, "监测值")
    current = _get(result, "current")
    if not points and current is not None:
        axes.plot([_get(current, "year")], [_get(current, "value")], marker="o", color=BLUE, label="监测值")
        illustrative |= bool(_get(current, "illustrative"))
    projection = _get(result, "projection")
    if projection is not None and current is not None and _get(projection, "year") > _get(current, "year"):
        axes.plot(
            [_get(current, "year"), _get(projection, "year")],
            [_get(current, "value"), _get(projection, "value")],
            color=ORANGE,
            linestyle=":",
            linewidth=1.2,
            label="按趋势推算",
        )
    target = _get(result, "target_value")
    if target is not None:
        axes.plot(
            [target_year], [target], marker="*", markersize=8, color=RED, linestyle="none", label="目标值"
        )
    return illustrative


def draw_growth(axes, result, observations, year, base_year, target_year, reference=None) -> bool:
    number_ = _get(result, "number")
    rates = {
        y: o for y, o in _series(observations, number_, "growth_rate", None, year).items() if y > base_year
    }
    illustrative = False
    if rates:
        years = sorted(rates)
        colours = ["white" if getattr(rates[y], "illustrative", False) else BLUE for y in years]
        axes.bar(
            years,
            [rates[y].value for y in years],
            width=0.55,
            color=colours,
            edgecolor=BLUE,
            linewidth=0.8,
            zorder=3,
        )
        legend_patch(axes, BLUE, "当年增速")
        illustrative = any(getattr(rates[y], "illustrative", False) for y in years)
        for y in years:
            axes.annotate(
                number(rates[y].value)
                + (ILLUSTRATIVE_MARK if getattr(rates[y], "illustrative", False) else ""),
                (y, rates[y].value),
                ha="center",
                va="bottom",
                fontsize=ANNOTATION_PT,
                xytext=(0, 1),
                textcoords="offset points",
            )
    else:
        levels = _series(observations, number_, "level", None, year)
        years = sorted(levels)
        derived = {
            y: (levels[y].value / levels[y - 1].value - 1) * 100
            for y in years
            if y > base_year and y - 1 in levels and levels[y - 1].value
        }
        if derived:
            axes.bar(
                list(derived),
                list(derived.values()),
                width=0.55,
                color=BLUE,
                label="当年增速（由水平值推算）",
            )
            illustrative = any(getattr(levels[y], "illustrative", False) for y in derived)
    if reference:
        ref_years = sorted(reference)
        axes.plot(
            ref_years,
            [reference[y].value for y in ref_years],
            color=GREY,
            marker="o",
            markersize=3,
            linewidth=1,
            label="地区生产总值增速",
        )
    target = _get(result, "target_value")
    if target is not None:
        axes.axhline(target, color=RED, linestyle="--", linewidth=1, label=f"目标年均{number(target)}%")
    average = _get(result, "average_growth")
    if average is not None:
        axes.axhline(average, color=ORANGE, linestyle=":", linewidth=1.2, label=f"实际年均{average:.1f}%")
    required = _get(result, "required")
    data_year = _get(result, "data_year") or year
    if required is not None and _get(required, "measure") == "growth" and data_year < target_year:
        needed = _get(required, "required")
        axes.bar(
            range(data_year + 1, target_year + 1),
            [needed] * (target_year - data_year),
            width=0.55,
            color="none",
            edgecolor=RED,
            linestyle="--",
            linewidth=0.8,
            label=f"尚需年均{needed:.1f}%",
        )
    axes.set_xlim(base_year + 0.4, target_year + 0.6)
    axes.axhline(0, color="black", linewidth=0.5)
    return illustrative


def draw_cumulative(axes, result, observations, year, base_year, target_year) -> bool:
    number_ = _get(result, "number")
    amounts = _series(observations, number_, "amount", None, year)
    target = _get(result, "target_value")
    if target is not None:
        axes.plot(
            [base_year, target_year], [0, target], color=GREY, linestyle="--", linewidth=1, label="预期路径"
        )
        axes.plot(
            [target_year], [target], marker="*", markersize=8, color=RED, linestyle="none", label="目标值"
        )
    if not amounts:
        return False
    years = sorted(amounts)
    running, total = [], 0.0
    for y in years:
        total += amounts[y].value
        running.append(total)
    axes.bar(years, [amounts[y].value for y in years], width=0.5, color="#c8d8ec", label="当年完成")
    return _plot_points(
        axes,
        dict(
            zip(
                years,
                [
                    _Point(v, getattr(amounts[y], "illustrative", False))
                    for y, v in zip(years, running, strict=True)
                ],
                strict=True,
            )
        ),
        BLUE,
        "累计完成",
    )


class _Point:
    def __init__(self, value: float, illustrative: bool = False):
        self.value = value
        self.illustrative = illustrative


def draw_standard(axes, result, observations, year, base_year, target_year) -> bool:
    from planwatch.evaluate.standards import GB3095_2012

    number_ = _get(result, "number")
    names = [
        name for name in (observations.series_names(number_) if observations else []) if name in GB3095_2012
    ]
    illustrative = False
    for colour, name in zip(SERIES_COLOURS, names, strict=False):
        points = _series(observations, number_, "level", name, year)
        limit = GB3095_2012[name].grade_2
        ratios = {
            y: _Point(o.value / limit * 100, getattr(o, "illustrative", False)) for y, o in points.items()
        }
        illustrative |= _plot_points(axes, ratios, colour, name)
    axes.axhline(100, color=RED, linestyle="--", linewidth=1, label="二级标准限值")
    axes.set_ylabel("占二级标准限值（%）")
    return illustrative


def draw_compound(axes, result, observations, year, base_year, target_year, parts) -> bool:
    number_ = _get(result, "number")
    illustrative = False
    for colour, part in zip(SERIES_COLOURS, parts, strict=False):
        points = _series(observations, number_, "level", part.name, year)
        illustrative |= _plot_points(axes, points, colour, part.name)
        axes.plot([target_year], [part.value], marker="*", markersize=7, color=colour, linestyle="none")
    axes.plot([], [], marker="*", color=GREY, linestyle="none", label="目标值")
    return illustrative


def _bars(axes, points: dict[int, object], label: str) -> bool:
    years = sorted(points)
    hollow = [bool(getattr(points[y], "illustrative", False)) for y in years]
    axes.bar(
        years,
        [points[y].value for y in years],
        width=0.5,
        color=["white" if h else BLUE for h in hollow],
        edgecolor=BLUE,
        linewidth=0.8,
        zorder=3,
    )
    legend_patch(axes, BLUE, label)
    for y in years:
        axes.annotate(
            number(points[y].value)
            + (ILLUSTRATIVE_MARK if getattr(points[y], "illustrative", False) else ""),
            (y, points[y].value),
            ha="center",
            va="bottom",
            fontsize=ANNOTATION_PT,
            xytext=(0, 1),
            textcoords="offset points",
        )
    return any(hollow)


_YEARLY_LABELS = {"reduction_rate": "当年降低率（%）", "growth_rate": "当年增速（%）", "level": "当年数值"}


def draw_checks(axes, result, observations, year, base_year, target_year) -> bool:
    """Per-year bounds and allocations: each year's value against that year's requirement."""
    checks = _get(result, "checks") or []
    axes.set_xlim(base_year + 0.4, target_year + 0.6)
    if not checks:
        for measure, label in _YEARLY_LABELS.items():
            points = _series(observations, _get(result, "number"), measure, None, year)
            points = {y: o for y, o in points.items() if y > base_year}
            if points:
                return _bars(axes, points, label)
        return False
    years = [_get(c, "year") for c in checks]
    colours = [BLUE if _get(c, "met") else RED for c in checks]
    axes.bar(years, [_get(c, "value") for c in checks], width=0.5, color=colours, label="当年实际", zorder=3)
    axes.plot(
        years,
        [_get(c, "bound") for c in checks],
        color=RED,
        linestyle="none",
        marker="_",
        markersize=14,
        markeredgewidth=1.6,
        label="当年要求",
        zorder=4,
    )
    return bool(_get(result, "illustrative"))


def has_data(result, observations, kind: str, base_year: int) -> bool:
    """Whether the chart would show a value observed after the base year (a path alone says nothing)."""
    if _get(result, "current") is not None or _get(result, "checks"):
        return True
    if observations is None:
        return False
    number_ = _get(result, "number")
    measures = {
        "annual_growth_rate": ("growth_rate", "level"),
        "relative": ("growth_rate", "level"),
        "cumulative": ("amount",),
    }.get(kind, ("level", "reduction_rate", "growth_rate"))
    series = [observations.series(number_, m) for m in measures]
    series += [observations.series(number_, "level", name) for name in observations.series_names(number_)]
    return any(year > base_year for found in series for year in found)
