"""One figure, several plans (规划间指标关联): an indicator linked to the same indicator of other plans, in a group.

A linked figure is stored once, on the indicator of the group whose plan's period holds its year (the earliest such
plan when periods overlap: the 14th plan's 2025 value on the 14th plan's indicator), and every plan of the group
reads it: a correction or an approval changes them all at once, and unlinking keeps every observation where it is.
The earlier plan's figure for the later plan's base year is the later plan's base when the later plan states none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from planwatch.evaluate import Observations
from planwatch.evaluate.service import reported_measure
from planwatch.evaluate.units import normalize
from planwatch.vocabulary import MEASURE_ZH
from planwatch.web.plans.linking import normal_name
from planwatch.web.plans.models import Indicator, IndicatorLink, IndicatorRevision, Plan


def kind_measure(indicator: Indicator) -> str:
    """What is reported for the indicator by its kind alone (水平值 or 增长率)."""
    return reported_measure(indicator.kind, indicator.number, Observations([]), indicator.plan.base_year)


def _by_plan(indicators: Iterable[Indicator]) -> list[Indicator]:
    """In the order of their plans' first years (then the plan imported first)."""
    return sorted(indicators, key=lambda i: (i.plan.period_start, i.plan_id, i.pk))


def group_of(indicator: Indicator) -> list[Indicator]:
    """The indicator's group, itself included (alone when it is not linked), in the order of the plans."""
    link = IndicatorLink.objects.filter(indicator=indicator).first()
    if link is None:
        return [indicator]
    # every member row, as `partners` reads them: one a new version dropped stays for the years it was in force
    members = Indicator.all_objects.filter(link__group_id=link.group_id).select_related("plan")
    return _by_plan(members)


def linked_others(indicator: Indicator) -> list[Indicator]:
    """The other plans' indicators linked to this one (with their plans)."""
    return [i for i in group_of(indicator) if i.pk != indicator.pk]


def _describe(indicator: Indicator) -> str:
    return f"《{indicator.plan}》指标{indicator.number}“{indicator.name}”"


def link_refusal(one: Indicator, other: Indicator) -> str | None:
    """Why the two indicators (and the groups they are in) cannot be joined, in Chinese; None when they can."""
    if one.plan_id == other.plan_id:
        return "关联的两个指标须属于两个不同的规划"
    first, second = group_of(one), group_of(other)
    if {i.pk for i in first} & {i.pk for i in second}:
        return f"{_describe(one)}与{_describe(other)}已在同一关联组中"
    for a in first:
        for b in second:
            if a.plan_id == b.plan_id:
                return (
                    f"同一规划在一个关联组中只能有一个指标：{_describe(a)}与{_describe(b)}属于同一规划，"
                    "请先将其中一个移出关联组"
                )
    merged = first + second
    head = merged[0]
    for member in merged[1:]:
        if normalize(head.unit or "") != normalize(member.unit or ""):
            return (
                f"计量单位不同，不能关联：《{head.plan}》指标{head.number}“{head.name}”为“{head.unit or '无单位'}”，"
                f"《{member.plan}》指标{member.number}“{member.name}”为“{member.unit or '无单位'}”"
            )
        if kind_measure(head) != kind_measure(member):
            return (
                f"计量方式不同，不能关联：指标“{head.name}”报送{MEASURE_ZH[kind_measure(head)]}，"
                f"指标“{member.name}”报送{MEASURE_ZH[kind_measure(member)]}"
            )
    return None


def partners(plan: Plan) -> dict[int, list[Indicator]]:
    """This plan's linked indicators: their id → the other plans' indicators of their groups (with their plans)."""
    own = dict(IndicatorLink.objects.filter(indicator__plan=plan).values_list("indicator_id", "group_id"))
    if not own:
        return {}
    members = IndicatorLink.objects.filter(group_id__in=set(own.values())).select_related("indicator__plan")
    by_group: dict[int, list[Indicator]] = {}
    for link in members:
        by_group.setdefault(link.group_id, []).append(link.indicator)
    return {
        own_id: _by_plan(i for i in by_group.get(group_id, []) if i.pk != own_id)
        for own_id, group_id in own.items()
    }


def partner_plan_ids(indicator_id: int) -> list[int]:
    """The other plans reading an indicator's figures through its group (their stored evaluations lapse with it)."""
    group = IndicatorLink.objects.filter(indicator_id=indicator_id).values("group_id")
    return list(
        IndicatorLink.objects.filter(group_id__in=group)
        .exclude(indicator_id=indicator_id)
        .values_list("indicator__plan_id", flat=True)
    )


def _covers(plan: Plan, year: int) -> bool:
    return plan.period_start <= year <= plan.period_end


def _in_force(indicator: Indicator, year: int) -> bool:
    """Whether the indicator is listed in `year`: one a new version dropped is not from that version's year on."""
    if not indicator.detached:
        return True
    dropped = (
        IndicatorRevision.objects.filter(indicator=indicator, action=IndicatorRevision.DROPPED)
        .order_by("effective_year")
        .values_list("effective_year", flat=True)
        .first()
    )
    return dropped is None or year < dropped


def reads(plan: Plan, year: int) -> bool:
    """A plan reads the figures of its base year and its period."""
    return plan.base_year <= year <= plan.period_end


def storage_indicator(indicator: Indicator, year: int, others: list[Indicator] | None = None) -> Indicator:
    """Where a figure of `year` is stored: the group's indicator whose plan's period holds the year (the earliest
    plan of those that do), so that every plan of the group reads one row; the indicator itself when no plan of
    the group holds the year (the 14th plan's 2020 base)."""
    others = linked_others(indicator) if others is None else others
    covering = [i for i in _by_plan([indicator, *others]) if _covers(i.plan, year) and _in_force(i, year)]
    return covering[0] if covering else indicator


def stored_elsewhere(indicator: Indicator, others: list[Indicator]) -> dict[int, list[int]]:
    """Other indicator id → the years the plan of `indicator` reads that are stored on it."""
    found: dict[int, list[int]] = {}
    for year in range(indicator.plan.base_year, indicator.plan.period_end + 1):
        where = storage_indicator(indicator, year, others)
        if where.pk != indicator.pk:
            found.setdefault(where.pk, []).append(year)
    return found


def read_filter(indicator: Indicator, others: list[Indicator] | None = None) -> Q:
    """The observations one indicator's plan reads for it: its own, and the years stored on a linked indicator."""
    others = linked_others(indicator) if others is None else others
    wanted = Q(indicator_id=indicator.pk)
    for other_id, years in stored_elsewhere(indicator, others).items():
        wanted |= Q(indicator_id=other_id, year__in=years)
    return wanted


def observation_filter(plan: Plan) -> Q:
    """The observations a plan reads: its own, and the figures of its years stored on linked indicators."""
    wanted = Q(indicator__plan=plan)
    found = partners(plan)
    if found:
        own = {i.pk: i for i in plan.indicators.filter(pk__in=list(found)).select_related("plan")}
        for own_id, others in found.items():
            if own_id in own:
                for other_id, years in stored_elsewhere(own[own_id], others).items():
                    wanted |= Q(indicator_id=other_id, year__in=years)
    return wanted


def numbers_by_indicator(plan: Plan) -> dict[int, int]:
    """Indicator id → its number in this plan, the linked indicators of other plans included."""
    numbers = dict(plan.indicators.values_list("pk", "number"))
    for own_id, others in partners(plan).items():
        for other in others:
            numbers[other.pk] = numbers.get(own_id)
    return numbers


def also_used_in(indicator: Indicator, others: list[Indicator] | None, year: int | None = None) -> str:
    """“同时用于《…》（指标16）” for an entry slot, the template and the API; empty when not linked, or when no other
    plan reads that year (a 2026 figure is no concern of a plan ending in 2025)."""
    named = [
        f"《{other.plan}》（指标{other.number}）"
        for other in others or []
        if year is None or reads(other.plan, year)
    ]
    return f"同时用于{'、'.join(named)}" if named else ""


def submittable(department) -> Q:
    """The drafts a department submits: those of its own indicators, and those its linked slots stored on another
    plan's indicator (its plan's years only: the 15th plan's 2025 base on the 14th plan's indicator, never that
    indicator's other years, which are the other department's)."""
    wanted = Q(indicator__department=department)
    own = list(Indicator.objects.filter(department=department, link__isnull=False).select_related("plan"))
    if not own:
        return wanted
    links_of = {}
    for link in IndicatorLink.objects.filter(
        group_id__in=IndicatorLink.objects.filter(indicator__in=own).values("group_id")
    ).select_related("indicator__plan"):
        links_of.setdefault(link.group_id, []).append(link.indicator)
    group_of_own = dict(
        IndicatorLink.objects.filter(indicator__in=own).values_list("indicator_id", "group_id")
    )
    for indicator in own:
        others = [i for i in links_of.get(group_of_own[indicator.pk], []) if i.pk != indicator.pk]
        for other_id, years in stored_elsewhere(indicator, others).items():
            wanted |= Q(indicator_id=other_id, year__in=years)
    return wanted


@dataclass
class BaseComparison:
    """The later plan's own base beside the earlier plan's figure for that year (the indicator page shows both)."""

    own: float | None
    linked: float | None
    linked_plan: Plan | None
    year: int

    @property
    def differs(self) -> bool:
        return self.own is not None and self.linked is not None and abs(self.own - self.linked) > 1e-9

    @property
    def used(self) -> float | None:
        return self.linked if self.linked is not None else self.own


def base_comparison(indicator: Indicator, others: list[Indicator] | None) -> BaseComparison | None:
    """For a linked indicator whose base year another plan of the group holds: its stated base and that plan's
    approved figure for the year."""
    year = indicator.plan.base_year
    where = storage_indicator(indicator, year, others or [])
    if where.pk == indicator.pk:
        return None
    from planwatch.web.monitoring.models import Observation

    figure = (
        Observation.objects.filter(
            indicator=where, year=year, measure="level", series="", state=Observation.APPROVED
        )
        .order_by("-vintage", "-id")
        .values_list("value", flat=True)
        .first()
    )
    own = indicator.baseline_value if (indicator.baseline_year or year) == year else None
    return BaseComparison(own=own, linked=figure, linked_plan=where.plan, year=year)


@dataclass
class Suggestion:
    earlier: Indicator
    later: Indicator
    refusal: str | None


def suggestions(one: Plan, other: Plan) -> list[Suggestion]:
    """Pairs of the two plans' indicators of one unit with the same name (brackets and spaces aside), or one name
    inside the other (4+ characters), not yet in one group and whose groups hold neither plan already; each with
    the reason it cannot be linked (measures differ)."""
    plans_of_group: dict[int, set[int]] = {}
    group_by_indicator: dict[int, int] = {}
    for indicator_id, group_id, plan_id in IndicatorLink.objects.values_list(
        "indicator_id", "group_id", "indicator__plan_id"
    ):
        plans_of_group.setdefault(group_id, set()).add(plan_id)
        group_by_indicator[indicator_id] = group_id

    def plans_with(indicator: Indicator) -> set[int]:
        group = group_by_indicator.get(indicator.pk)
        return plans_of_group[group] if group is not None else {indicator.plan_id}

    first = list(one.indicators.select_related("plan"))
    second = list(other.indicators.select_related("plan"))
    found = []
    for a in first:
        for b in second:
            if plans_with(a) & plans_with(b):
                continue  # already together, or one group would hold a plan twice
            name_a, name_b = normal_name(a.name), normal_name(b.name)
            shorter, longer = sorted((name_a, name_b), key=len)
            if normalize(a.unit or "") != normalize(b.unit or ""):
                continue
            if name_a == name_b or (len(shorter) >= 4 and shorter in longer):
                earlier, later = _by_plan([a, b])
                found.append(Suggestion(earlier, later, link_refusal(a, b)))
    found.sort(key=lambda s: (s.refusal is not None, s.earlier.number, s.later.number))
    return found


def with_linked(indicators) -> list[int]:
    """The ids of the indicators and of the other plans' indicators linked to them (where their figures live)."""
    ids = [i.pk for i in indicators]
    groups = IndicatorLink.objects.filter(indicator_id__in=ids).values("group_id")
    linked = set(IndicatorLink.objects.filter(group_id__in=groups).values_list("indicator_id", flat=True))
    return sorted(set(ids) | linked)
