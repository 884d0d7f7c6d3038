"""Plan versions by year: what a new version of the plan file (第N版) states about an indicator is in force from
the version's effective year; earlier years keep what the version before stated (METHODOLOGY §7, like adjustments).

The stored indicators are those of the newest version, each under a `key` that stays the same across versions (the
number it is stored under). A revision records, for one indicator and one version, the fields as the earlier version
had them (`before`) and as the new one has them (`after`); an added indicator has no `before`, a dropped one is
given whole (`indicator`, numbered as it was then). For a year, every revision in force later is undone, newest
version first, so the indicators come out as the version in force that year stated them, numbered as it numbered them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from planwatch.plan.model import Indicator
from planwatch.vocabulary import DIRECTION_ZH, KIND_ZH, attribute_label

CHANGED, ADDED, DROPPED = "changed", "added", "dropped"
# Fields of a core Indicator a version may change; `comparator` is the comparator of its target.
VERSIONED_FIELDS = (
    "number",
    "name",
    "unit",
    "attribute",
    "kind",
    "target_year",
    "comparator",
    "direction",
    "baseline",
    "parts",
    "reference",
)
_LABELS = {
    "number": "序号",
    "name": "名称",
    "unit": "单位",
    "attribute": "属性",
    "kind": "类型",
    "target_year": "目标年",
    "comparator": "比较方式",
    "direction": "方向",
    "baseline": "基期",
    "parts": "分项",
    "reference": "参照指标",
}
_COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "=": "=", "~": "约"}


@dataclass(frozen=True)
class IndicatorRevision:
    """What version `plan_version` of the plan file changed about the indicator stored under `key`."""

    key: int
    plan_version: int
    effective_year: int
    action: str = CHANGED  # CHANGED | ADDED | DROPPED
    before: Mapping[str, Any] = field(
        default_factory=dict
    )  # VERSIONED_FIELDS as the earlier version had them
    after: Mapping[str, Any] = field(default_factory=dict)  # … and as this version has them
    indicator: Indicator | None = None  # a dropped indicator as it was last in force (its number then)
    target: tuple[str, str] | None = None  # (old, new) target text, when the version changed the target too

    def __post_init__(self) -> None:
        if self.action not in (CHANGED, ADDED, DROPPED):
            raise ValueError(f"unknown revision action {self.action!r}")
        if self.action == DROPPED and self.indicator is None:
            raise ValueError(f"indicator {self.key}: a dropped indicator needs its last stated form")
        unknown = set(self.before) - set(VERSIONED_FIELDS)
        if unknown:
            raise ValueError(f"indicator {self.key}: fields not versioned: {sorted(unknown)}")


@dataclass(frozen=True)
class OutOfForce:
    """An indicator not evaluated in a year: dropped by a version in force, or added by one not yet in force."""

    key: int
    number: int
    name: str
    action: str  # DROPPED | ADDED
    plan_version: int
    effective_year: int

    @property
    def label(self) -> str:
        if self.action == DROPPED:
            return f"自{self.effective_year}年起不再列入（第{self.plan_version}版）"
        return f"自{self.effective_year}年起列入（第{self.plan_version}版）"


@dataclass
class InForce:
    """The indicators as the version in force in `year` states them, and how they map to the stored ones."""

    year: int
    indicators: list[Indicator]
    numbers: dict[int, int]  # key → number in force that year
    version: int  # the plan version in force (1 when no later one is yet)
    since: int | None  # the year that version is in force from (None for the first)
    out_of_force: list[OutOfForce] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)  # key → what versions in force changed about it
    # key → the same, without naming the version when it is the one in force (a page names that once)
    brief: dict[int, str] = field(default_factory=dict)
    added: list[OutOfForce] = field(default_factory=list)  # indicators a version in force listed anew


def _with(indicator: Indicator, values: Mapping[str, Any]) -> Indicator:
    plain = {name: value for name, value in values.items() if name != "comparator"}
    changed = replace(indicator, **plain)
    if "comparator" in values:
        changed = replace(changed, target=replace(changed.target, comparator=values["comparator"]))
    return changed


def in_force(
    stored: Iterable[Indicator], revisions: Iterable[IndicatorRevision], year: int, first_version: int = 1
) -> InForce:
    """The indicators in force in `year`: the stored ones (numbered by key) with every later version undone."""
    state: dict[int, Indicator | None] = {i.number: i for i in stored}
    ordered = sorted(revisions, key=lambda r: (r.plan_version, r.key), reverse=True)
    out: list[OutOfForce] = []
    for revision in ordered:
        if revision.action == DROPPED:
            state.setdefault(revision.key, None)
    for revision in ordered:
        later = revision.effective_year > year
        if revision.action == ADDED and later:
            gone = state.pop(revision.key, None)
            if gone is not None:
                out.append(_out(revision, gone))
        elif revision.action == DROPPED:
            if later:
                state[revision.key] = revision.indicator
            elif state.get(revision.key) is None:
                out.append(_out(revision, revision.indicator))
        elif later and state.get(revision.key) is not None:
            state[revision.key] = _with(state[revision.key], revision.before)
    live = {key: indicator for key, indicator in state.items() if indicator is not None}
    versions = [r for r in ordered if r.effective_year <= year]
    newest = max(versions, key=lambda r: r.plan_version, default=None)
    added = [_out(r, live[r.key]) for r in versions if r.action == ADDED and r.key in live]
    notes, brief = {}, {}
    for revision in versions:
        if revision.key in live and revision.action != DROPPED and revision.key not in notes:
            notes[revision.key] = revision_text(revision)
            current = newest is not None and revision.plan_version == newest.plan_version
            brief[revision.key] = revision_text(revision, named=not current)
    return InForce(
        year=year,
        indicators=sorted(live.values(), key=lambda i: i.number),
        numbers={key: indicator.number for key, indicator in live.items()},
        version=newest.plan_version if newest else first_version,
        since=newest.effective_year if newest else None,
        out_of_force=sorted(out, key=lambda o: o.number),
        notes=notes,
        brief=brief,
        added=sorted(added, key=lambda o: o.number),
    )


def listing_sentence(current: InForce) -> str:
    """第2版自2024年起不再列入“…”，新增列入“…”。 — what the versions in force dropped from or added to the indicators
    evaluated (empty when none did), for the report's account of the indicators."""
    by_version: dict[tuple[int, int], dict[str, list[str]]] = {}
    for listed in [*current.out_of_force, *current.added]:
        if listed.action == DROPPED and listed.effective_year > current.year:
            continue  # not yet dropped: it is evaluated
        if listed.action == ADDED and listed.effective_year > current.year:
            continue  # not yet listed: nothing to say about the year
        names = by_version.setdefault((listed.plan_version, listed.effective_year), {DROPPED: [], ADDED: []})
        names[listed.action].append(f"“{listed.name}”")
    sentences = []
    for (version, since), names in sorted(by_version.items()):
        said = [
            f"{verb}{'、'.join(names[action])}{len(names[action])}项"
            for action, verb in ((DROPPED, "不再列入"), (ADDED, "新增列入"))
            if names[action]
        ]
        sentences.append(f"规划第{version}版自{since}年起{'，'.join(said)}主要指标。")
    return "".join(sentences)


def _out(revision: IndicatorRevision, indicator: Indicator) -> OutOfForce:
    number = revision.before.get("number", indicator.number)
    return OutOfForce(
        revision.key,
        number,
        indicator.name,
        revision.action,
        revision.plan_version,
        revision.effective_year,
    )


def _shown(name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "无"
    if name == "attribute":
        return attribute_label(value)
    if name == "kind":
        return KIND_ZH.get(value, value)
    if name == "comparator":
        return _COMPARATOR_SIGNS.get(value, value)
    if name == "direction":
        return DIRECTION_ZH.get(value, value)
    if name == "baseline":
        return f"{_number(value.value)}（{value.year}年）"
    if name == "parts":
        return "、".join(
            f"{p.name}{_COMPARATOR_SIGNS.get(p.comparator, '')}{_number(p.value)}" for p in value
        )
    if name == "reference":
        return f"指标{value}"
    if name == "target_year":
        return f"{value}年"
    return _number(value) if isinstance(value, float) else str(value)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def revision_text(revision: IndicatorRevision, named: bool = True) -> str:
    """第2版自2024年起：属性 预期性→约束性；目标 ≥60 → ≥65 — what one version changed about one indicator;
    without `named`, only what changed (属性 预期性→约束性…), for a line that already names the version."""
    head = f"第{revision.plan_version}版自{revision.effective_year}年起" if named else ""
    if revision.action == ADDED:
        return f"{head}新增列入"
    if revision.action == DROPPED:
        return f"{head}不再列入"
    parts = [
        f"{_LABELS[name]} {_shown(name, revision.before[name])}→{_shown(name, revision.after.get(name))}"
        for name in VERSIONED_FIELDS
        if name in revision.before
    ]
    if revision.target is not None:
        parts.append(f"目标 {revision.target[0]} → {revision.target[1]}")
    if not named:
        return "；".join(parts)
    return f"{head}：{'；'.join(parts)}" if parts else head


def renumbered_only(revision: IndicatorRevision) -> bool:
    """A version that only moved the indicator to another number (序号 9→8), changing nothing it states."""
    return revision.action == CHANGED and set(revision.before) == {"number"} and revision.target is None
