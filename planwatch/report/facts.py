"""What the report needs from an evaluation: one row per indicator, in the words and numbers of the table.

Reads the evaluation's dataclasses (planwatch.evaluate.results); a dict shaped like `evaluation_to_json`
is accepted too, with whatever numbers it carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from planwatch.evaluate.levels import small_span as core_small_span
from planwatch.evaluate.results import Override
from planwatch.evaluate.service import from_plan_version
from planwatch.evaluate.verdicts import STATUS_ZH
from planwatch.report.model import ILLUSTRATIVE_MARK
from planwatch.vocabulary import UNSTATED, attribute_label, status_label

DURING = ("achieved_early", "ahead", "on_track", "lagging")
FINAL = ("achieved", "nearly_achieved", "not_achieved")
OTHER = ("no_data", "needs_input", "qualitative")
# Statuses that are a problem to report under 存在的问题.
PROBLEMS = ("lagging", "not_achieved", "nearly_achieved")


def number(value: float | None) -> str:
    """1637.11, 19.12, 0.024: no trailing zeros, two decimals from 1 up and four below."""
    if value is None or value != value:
        return "—"
    digits = 2 if abs(value) >= 1 else 4
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass
class IndicatorFacts:
    """One indicator as the report shows it; `result` keeps the evaluation's own record for charts."""

    number: int
    name: str
    unit: str
    attribute: str
    kind: str
    status: str
    warning: str | None
    baseline: str
    target: str
    current: str
    progress: str
    explanation: str
    illustrative: bool
    overridden: bool = False
    override_reason: str | None = None
    override_sentence: str = ""  # 系统测算为…，规划科改评为…（理由：…）
    result: object = None
    notes: list[str] = field(default_factory=list)
    baseline_value: float | None = None
    current_value: float | None = None
    current_year: int | None = None
    progress_value: float | None = None  # completion as a ratio
    target_version: str = "纲要原文"  # an adjusted target (规划调整) names its version
    provisional: bool = False  # judged on an earlier year's figure, 待终值确认
    data_year: int | None = None
    target_value: float | None = None
    missing: str | None = None  # needs_input: what must be entered (vocabulary.NEEDS_INPUT_ZH)

    @property
    def verdict_text(self) -> str:
        """The verdict as a table cell: ※ when it was computed from illustrative data."""
        text = self.status_zh + ("（待终值确认）" if self.provisional else "")
        return marked(text) if self.illustrative and self.status not in OTHER else text

    @property
    def short_name(self) -> str:
        """The name without footnote marks ([1], ①) and without a trailing unit in parentheses."""
        name = re.sub(r"\[\d+\]|[①-⑳]", "", self.name)
        return re.sub(r"[（(][^（）()]*[）)]$", "", name).strip() or self.name

    @property
    def adjusted(self) -> bool:
        """A target changed after the outline: by an approved adjustment or by a new version of the plan file."""
        return self.target_version != "纲要原文" and not self.corrected

    @property
    def revised(self) -> bool:
        """A target a new version of the plan file changed (修订), not an approved adjustment (规划调整)."""
        return self.adjusted and from_plan_version(self.target_version)

    @property
    def corrected(self) -> bool:
        """The target a person corrected (人工更正), the file's own named beside it."""
        return self.target_version.startswith("人工更正")

    @property
    def status_zh(self) -> str:
        return status_label(self.status, self.missing) if self.status in STATUS_ZH else self.status

    @property
    def attribute_zh(self) -> str:
        return attribute_label(self.attribute)

    @property
    def binding(self) -> bool:
        return self.attribute == "binding"


def _get(obj, name: str, default=None):
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _figure_text(figure, fallback: str, year: int | None = None) -> tuple[str, bool]:
    if fallback:
        text = fallback
    elif figure is not None and _get(figure, "value") is not None:
        text = number(_get(figure, "value"))
        figure_year = _get(figure, "year")
        if year is not None and figure_year is not None and figure_year != year:
            text += f"（{figure_year}年）"
    else:
        return "—", False
    marked = bool(figure is not None and _get(figure, "illustrative", False))
    if marked and ILLUSTRATIVE_MARK not in text:
        text += ILLUSTRATIVE_MARK
    return text, marked


def _decimals(value: float) -> int:
    text = number(value)
    return len(text.split(".")[1]) if "." in text else 0


def small_span(baseline: float | None, target: float | None, current: float | None = None) -> bool:
    """The core's small-span rule (METHODOLOGY §3), for values that may be missing."""
    if baseline is None or target is None:
        return False
    return core_small_span(baseline, target, [] if current is None else [current])


def _span_text(result) -> str:
    """已达目标 / 尚未达到（差…） / 低于基期 with the gap in the indicator's unit, for a small span."""
    baseline = _get(_get(result, "baseline"), "value")
    current = _get(_get(result, "current"), "value")
    target = _get(result, "target_value")
    if current is None:
        return "—"
    sign = -1 if (_get(result, "direction") or ("down" if target < baseline else "up")) == "down" else 1
    unit = _get(result, "unit", "") or ""
    if (current - target) * sign >= 0:
        return "已达目标"
    if (current - baseline) * sign < 0:
        return "低于基期"
    gap = number(abs(target - current))
    return f"尚未达到（差{gap}{'个百分点' if unit.strip() in ('%', '％') else unit}）"


def percent(ratio: float) -> str:
    """A completion ratio as statistics offices print it: one decimal, whole numbers from 100% up."""
    value = ratio * 100
    return f"{value:.0f}%" if abs(value) >= 100 else f"{value:.1f}%"


def _progress_text(result) -> str:
    progress = _get(result, "progress")
    baseline = _get(_get(result, "baseline"), "value")
    current = _get(_get(result, "current"), "value")
    if progress is not None and small_span(baseline, _get(result, "target_value"), current):
        return _span_text(result)
    if progress is not None:
        return percent(progress)
    growth = _get(result, "average_growth")
    if growth is not None:
        return f"年均{growth:.1f}%"
    checks = _get(result, "checks") or []
    if checks:
        missed = [str(_get(check, "year")) for check in checks if not _get(check, "met")]
        return "各年均达标" if not missed else f"{'、'.join(missed)}年未达标"
    return "—"


def _override_sentence(result, override) -> str:
    if override is None:
        return ""
    computed = _get(result, "computed_status") or _get(result, "status")
    try:
        return Override(_get(override, "status"), _get(override, "reason") or "").sentence(computed)
    except ValueError:  # an override without a reason or status states nothing
        return ""


def _status(result) -> str:
    override = _get(result, "override")
    if override is not None:
        return _get(override, "status")
    return _get(result, "final_status") or _get(result, "status")


def marked(text: str) -> str:
    """The text with the illustrative mark, once; an empty cell (—) stays empty."""
    if text in ("", "—") or ILLUSTRATIVE_MARK in text:
        return text
    return text + ILLUSTRATIVE_MARK


def indicator_facts(result, year: int) -> IndicatorFacts:
    """The table row of one indicator result (IndicatorResult or its JSON dict).

    A verdict read from illustrative data marks every cell built from it: 本期值, 完成进度 and 评价 (issue 16).
    """
    baseline, base_marked = _figure_text(_get(result, "baseline"), _get(result, "baseline_text", "") or "")
    current, current_marked = _figure_text(
        _get(result, "current"), _get(result, "current_text", "") or "", year
    )
    from_illustrative = bool(_get(result, "illustrative", False) or current_marked)
    progress = _progress_text(result)
    if from_illustrative:
        current, progress = marked(current), marked(progress)
    override = _get(result, "override")
    return IndicatorFacts(
        number=_get(result, "number"),
        name=_get(result, "name"),
        unit=_get(result, "unit", "") or "",
        attribute=UNSTATED
        if _get(result, "attribute_stated") is False
        else (_get(result, "attribute") or UNSTATED),
        kind=_get(result, "kind", ""),
        status=_status(result),
        warning=_get(result, "warning"),
        baseline=baseline,
        target=_get(result, "target_text", "") or "—",
        current=current,
        progress=progress,
        explanation=_get(result, "explanation", "") or "",
        illustrative=bool(from_illustrative or base_marked),
        provisional=bool(_get(result, "provisional", False)),
        data_year=_get(result, "data_year"),
        target_value=_get(result, "target_value"),
        overridden=override is not None,
        override_reason=_get(override, "reason") if override is not None else None,
        override_sentence=_override_sentence(result, override),
        result=result,
        notes=list(_get(result, "notes", []) or []),
        baseline_value=_get(_get(result, "baseline"), "value"),
        current_value=_get(_get(result, "current"), "value"),
        current_year=_get(_get(result, "current"), "year"),
        progress_value=_get(result, "progress"),
        target_version=_get(result, "target_version") or "纲要原文",
        missing=_get(result, "missing"),
    )


def _target_value(item: dict) -> float | None:
    target = item.get("target")
    return target.get("value") if isinstance(target, dict) else None


def evaluation_results(evaluation) -> tuple[list, int, float, int, int]:
    """(results, year, time progress, base year, target year) of an Evaluation or its JSON dict."""
    results = list(_get(evaluation, "indicators", []))
    year = _get(evaluation, "year")
    tau = _get(evaluation, "time_progress", 0.0) or 0.0
    target_year = _get(evaluation, "target_year") or year
    base_year = _get(evaluation, "base_year") or (target_year - 5)
    if isinstance(evaluation, dict):
        results = [
            SimpleNamespace(**{"override": None, "target_value": _target_value(item), **item})
            for item in results
        ]
    return results, year, tau, base_year, target_year


def table_order(facts: list[IndicatorFacts]) -> list[IndicatorFacts]:
    """Binding indicators not achieved first (METHODOLOGY §4), then the plan's order."""
    return sorted(facts, key=lambda f: (not (f.binding and f.status == "not_achieved"), f.number))


def counts(facts: list[IndicatorFacts]) -> dict[str, int]:
    found: dict[str, int] = {}
    for fact in facts:
        found[fact.status] = found.get(fact.status, 0) + 1
    return found
