"""Linking baseline facts of the text to the main indicators: 森林覆盖率 ← 森林覆盖率达到18.5%.

A fact is linked only when the text states it: the units convert, the year is the indicator's base year,
the names agree (most characters shared, no rival qualifier: 资源化利用率 is not 回收利用率), and the value is
plausible beside the target. Each fact goes to at most one indicator, the best-matching one, and never to
an indicator when another names it more closely: 社会消费品零售总额增长4% belongs to 社会消费品零售总额增长 (whose
target is allocated, so it takes no baseline), not to 网络零售额占社会消费品零售总额比重, which merely contains it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.numbers.units import convert
from planwatch.plan.model import Baseline, Indicator

# Indicator kinds whose baseline is not a single stated level or rate.
_UNLINKED_KINDS = ("compound", "standard", "allocation", "qualitative", "cumulative")
_GROWTH_KINDS = ("annual_growth_rate", "change")
MIN_COVERAGE = 0.7
# A baseline more than this many times off the target is some other quantity (G60-wide counts, 万 vs 个).
MAX_RATIO = 5.0
# Words that qualify a name without changing what is measured.
_NEUTRAL = re.compile(r"（[^）]*）|\([^)]*\)|有效期内|全社会(?=研发)|全区|本区|全市|总(?=数|量)|的|[“”\"]")
# Growth written as nominal (绝对量, 现价, 名义) is not the comparable-price growth a growth indicator tracks.
_NOMINAL = re.compile(r"绝对量|现价|名义")
_SYNONYMS = (("增长率", "增长"), ("增速", "增长"), ("规模以上", "规上"), ("期望寿命", "预期寿命"))


@dataclass(frozen=True)
class Candidate:
    indicator: Indicator
    fact: object
    score: float
    value: float
    unit: str


def normalize_name(name: str) -> str:
    """The part of a name that says what is measured: 有效期内高新技术企业数 → 高新技术企业数."""
    name = _NEUTRAL.sub("", name)
    for word, replacement in _SYNONYMS:
        name = name.replace(word, replacement)
    return name


def coverage(first: str, second: str) -> float:
    """Share of the shorter name's characters found in the longer one (as a multiset)."""
    shorter, longer = sorted((first, second), key=len)
    if not shorter:
        return 0.0
    pool = list(longer)
    shared = 0
    for ch in shorter:
        if ch in pool:
            pool.remove(ch)
            shared += 1
    return shared / len(shorter)


def rival_qualifiers(first: str, second: str) -> bool:
    """True when the names differ by two qualifiers that share nothing: 回收利用率 vs 资源化利用率."""
    prefix = 0
    while prefix < min(len(first), len(second)) and first[prefix] == second[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(first), len(second)) - prefix and first[-1 - suffix] == second[-1 - suffix]:
        suffix += 1
    middle_first = first[prefix : len(first) - suffix]
    middle_second = second[prefix : len(second) - suffix]
    return bool(middle_first and middle_second and not set(middle_first) & set(middle_second))


def similarity(indicator_name: str, metric: str) -> float:
    """0…1: how surely `metric` names the indicator's measure; 0 below MIN_COVERAGE or for rival qualifiers."""
    return _similarity(normalize_name(indicator_name), normalize_name(metric))


def _similarity(first: str, second: str) -> float:
    if not first or not second:
        return 0.0
    if first == second:
        return 1.0
    if rival_qualifiers(first, second):
        return 0.0
    shared = coverage(first, second)
    if shared < MIN_COVERAGE:
        return 0.0
    dice = 2 * shared * min(len(first), len(second)) / (len(first) + len(second))
    return round((shared + dice) / 2, 2)


def link_baselines(indicators: list[Indicator], baselines: list, base_year: int | None = None) -> None:
    """Fill `indicator.baseline` from the text's baseline facts where the text states them; never guess."""
    candidates = []
    metrics = [normalize_name(fact.metric) for fact in baselines]  # once, not once per indicator
    names = {id(indicator): normalize_name(indicator.name) for indicator in indicators}
    # The closest any indicator's name comes to each fact, eligible or not: the most specific name wins.
    closest = [max((_similarity(name, metric) for name in names.values()), default=0.0) for metric in metrics]
    for indicator in indicators:
        if indicator.baseline is not None or indicator.kind in _UNLINKED_KINDS:
            continue
        year = indicator.base_year or base_year
        name = names[id(indicator)]
        for fact, metric, best in zip(baselines, metrics, closest, strict=True):
            candidate = _candidate(indicator, name, fact, metric, year)
            if candidate and _similarity(name, metric) >= best:
                candidates.append(candidate)
    candidates.sort(key=lambda c: (-c.score, c.indicator.number, getattr(c.fact, "line", 0)))
    taken_facts: set[int] = set()
    for candidate in candidates:
        if candidate.indicator.baseline is not None or id(candidate.fact) in taken_facts:
            continue
        fact = candidate.fact
        candidate.indicator.baseline = Baseline(
            value=candidate.value,
            year=candidate.indicator.base_year or base_year or _fact_year(fact) or 0,
            line=fact.line,
            quote=fact.quote,
            confidence=round(candidate.score, 2),
            unit=candidate.unit,
        )
        taken_facts.add(id(fact))


def _candidate(indicator: Indicator, name: str, fact, metric: str, base_year: int | None) -> Candidate | None:
    growth_indicator = indicator.kind in _GROWTH_KINDS
    growth_fact = getattr(fact, "kind", None) in _GROWTH_KINDS
    if growth_indicator != growth_fact:
        return None
    if growth_indicator and _NOMINAL.search(getattr(fact, "quote", "") or ""):
        return None
    if base_year is not None and not _states_year(fact, base_year, growth_indicator):
        return None
    score = _similarity(name, metric)
    if not score:
        return None
    value = convert(fact.value, fact.unit, indicator.unit) if indicator.unit else None
    if value is None or not _plausible(indicator, value):
        return None
    if getattr(fact, "comparator", "=") != "=":
        score *= 0.9  # 6900多家, 约2.5万: a bound, not the value itself
    return Candidate(indicator, fact, score, value, indicator.unit)


def _fact_year(fact) -> int | None:
    return getattr(fact, "year", None) or getattr(fact, "year_implied", None)


def _states_year(fact, base_year: int, growth: bool) -> bool:
    """The fact describes the base year (or, for a growth rate, the period that ends in it)."""
    if growth:
        period = getattr(fact, "period", None)
        return period is not None and period.endswith(str(base_year))
    year = getattr(fact, "year", None)
    if year is not None:
        return year == base_year
    return getattr(fact, "year_implied", None) == base_year and getattr(fact, "period", None) is None


def _plausible(indicator: Indicator, value: float) -> bool:
    target = indicator.target.value if indicator.target else None
    if indicator.unit in ("%", "％") and not 0 <= value <= 100:
        return False
    if not target or not value or indicator.kind in _GROWTH_KINDS:
        return True
    ratio = value / target
    return 1 / MAX_RATIO <= ratio <= MAX_RATIO
