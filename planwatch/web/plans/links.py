"""One figure, two plans (规划间指标关联): an indicator of one plan linked to the same indicator of another.

A linked figure is stored once, on the indicator of the plan whose period holds its year (the 14th plan's 2025
value on the 14th plan's indicator), and both plans read it through the link: a correction or an approval changes
both at once, and unlinking keeps every observation where it is. The earlier plan's figure for the later plan's
base year is the later plan's base when the later plan states none.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from planwatch.evaluate import Observations
from planwatch.evaluate.service import reported_measure
from planwatch.evaluate.units import normalize
from planwatch.vocabulary import MEASURE_ZH
from planwatch.web.plans.linking import normal_name
from planwatch.web.plans.models import Indicator, IndicatorLink, Plan


def kind_measure(indicator: Indicator) -> str:
    """What is reported for the indicator by its kind alone (水平值 or 增长率)."""
    return reported_measure(indicator.kind, indicator.number, Observations([]), indicator.plan.base_year)


def link_refusal(one: Indicator, other: Indicator) -> str | None:
    """Why the two indicators cannot be linked, in Chinese; None when they can."""
    if one.plan_id == other.plan_id:
        return "关联的两个指标须属于两个不同的规划"
    if one.plan.period_start == other.plan.period_start:
        return "两个规划的起始年相同，无法区分前后规划"
    if normalize(one.unit or "") != normalize(other.unit or ""):
        return (
            f"计量单位不同，不能关联：《{one.plan}》指标{one.number}“{one.name}”为“{one.unit or '无单位'}”，"
            f"《{other.plan}》指标{other.number}“{other.name}”为“{other.unit or '无单位'}”"
        )
    if kind_measure(one) != kind_measure(other):
        return (
            f"计量方式不同，不能关联：指标“{one.name}”报送{MEASURE_ZH[kind_measure(one)]}，"
            f"指标“{other.name}”报送{MEASURE_ZH[kind_measure(other)]}"
        )
    for indicator in (one, other):
        if linked_partner(indicator) is not None:
            return f"《{indicator.plan}》指标{indicator.number}“{indicator.name}”已与其他规划的指标关联，请先解除"
    return None


def ordered(one: Indicator, other: Indicator) -> tuple[Indicator, Indicator]:
    """(earlier, later) by the plans' first years."""
    return (one, other) if one.plan.period_start < other.plan.period_start else (other, one)


def linked_partner(indicator: Indicator) -> Indicator | None:
    """The other plan's indicator linked to this one, if any."""
    link = IndicatorLink.objects.filter(Q(earlier=indicator) | Q(later=indicator)).first()
    if link is None:
        return None
    return link.later if link.earlier_id == indicator.pk else link.earlier


def partners(plan: Plan) -> dict[int, Indicator]:
    """This plan's linked indicators: their id → the other plan's indicator (with its plan)."""
    found: dict[int, Indicator] = {}
    links = IndicatorLink.objects.filter(Q(earlier__plan=plan) | Q(later__plan=plan)).select_related(
        "earlier__plan", "later__plan"
    )
    for link in links:
        if link.earlier.plan_id == plan.pk:
            found[link.earlier_id] = link.later
        else:
            found[link.later_id] = link.earlier
    return found


def partner_plan_ids(indicator_id: int) -> list[int]:
    """The plans reading an indicator's figures through a link (their stored evaluations lapse with it)."""
    rows = IndicatorLink.objects.filter(Q(earlier_id=indicator_id) | Q(later_id=indicator_id))
    return [
        plan_id
        for earlier_plan, later_plan, earlier_id in rows.values_list(
            "earlier__plan", "later__plan", "earlier_id"
        )
        for plan_id in ([later_plan] if earlier_id == indicator_id else [earlier_plan])
    ]


def _covers(plan: Plan, year: int) -> bool:
    return plan.period_start <= year <= plan.period_end


def storage_indicator(indicator: Indicator, year: int, partner: Indicator | None = None) -> Indicator:
    """Where a figure of `year` is stored: the linked indicator whose plan's period holds the year when this
    plan's does not (the 15th plan's 2025 base value is the 14th plan's 2025 figure), else the indicator itself."""
    if _covers(indicator.plan, year):
        return indicator
    partner = partner if partner is not None else linked_partner(indicator)
    if partner is not None and _covers(partner.plan, year):
        return partner
    return indicator


def observation_filter(plan: Plan) -> Q:
    """The observations a plan reads: its own, and its linked indicators' figures of its base year and period."""
    wanted = Q(indicator__plan=plan)
    linked = [p.pk for p in partners(plan).values()]
    if linked:
        years = Q(year__gte=plan.base_year, year__lte=plan.period_end)
        wanted |= Q(indicator_id__in=linked) & years
    return wanted


def numbers_by_indicator(plan: Plan) -> dict[int, int]:
    """Indicator id → its number in this plan, the linked indicators of other plans included."""
    numbers = dict(plan.indicators.values_list("pk", "number"))
    for own_id, partner in partners(plan).items():
        numbers[partner.pk] = numbers.get(own_id)
    return numbers


def also_used_in(indicator: Indicator, partner: Indicator | None, year: int | None = None) -> str:
    """“同时用于《…》” for an entry slot, the template and the API; empty when not linked, or when the other plan
    does not read that year (a 2026 figure is no concern of a plan ending in 2025)."""
    if partner is None:
        return ""
    if year is not None and not partner.plan.base_year <= year <= partner.plan.period_end:
        return ""
    return f"同时用于《{partner.plan}》（指标{partner.number}）"


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


def base_comparison(indicator: Indicator, partner: Indicator | None) -> BaseComparison | None:
    """For the later plan's linked indicator: its stated base and the earlier plan's approved base-year figure."""
    if partner is None or partner.plan.period_start >= indicator.plan.period_start:
        return None
    from planwatch.web.monitoring.models import Observation

    year = indicator.plan.base_year
    figure = (
        Observation.objects.filter(
            indicator=partner, year=year, measure="level", series="", state=Observation.APPROVED
        )
        .order_by("-vintage", "-id")
        .values_list("value", flat=True)
        .first()
    )
    own = indicator.baseline_value if (indicator.baseline_year or year) == year else None
    return BaseComparison(own=own, linked=figure, linked_plan=partner.plan, year=year)


@dataclass
class Suggestion:
    earlier: Indicator
    later: Indicator
    refusal: str | None


def suggestions(one: Plan, other: Plan) -> list[Suggestion]:
    """Pairs of the two plans' unlinked indicators of one unit with the same name (brackets and spaces aside), or
    one name inside the other (4+ characters); each with the reason it cannot be linked (measures differ)."""
    linked = set(IndicatorLink.objects.values_list("earlier_id", flat=True)) | set(
        IndicatorLink.objects.values_list("later_id", flat=True)
    )
    first = [i for i in one.indicators.select_related("plan") if i.pk not in linked]
    second = [i for i in other.indicators.select_related("plan") if i.pk not in linked]
    found = []
    for a in first:
        for b in second:
            name_a, name_b = normal_name(a.name), normal_name(b.name)
            shorter, longer = sorted((name_a, name_b), key=len)
            if normalize(a.unit or "") != normalize(b.unit or ""):
                continue
            if name_a == name_b or (len(shorter) >= 4 and shorter in longer):
                earlier, later = ordered(a, b)
                found.append(Suggestion(earlier, later, link_refusal(a, b)))
    found.sort(key=lambda s: (s.refusal is not None, s.earlier.number, s.later.number))
    return found


def with_linked(indicators) -> list[int]:
    """The ids of the indicators and of the other plans' indicators linked to them (where their figures live)."""
    ids = [i.pk for i in indicators]
    rows = IndicatorLink.objects.filter(Q(earlier_id__in=ids) | Q(later_id__in=ids))
    linked = {pk for pair in rows.values_list("earlier_id", "later_id") for pk in pair}
    return sorted(set(ids) | linked)
