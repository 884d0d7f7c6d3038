"""What a quantity measures: the metric words around it, read from the grammar of plan sentences.

The metric is the noun phrase before the number (森林覆盖率达到18.5%), or the thing counted after the unit
when a verb stands before it (新建300个以上电动汽车充电桩); a growth rate without a subject takes the
subject of its sentence (地方财政收入…，年均增速达12.4%).
"""

from __future__ import annotations

import re
from dataclasses import replace

from planwatch.numbers import horizons
from planwatch.numbers.quantities import Quantity, find_quantities

SENTENCE_END = "。！？!?\n"
CLAUSE_BOUNDARY = "，,；;：:。！？!?、\n"
FROM = re.compile(r"(?:从|由)")


# Words that carry no meaning of their own at the edges of a metric.
_LEADING_NOISE = re.compile(
    r"^(?:其中|全区|全市|本区|我区|并|和|及|与|且|使|以|同时|进一步|持续|继续|基本|全面|确保|力争|计划|争取|实现|"
    r"保持|预计|努力|推动|推进|累计|共|总计|合计|完成|的|是|，)+"
)
_TRAILING_VERBS = re.compile(
    r"(?:(?:(?<![年人])均|将|已|也|分别|稳定|保持|稳步|持续|进一步|逐步|预计)?"
    r"(?:达到了|达到|达|为|是|增至|增长至|增长到|提升至|提升到|提高至|提高到|上升至|上升到|下降至|下降到|降至|"
    r"跃升至|突破|超过|不少于|不低于|不小于|不高于|不超过|控制在|保持在|稳定在|约为|约|近|接近|增长|提高|提升|"
    r"下降|减少|增加|实现|完成|了|共))?$"
)
_METRIC_HEAD = re.compile(
    r"(?:率|比重|比例|占比|量|数|额|值|面积|收入|强度|总数|规模|产值|寿命|浓度|里程|投资|支出|"
    r"能力|人数|人次|户数|增速|速度|水平|指数|时间|长度|覆盖率|容量|密度|总量|岗位)$"
)
GROWTH_WORDS = ("年均", "绝对量", "增速", "增长", "比", "较", "同比")
_COMPARISON_WORDS = ("比", "较", "同比", "相比")
_SUBJECT_CUT = re.compile(
    r"从|由|保持|预计|实现|持续|连续|不断|稳步|快速|突破|增长|提升|提高|达到|达|位居|进一步|是|为"
)


_LEADING_CHANGE = re.compile(r"^(?:增长|提升|提高|上升|下降|增加|减少|跃升|调整|扩大|降低)?(?:至|到|为)")
_LEADING_LINK = re.compile(r"^[\s　、和及与并（(]+|^(?:及以上|及以下|以上|以下|以内|左右|多|余)")
_NOUN_STOP = re.compile(r"[和及与并，。；、（()）]|实现|完成|达到|成为|正式|通过")


def sentence_start(text: str, position: int) -> int:
    cut = max(text.rfind(mark, 0, position) for mark in SENTENCE_END)
    return cut + 1


def clause_start(text: str, position: int) -> int:
    return max(text.rfind(mark, 0, position) for mark in CLAUSE_BOUNDARY) + 1


def clause_end(text: str, position: int) -> int:
    ends = [text.find(mark, position) for mark in CLAUSE_BOUNDARY]
    ends = [end for end in ends if end != -1]
    return min(ends) if ends else len(text)


def own_start(text: str, quantities: list[Quantity], index: int, clause_at: int) -> int:
    """Where the words about this quantity begin: after an earlier quantity of the same clause."""
    if index > 0 and quantities[index - 1].end > clause_at:
        return quantities[index - 1].end
    return clause_at


def metric_prefix(text: str, start: int, quantity: Quantity, is_from: bool) -> tuple[int, str, bool]:
    """(where the quote starts, the metric words before the number, whether they name the measure)."""
    while True:
        prefix = text[start : quantity.start]
        step = 0
        for pattern in (_LEADING_LINK, _LEADING_CHANGE, _LEADING_NOISE):
            match = pattern.match(prefix)
            if match and match.end():
                step = match.end()
                break
        if not step:
            for horizon in horizons.find_horizons(prefix)[:1]:
                if horizon.start == 0 and horizon.end < len(prefix) and horizon.kind != horizons.AVERAGE:
                    step = horizon.end
        if not step:
            break
        start += step
    prefix = text[start : quantity.start]
    if is_from:
        cut = FROM.search(prefix)
        core = prefix[: cut.start()] if cut else prefix
        return start, clean_metric(core), True
    core = prefix.rstrip(" 　")
    comparison = core.startswith(
        _COMPARISON_WORDS
    )  # 比/同比2015年增长: the year and the change are the measure
    if not re.search(r"(?:年均|年平均)(?:增长|增速)?$", core) and not comparison:
        core = _TRAILING_VERBS.sub("", core)
    if not comparison:
        core = strip_horizons(core)
    core = clean_metric(core)
    return start, core, bool(_METRIC_HEAD.search(core))


# 增 长, 同比 2015年: spaces a PDF copy leaves beside Chinese words in a metric mean nothing.
_SPACE_BY_HANZI = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=\S)|(?<=\S) +(?=[\u4e00-\u9fff])")


def clean_metric(text: str) -> str:
    return _SPACE_BY_HANZI.sub("", text).strip(' 　“”"的，,（(')


def strip_horizons(text: str) -> str:
    for horizon in reversed(horizons.find_horizons(text)):
        if horizon.kind in (
            horizons.BY,
            horizons.YEAR,
            horizons.PERIOD_END,
            horizons.PERIOD,
            horizons.WITHIN,
        ):
            text = text[: horizon.start] + text[horizon.end :]
    return text.strip("的，, ")


def noun_after(text: str, start: int, limit: int) -> str:
    """The thing counted after the unit: 300个以上|电动汽车充电桩 → 电动汽车充电桩."""
    tail = text[start : min(limit, clause_end(text, start))]
    stop = _NOUN_STOP.search(tail)
    return tail[: stop.start() if stop else 20][:20]


def sentence_subject(text: str, clause_at: int, sentence_at: int) -> str:
    """The subject of an earlier clause of the sentence: 地方财政收入 for 年均增速达12.4%."""
    end = clause_at - 1
    while end > sentence_at:
        start = clause_start(text, end)
        clause = strip_horizons(text[start:end])
        lead = _LEADING_NOISE.match(clause)
        clause = clause[lead.end() :] if lead else clause
        cuts = [match.start() for match in [_SUBJECT_CUT.search(clause)] if match]
        cuts += [quantity.start for quantity in find_quantities(clause)[:1]]
        candidate = clean_metric(clause[: min(cuts)] if cuts else "")
        if len(candidate) >= 2 and not find_quantities(candidate):
            return candidate
        end = start - 1
    return ""


def borrow_metrics(text: str, statements: list) -> None:
    """A quantity without words of its own takes the metric of its sentence: named later
    (到2022年累计实现约6100户，到2025年累计实现约10000户农民相对集中居住) or earlier (分别达到7.2万元和3.5万元)."""
    for index, statement in enumerate(statements):
        if statement.metric:
            continue
        end = _sentence_end(text, statement.quantity.end)
        start = sentence_start(text, statement.quantity.start)
        same_unit = [s for s in statements[index + 1 :] if s.quantity.start < end and s.metric]
        same_unit += [s for s in reversed(statements[:index]) if s.quantity.start >= start and s.metric]
        for other in same_unit:
            if other.quantity.unit == statement.quantity.unit:
                statement.metric = other.metric
                break


def distribute_respectively(text: str, statements: list) -> None:
    """单位地区生产总值能源消耗和二氧化碳排放分别降低13.5%、18%: each quantity takes its own subject."""
    for index, statement in enumerate(statements):
        if "分别" not in statement.metric:
            continue
        subject, _, verb = statement.metric.partition("分别")
        group = [statement]
        end = _sentence_end(text, statement.quantity.end)
        for later in statements[index + 1 :]:
            bare = later.span[0] >= later.quantity.start  # 、18%: no words of its own
            if not bare or later.quantity.start > end:
                break
            group.append(later)
        parts = [part for part in re.split(r"[和、与及]", subject) if part]
        for position, member in enumerate(group):
            own = parts[position] if len(parts) == len(group) else subject
            member.metric = own + verb


def _sentence_end(text: str, position: int) -> int:
    ends = [text.find(mark, position) for mark in SENTENCE_END]
    return min([end for end in ends if end != -1], default=len(text))


def split_shared_values(statements: list) -> list:
    """受污染耕地安全利用率和污染地块安全利用率均达到100%: one statement per metric sharing the value."""
    result = []
    for statement in statements:
        parts = [part for part in re.split(r"和|、|及|与", statement.metric) if part]
        if len(parts) > 1 and re.search(
            r"均(?:达到|达|为|保持在|保持|不低于|不少于|不高于|控制在)", statement.quote
        ):
            result.extend(replace(statement, metric=part) for part in parts)
        else:
            result.append(statement)
    return result
