"""Quantified statements: every quantity of a passage with what it measures, when, and whether it is a
commitment about the future (target) or a fact about the past (baseline).

The rules follow the grammar of plan language, not particular sentences:
- a review section (“十三五”时期的主要成就) states facts; other sections state commitments;
- a year stated before the number decides when the statement is: 到2025年 (future), 2020年全年 (past);
- 已/了/现有/先后 mark a fact inside a forward-looking section;
- in 从A增长至B / 由A提升至B, A is always a fact, B follows the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.errors import PlanFormatError
from planwatch.extract.metrics import (
    FROM,
    GROWTH_WORDS,
    borrow_metrics,
    clause_end,
    clause_start,
    distribute_respectively,
    metric_prefix,
    noun_after,
    own_start,
    sentence_start,
    sentence_subject,
    split_shared_values,
)
from planwatch.extract.passages import Passage
from planwatch.numbers import comparators, horizons
from planwatch.numbers.horizons import Horizon
from planwatch.numbers.quantities import (
    Quantity,
    find_doublings,
    find_fractions,
    find_quantities,
    find_ranks,
    is_top_rank,
)
from planwatch.numbers.units import normalize

TARGET = "target"
BASELINE = "baseline"
# A paragraph of the Songjiang plan holds at most 16 numbers with units. Reading each number looks at the others
# of its paragraph (time grows with the square of their count): a paragraph with more is refused.
MAX_QUANTITIES_PER_PASSAGE = 500

_PAST_MARKERS = re.compile(r"过去|五年来|已经|已于|已|现有|目前|先后|以来|(?<![为除])了(?![解])")
_FUTURE_MARKERS = re.compile(r"今后|未来|力争|计划|将|确保|争取|预计|拟")
_TO = re.compile(r"(?:增长|提升|提高|上升|下降|增加|减少|扩大|降低|跃升|调整|缩小|增)?(?:至|到|为)")


@dataclass
class Statement:
    """A quantity read in its context; `role` is TARGET or BASELINE."""

    role: str
    metric: str
    quantity: Quantity
    comparator: str
    comparator_word: str | None
    year: int | None
    year_implied: int | None
    per_year: bool
    within_years: int | None
    period: str | None  # e.g. "2016-2020" for a figure over a whole plan period
    kind: str
    line: int
    quote: str
    passage: Passage
    span: tuple[int, int]  # the quote's span in the passage text

    @property
    def value_normalized(self) -> tuple[float, str]:
        return normalize(self.quantity.value, self.quantity.unit)


def infer_period(passages: list[Passage]) -> tuple[int, int]:
    """The plan's years: from 第十四个五年规划 or the most quoted “十四五”, else 2021–2025."""
    counts: dict[int, int] = {}
    for passage in passages:
        text = passage.text
        for match in re.finditer(r"第([一二三四五六七八九十]+)个五年规划", text):
            ordinal = horizons.chinese_to_int(match.group(1))
            if ordinal:
                counts[ordinal] = counts.get(ordinal, 0) + 100
        for match in re.finditer(r"“([一二三四五六七八九十]{1,3})五”", text):
            ordinal = horizons.chinese_to_int(match.group(1))
            if ordinal:
                counts[ordinal] = counts.get(ordinal, 0) + 1
    if not counts:
        return 2021, 2025
    end = horizons.plan_end_year(max(counts, key=lambda o: (counts[o], o)))
    return end - 4, end


def read_statements(passages: list[Passage], period: tuple[int, int] | None = None) -> list[Statement]:
    """Every target and baseline statement of the passages, in document order."""
    period = period or infer_period(passages)
    found: list[Statement] = []
    for passage in passages:
        found.extend(_read_passage(passage, period))
    return found


def _read_passage(passage: Passage, period: tuple[int, int]) -> list[Statement]:
    text = passage.text
    found = find_quantities(text)
    extra = find_ranks(text) + find_fractions(text) + find_doublings(text)
    if len(found) + len(extra) > MAX_QUANTITIES_PER_PASSAGE:
        raise PlanFormatError(
            f"a paragraph with {len(found) + len(extra):,} numbers, over the limit of {MAX_QUANTITIES_PER_PASSAGE}",
            line=passage.paragraph.line,
        )
    quantities = [q for q in found if not _is_qualifier(text, q, found) and not _in_title(text, q)]
    quantities += [r for r in extra if not any(q.start < r.end and r.start < q.end for q in found)]
    quantities.sort(key=lambda q: q.start)
    if not quantities:
        return []
    found_horizons = horizons.find_horizons(text)
    opener = _paragraph_opener(found_horizons)
    statements: list[Statement] = []
    previous_metric: dict[int, str] = {}
    for index in range(len(quantities)):
        statement = _statement(passage, period, quantities, index, found_horizons, opener, previous_metric)
        if statement:
            statements.append(statement)
    distribute_respectively(text, statements)
    borrow_metrics(text, statements)
    return split_shared_values(statements)


def _statement(
    passage, period, quantities, index, found_horizons, opener, previous_metric
) -> Statement | None:
    text = passage.text
    quantity = quantities[index]
    base_year = period[0] - 1
    sentence_at = sentence_start(text, quantity.start)
    clause_at = clause_start(text, quantity.start)
    rank = _is_rank(text, quantity)
    comparison = comparators.compare(
        text, quantity.number_start, quantity.end, quantity.is_range, quantity.approximate_more
    )
    if rank:
        top = is_top_rank(text, quantity)
        comparison = comparators.Comparison("<=" if top else "=", "前" if top else None, quantity.end)
    before = [h for h in found_horizons if sentence_at <= h.start < quantity.start]
    governing = horizons.governing_year(before, quantity.start) or (opener if not before else None)
    if governing is None and opener and not any(h.year for h in before if not h.reference):
        governing = opener
    period_horizon = next(
        (h for h in reversed(before) if h.kind == horizons.PERIOD and not h.reference), None
    )

    from_role = _pair_role(text, quantities, index, clause_at)
    role = _role(passage, text, sentence_at, quantity, governing, period_horizon, base_year, from_role)

    own_at = own_start(text, quantities, index, clause_at)
    metric_start, core, names_measure = metric_prefix(text, own_at, quantity, from_role == "from")
    next_start = quantities[index + 1].start if index + 1 < len(quantities) else len(text)
    noun = "" if names_measure else noun_after(text, comparison.end, next_start)
    span_end = comparison.end + len(noun)
    if text[span_end : span_end + 1] in "）)" and text.rfind("（", metric_start, quantity.start) != -1:
        span_end += 1
    if from_role == "to" and index - 1 in previous_metric:
        metric = previous_metric[index - 1]
    else:
        metric = core + noun
        if not metric or metric.startswith(GROWTH_WORDS) or rank:
            subject = sentence_subject(text, clause_at, sentence_at)
            metric = subject + metric if subject and subject not in metric else metric
        if rank:
            metric = _SCOPE_WORDS.sub("", metric) + "排名"
    previous_metric[index] = metric
    span_start = own_at if from_role == "to" else metric_start
    located = _locate(passage, span_start, max(span_end, quantity.end), quantity.number_start)
    if located is None:
        return None
    line, span_start, span_end = located

    year = governing.year if governing else None
    if year is not None and role == TARGET and year <= base_year:
        year = None
    if year is not None and role == BASELINE and year > base_year:
        year = None
    per_year = _per_year(text, [h for h in before if h.start >= clause_at], quantity)
    within = next((h.years for h in reversed(before) if h.kind == horizons.WITHIN), None)
    period_text = None
    if role == BASELINE and year is None and period_horizon:
        period_text = f"{period_horizon.year - 4}-{period_horizon.year}"
    year_implied = year
    if year_implied is None:
        year_implied = period[1] if role == TARGET else (base_year - 5 if from_role == "from" else base_year)
    kind = "rank" if rank else _kind(metric, quantity, role, per_year, within, before)
    if per_year or (role == BASELINE and kind == "annual_growth_rate" and governing is not None):
        if role == BASELINE and year is not None:
            period_text = f"{year - 4}-{year}"
        year = None
    return Statement(
        role=role,
        metric=metric,
        quantity=quantity,
        comparator=comparison.comparator,
        comparator_word=comparison.word,
        year=year,
        year_implied=year_implied,
        per_year=per_year,
        within_years=within,
        period=period_text,
        kind=kind,
        line=line,
        quote=text[span_start:span_end],
        passage=passage,
        span=(span_start, span_end),
    )


def _paragraph_opener(found: list[Horizon]) -> Horizon | None:
    """到2025年， opening a paragraph governs every sentence of it."""
    if found and found[0].start <= 2 and found[0].kind == horizons.BY:
        return found[0]
    return None


def _role(passage, text, sentence_start, quantity, governing, period_horizon, base_year, from_role) -> str:
    if from_role == "from":
        return BASELINE
    if governing is not None and governing.year is not None:
        return BASELINE if governing.year <= base_year else TARGET
    if period_horizon is not None and period_horizon.year is not None:
        return BASELINE if period_horizon.year <= base_year else TARGET
    if passage.review:
        return BASELINE
    lead = text[sentence_start : quantity.start]
    past = list(_PAST_MARKERS.finditer(lead))
    future = list(_FUTURE_MARKERS.finditer(lead))
    if past and (not future or past[-1].start() > future[-1].start()):
        return BASELINE
    return TARGET


def _pair_role(text: str, quantities: list[Quantity], index: int, clause_at: int) -> str | None:
    """'from' for A and 'to' for B in 从A增长至B / 由A提升至B (same clause, no boundary between them)."""
    quantity = quantities[index]
    if index + 1 < len(quantities):
        following = quantities[index + 1]
        between = text[quantity.end : following.start]
        lead = text[clause_at : quantity.start]
        if (
            FROM.search(lead)
            and _TO.search(between)
            and not any(mark in between for mark in "，。；,;")
            and _same_dimension(quantity, following)
        ):
            return "from"
    if index > 0:
        previous = quantities[index - 1]
        between = text[previous.end : quantity.start]
        lead = text[clause_start(text, previous.start) : previous.start]
        if (
            FROM.search(lead)
            and _TO.search(between)
            and not any(mark in between for mark in "，。；,;")
            and _same_dimension(previous, quantity)
        ):
            return "to"
    return None


def _same_dimension(first: Quantity, second: Quantity) -> bool:
    return normalize(1, first.unit)[1] == normalize(1, second.unit)[1]


def _locate(passage: Passage, start: int, end: int, number_start: int) -> tuple[int, int, int] | None:
    """(line, start, end): the span cut to the one source line that holds the number."""
    paragraph = passage.paragraph
    if not paragraph.pieces:
        return (paragraph.line, start, end) if passage.container != "footnote" else None
    for piece in paragraph.pieces:
        if piece.start <= number_start < piece.end:
            start, end = max(start, piece.start), min(end, piece.end)
            while start < number_start and paragraph.text[start] in " 　\t":
                start += 1
            return piece.line, start, end
    return None


def _per_year(text: str, before: list[Horizon], quantity: Quantity) -> bool:
    """每年…, or 年均新增 (an amount every year); 年均浓度 is a statistic, not a yearly bound."""
    for horizon in before:
        if horizon.kind == horizons.PER_YEAR:
            return True
        if (
            horizon.kind == horizons.AVERAGE
            and quantity.unit not in ("%", "个百分点")
            and re.match(r"新增|增加|新建|增长", text[horizon.end : horizon.end + 2])
        ):
            return True
    return False


def _kind(metric: str, quantity: Quantity, role: str, per_year: bool, within: int | None, before) -> str:
    """The kind of METHODOLOGY.md §2; a change that is not a yearly average is `change` for a fact."""
    if quantity.unit in ("%", "个百分点") and re.search(r"增速|增长|增幅|提高|下降|提升|降低|减少", metric):
        if "年均" in metric or "年平均" in metric:
            return "annual_growth_rate"
        return "cumulative" if role == TARGET else "change"
    if per_year:
        return "per_year_bound"
    if within or any(h.kind == horizons.CUMULATIVE for h in before) or metric.startswith(("新增", "新建")):
        return "cumulative"
    # 劳动生产率 30万元/人 is a level: a 率 measured in money or counts is not a share.
    if (
        quantity.unit in ("%", "‰")
        or re.search(r"(?:率|比重|比例|占比)$", metric)
        and quantity.unit in ("", "比例")
    ):
        return "share"
    return "level"


_SPAN_UNITS = ("小时", "分钟", "天", "秒", "米", "公里", "千米")
_SPAN_NOUN = re.compile(
    r"(?:服务)?(?:半径|[^，。；、\s]{0,4}圈|范围|服务|不打烊|在线|全天候|自助|通勤|车程|步行)"
)


_SCOPE_WORDS = re.compile(
    r"(?:位居|位列|排名|居|保持)?(?:全市|全国|全区|全省|郊区|全球|世界|长三角)?(?:最大|前列)?$"
)


def _is_rank(text: str, quantity: Quantity) -> bool:
    return quantity.unit in ("名", "位") and text[quantity.start : quantity.start + 1] in ("第", "前")


def _is_qualifier(text: str, quantity: Quantity, quantities: list[Quantity]) -> bool:
    """A bracket inside a noun phrase, not a quantity of its own: 65岁以上户籍老年人口,
    新引进10亿元以上重大产业项目30个 (the projects are counted by the quantity after it)."""
    after = re.match(r"(?:以上|以下|及以上|及以下)(?=[\u4e00-\u9fff])", text[quantity.end :])
    if quantity.unit in _SPAN_UNITS and _SPAN_NOUN.match(text, quantity.end):
        return True  # 15分钟社区生活圈, 500米半径, 24小时服务: a reach that names a service standard
    if quantity.unit.endswith("岁"):
        return bool(after) or text[quantity.end : quantity.end + 1] == "的"
    if not after:
        return False
    end = clause_end(text, quantity.end)
    return any(quantity.end < other.start < end for other in quantities)


def _in_title(text: str, quantity: Quantity) -> bool:
    """A number inside 《…》 or “…” is part of a title or a name (“上海65米射电望远镜系统研制”项目)."""
    for opening, closing in (("《", "》"), ("“", "”")):
        opened = text.rfind(opening, 0, quantity.start)
        if opened != -1 and text.find(closing, opened) > quantity.start:
            return True
    return quantity.unit == "大" and not text[quantity.number_start].isdigit()
