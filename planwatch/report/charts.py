"""Charts for the reports (matplotlib, Agg, no pyplot): one per indicator and a summary of verdict counts.

Each chart draws what the evaluation provides — baseline, expected path, observations, projection, target —
and marks illustrative values with hollow markers and a ※ note. Every chart is a PNG in memory.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from functools import cache

import matplotlib
import matplotlib.ticker
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from planwatch.report import style
from planwatch.report.chart_kinds import (
    BLUE,
    GREY,
    draw_checks,
    draw_compound,
    draw_cumulative,
    draw_growth,
    draw_level,
    draw_standard,
    has_data,
)
from planwatch.report.facts import FINAL, OTHER, STATUS_ZH, IndicatorFacts
from planwatch.report.model import ILLUSTRATIVE_MARK, Chart
from planwatch.vocabulary import UNSTATED

# rc_context changes matplotlib's global settings: one chart at a time when a web server runs threads
_LOCK = threading.Lock()
CM = 1 / 2.54
DPI = 150
INDICATOR_SIZE = (7.6, 7.0)  # cm: two charts to a row within the 15.6 cm text width
SUMMARY_SIZE = (15.0, 6.0)


@cache
def register_fonts() -> str:
    """Register the installed Noto Sans CJK files with matplotlib (its cache may predate them); the family name."""
    for bold in (False, True):
        path = style.noto_file(style.NOTO_SANS, bold)
        if path.exists():
            font_manager.fontManager.addfont(str(path))
    return style.NOTO_SANS


def _rc() -> dict:
    return {
        "font.family": [register_fonts(), "DejaVu Sans"],
        "font.size": 8,
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 8,
        "axes.titley": 1.01,  # a fixed title position: placing it automatically took a sixth of the drawing time
        "legend.fontsize": 8,
        "legend.frameon": False,
        "xtick.labelsize": 8,
        "ytick.labelsize": 8,
    }


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


_CACHE: OrderedDict[tuple, bytes] = OrderedDict()
CACHE_SIZE = (
    256  # charts (about 40 KB each) kept between reports: the .docx and the PDF of one report share them
)


def clear_cache() -> None:
    with _LOCK:
        _CACHE.clear()


def _cache_key(
    facts: IndicatorFacts, observations, year, base_year, target_year, indicator, reference
) -> tuple:
    """Everything a chart is drawn from: the result, the indicator's observations, the years, the reference."""
    rows = () if observations is None else tuple(repr(o) for o in observations if o.indicator == facts.number)
    return (
        repr(facts.result),
        facts.status,
        facts.illustrative,
        rows,
        year,
        base_year,
        target_year,
        repr(getattr(indicator, "parts", None)),
        repr(reference),
    )


def indicator_chart(
    facts: IndicatorFacts,
    observations,
    year: int,
    base_year: int,
    target_year: int,
    indicator=None,
    reference=None,
) -> Chart | None:
    """The chart of one indicator, or None when there is nothing to draw (no data, qualitative)."""
    result = facts.result
    if facts.status in ("qualitative",) or not has_data(result, observations, facts.kind, base_year):
        return None
    width, height = INDICATOR_SIZE
    key = _cache_key(facts, observations, year, base_year, target_year, indicator, reference)
    with _LOCK:
        png = _CACHE.get(key)
        if png is not None:
            _CACHE.move_to_end(key)
            return Chart(f"indicator-{facts.number}", f"{facts.number}. {facts.name}", png, width, height)
    with _LOCK, matplotlib.rc_context(_rc()):
        # fixed margins: constrained layout doubled the drawing time for a chart this simple
        figure = Figure(figsize=(width * CM, height * CM))
        axes = figure.add_axes((0.14, 0.36, 0.83, 0.56))
        kind = facts.kind
        if kind in ("annual_growth_rate", "relative"):
            illustrative = draw_growth(axes, result, observations, year, base_year, target_year, reference)
        elif kind == "cumulative":
            illustrative = draw_cumulative(axes, result, observations, year, base_year, target_year)
        elif kind == "standard":
            illustrative = draw_standard(axes, result, observations, year, base_year, target_year)
        elif kind == "compound" and indicator is not None and indicator.parts:
            illustrative = draw_compound(
                axes, result, observations, year, base_year, target_year, indicator.parts
            )
        elif kind in ("allocation", "per_year_bound"):
            illustrative = draw_checks(axes, result, observations, year, base_year, target_year)
        else:
            illustrative = draw_level(axes, result, observations, year, base_year, target_year)
        illustrative |= facts.illustrative
        if illustrative:
            axes.plot(
                [],
                [],
                marker="o",
                markersize=3.5,
                color=BLUE,
                markerfacecolor="white",
                linestyle="none",
                label=f"示例数据{ILLUSTRATIVE_MARK}",
            )
        # The caption under the chart names the indicator; the chart carries the unit and the verdict.
        axes.set_title(
            f"评价：{facts.verdict_text}",  # ※ when computed from illustrative data
            loc="right",
            fontsize=8,
            # the pale fill of “no verdict” bars would be unreadable as text
            color="#57606a" if facts.status in OTHER else style.STATUS_COLOURS.get(facts.status, GREY),
        )
        if facts.unit and facts.kind != "standard":
            axes.set_title(f"单位：{facts.unit}", loc="left", fontsize=8, color="#57606a")
        axes.margins(y=0.12)
        axes.set_xlim(
            left=min(axes.get_xlim()[0], base_year - 0.4), right=max(axes.get_xlim()[1], target_year + 0.4)
        )
        axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        axes.grid(axis="y", color="#eaeef2", linewidth=0.6)
        axes.set_axisbelow(True)
        figure.legend(
            loc="lower center",
            ncols=2,
            handlelength=1.4,
            columnspacing=0.8,
            fontsize=8,
            bbox_to_anchor=(0.5, 0.0),
        )
        png = _png(figure)
        _CACHE[key] = png
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return Chart(f"indicator-{facts.number}", f"{facts.number}. {facts.name}", png, width, height)


def summary_chart(facts: list[IndicatorFacts], final: bool) -> Chart:
    """Verdict counts, expected and binding indicators stacked."""
    from planwatch.report.facts import DURING

    order = [s for s in (FINAL if final else DURING)] + [
        s for s in OTHER if any(f.status == s for f in facts)
    ]
    order += [s for s in STATUS_ZH if s not in order and any(f.status == s for f in facts)]
    expected = [sum(1 for f in facts if f.status == s and not f.binding) for s in order]
    binding = [sum(1 for f in facts if f.status == s and f.binding) for s in order]
    # the plan may leave an attribute unstated: such an indicator is not binding, nor called 预期性
    others = "预期性指标" if all(f.attribute != UNSTATED for f in facts) else "预期性及属性未标明指标"
    width, height = SUMMARY_SIZE
    with _LOCK, matplotlib.rc_context(_rc()):
        figure = Figure(figsize=(width * CM, height * CM))
        axes = figure.add_axes((0.08, 0.12, 0.90, 0.84))
        labels = [STATUS_ZH[s] for s in order]
        positions = list(range(len(order)))
        axes.bar(positions, expected, width=0.6, color=[style.STATUS_COLOURS[s] for s in order], label=others)
        axes.bar(
            positions,
            binding,
            width=0.6,
            bottom=expected,
            color=[style.STATUS_COLOURS[s] for s in order],
            hatch="////",
            edgecolor="white",
            label="约束性指标",
        )
        for x, (e, b) in enumerate(zip(expected, binding, strict=True)):
            axes.annotate(
                f"{e + b}项",
                (x, e + b),
                ha="center",
                va="bottom",
                fontsize=8,
                xytext=(0, 1),
                textcoords="offset points",
            )
        axes.set_xticks(positions, labels)
        axes.set_ylabel("指标数（项）")
        axes.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        axes.set_ylim(0, max([e + b for e, b in zip(expected, binding, strict=True)] + [1]) * 1.18)
        axes.legend(loc="upper right")
        axes.grid(axis="y", color="#eaeef2", linewidth=0.6)
        axes.set_axisbelow(True)
        png = _png(figure)
    return Chart("summary", "主要指标评价结果", png, width, height)
