"""What a target cell of a main indicator table means (METHODOLOGY.md §2): its kind, direction, comparator,
parts and the indicator a relative target refers to.

A comparator cell (`>60`, `<5.5`, `60以上`, `5.5以内`) is a level to reach when the baseline does not meet it yet
and a bound to hold every year when it does; the plan's own words (每年/保持在 vs 达到/提高到) win over that.
"""

from __future__ import annotations

import re

from planwatch.extract.linking import coverage, normalize_name
from planwatch.plan.model import Indicator, Part

_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_COMPOUND = re.compile(
    rf"^({_NUMBER}(?:\s*/\s*{_NUMBER})+)?\s*(?:[（(]({_NUMBER}(?:\s*/\s*{_NUMBER})*)[）)])?$"
)
CUMULATIVE = re.compile(rf"^[〔［\[]\s*({_NUMBER})\s*[〕］\]]$")
# 〔成片改造110 零星改造20〕: named parts of one cumulative cell.
_NAMED_PARTS = re.compile(r"^[〔［\[]\s*((?:[^\d〔〕［］\[\]\s]+\s*\d+(?:\.\d+)?\s*){2,})[〕］\]]$")
_NAMED_PART = re.compile(r"([^\d\s、，,]+)\s*(\d+(?:\.\d+)?)")
BOUND = re.compile(rf"^(>=|<=|≥|≤|>|<|＞|＜)?\s*({_NUMBER})\s*%?\s*(\*)?\s*(以上|以下|以内|左右)?%?$")
_UNIT_IN_NAME = re.compile(r"[（(]([^（）()]{1,12})[）)]$")
# The aspiration of a cell (`>7、力争…`, `6%左右，力争7%`) follows the commitment after a separator.
_ASPIRATION = re.compile(r"[、，,；;]\s*力争")

# A comparator written as a word before the number (`每年不低于1.5`, `不超过30`) reads as its symbol.
_WORD_COMPARATORS = (
    ("不低于", ">="),
    ("不少于", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不多于", "<="),
    ("超过", ">"),
    ("高于", ">"),
    ("低于", "<"),
    ("控制在", "<="),
)

_UP = (">=", "≥", ">", "＞")
_DOWN = ("<=", "≤", "<", "＜")
_UP_WORDS = ("以上", "不低于", "不少于", "超过", "高于", "力争")
_NOT_LESS_WORDS = ("不低于", "不少于")
_DOWN_WORDS = ("以下", "以内", "不高于", "低于", "不超过", "控制在")
_DOWN_NAMES = (
    "死亡",
    "失业",
    "浓度",
    "事故",
    "能耗",
    "排放",
    "发生率",
    "感染率",
    "耗水",
    "耗能",
    "赤字",
    "负债",
    # use and consumption: less is better
    "用水量",
    "用水总量",
    "用能",
    "消耗量",
    "消费量",
    "消费总量",
)
_REDUCTION_NAMES = ("降低", "下降", "减少", "削减")
_GROWTH_NAMES = ("增长率", "增速", "年均增长", "增长")
_PERCENT_UNITS = ("%", "％", "‰", "百分比")
_SHARE_NAMES = ("比重", "比例", "占比", "覆盖率", "率", "份额")
_FLOW_NAMES = ("改造", "新增", "新建", "建设", "累计", "新开工", "完成", "造林", "治理面积")
_ALLOCATION_WORDS = ("市级要求", "下达", "视情提出", "国家要求", "省级要求", "上级要求", "考核要求")
_RELATIVE = re.compile(r"与(.{1,10}?)(?:增长)?(?:保持)?同步|(?:高于|快于|不低于)(.{1,10}?)增长")
_HOLD_WORDS = ("每年", "各年度", "逐年", "保持在", "保持")
_REACH_WORDS = ("达到", "提高到", "提升到", "降低到", "下降到", "增加到", "突破")
_MEASURE_SUFFIXES = ("企业数", "企业", "数量", "个数", "家数", "人数", "数")
# Units of a level that a 〔〕 change is added to (人均预期寿命〔1〕岁): not amounts, not rates.
LEVEL_CHANGE_UNITS = ("岁", "年", "家", "所", "个", "件", "张", "床", "人", "名")


_LEAD_WORDS = re.compile(
    r"^(?:每年|各年度|逐年|年均|保持在|保持|达到|提高到|提升到|降低到|下降到|增加到|突破|增长)+"
)


def commitment(target_text: str) -> tuple[str, str | None]:
    """The binding part of a cell (without its lead words) and its 力争 aspiration:
    `6%左右，力争7%` → (`6%左右`, `7%`); `保持在6.5以上` → (`6.5以上`, None)."""
    text = target_text.replace(" ", "")
    match = _ASPIRATION.search(text)
    head, aspiration = (text[: match.start()], text[match.end() :] or None) if match else (text, None)
    return _LEAD_WORDS.sub("", head) or head, aspiration


def _bound(text: str) -> re.Match | None:
    """BOUND on a commitment whose comparator may be a word before its number: `不低于1.5` as `>=1.5`."""
    for word, symbol in _WORD_COMPARATORS:
        if text.startswith(word):
            text = symbol + text[len(word) :]
            break
    return BOUND.match(text)


def aspiration_value(target_text: str) -> float | None:
    """The number of a 力争 aspiration when it has one (`力争7%` → 7.0); None for words."""
    aspiration = commitment(target_text)[1]
    if aspiration is None:
        return None
    found = re.fullmatch(rf"(?:达到|增长|提高到)?({_NUMBER})%?(?:以上|左右)?", aspiration)
    return float(found.group(1)) if found else None


def direction_of(name: str, target_text: str, kind: str) -> str:
    """Which way the value should move: the cell's comparator or words, else the indicator's name."""
    text = commitment(target_text)[0]
    bound = _bound(text)
    if bound and bound.group(1):
        return "down" if bound.group(1) in _DOWN else "up"
    if any(w in text for w in _NOT_LESS_WORDS):
        return "up"  # 不低于 holds 低于 but says the opposite
    if any(w in text for w in _DOWN_WORDS) or text.startswith(_DOWN):
        return "down"
    if any(w in text for w in _UP_WORDS) or text.startswith(_UP):
        return "up"
    if any(w in name for w in _REDUCTION_NAMES):
        return "up"  # the measure is the reduction achieved (能耗降低): more is better
    if any(w in name for w in _DOWN_NAMES):
        return "down"
    return "up"


def is_growth_name(name: str, unit: str) -> bool:
    return "年均" in name or any(w in name for w in _GROWTH_NAMES) and unit in ("%", "％")


def stated_holding(target_text: str) -> bool | None:
    """The plan's own words: True for 每年/保持在 (hold), False for 达到/提高到 (reach), None when silent."""
    text = target_text.replace(" ", "")
    if any(w in text for w in _HOLD_WORDS):
        return True
    if any(w in text for w in _REACH_WORDS):
        return False
    return None


def stated_in_text(indicator: Indicator, targets: list, value: float) -> bool | None:
    """The plan's words in its text: a sentence stating the same target (粮食综合生产能力保持在6.5亿吨以上
    beside `>6.5`) says hold (True) or reach (False); None when no sentence states it."""
    name = normalize_name(indicator.name)
    for target in targets:
        if abs(getattr(target, "value", float("nan")) - value) > 1e-9:
            continue
        if coverage(normalize_name(getattr(target, "metric", "")), name) < 0.7:
            continue
        if getattr(target, "per_year", False):
            return True
        said = stated_holding(getattr(target, "quote", ""))
        if said is not None:
            return said
    return None


def kind_from_text(indicator: Indicator, targets: list) -> str | None:
    """The kind a comparator cell takes from the sentence of the text that states the same target
    (`84.5以上` beside 人均预期寿命保持在84.5岁以上 → per_year_bound; 达到 → a level to reach); None when the
    cell says it itself, is no comparator, or no sentence states it."""
    value = indicator.target.value
    if indicator.kind not in ("level", "share", "per_year_bound") or value is None:
        return None
    if not comparator_cell(indicator.target_text) or stated_holding(indicator.target_text) is not None:
        return None
    said = stated_in_text(indicator, targets, value)
    if said is None:
        return None
    if said:
        return "per_year_bound"
    return (
        _level_kind(indicator.name, indicator.unit) if indicator.kind == "per_year_bound" else indicator.kind
    )


def comparator_cell(target_text: str) -> bool:
    """A cell whose comparator is a bound (`>60`, `60以上`, `5.5以内`), not an approximation (`左右`)."""
    bound = _bound(commitment(target_text)[0])
    return bool(bound and (bound.group(1) or bound.group(4) in ("以上", "以下", "以内")))


def reach_or_hold(baseline: float, target: float, direction: str) -> str:
    """per_year_bound when the baseline already meets the comparator (hold it), else level (reach it)."""
    met = baseline <= target if direction == "down" else baseline >= target
    return "per_year_bound" if met else "level"


def is_share(name: str, unit: str) -> bool:
    """A share is measured in percent; a 率 measured in anything else (全员劳动生产率 in 万元/人, a rate of
    money or per person) is a level. A name ending in a share word counts as a share when no unit is given."""
    unit = unit.strip()
    if unit in _PERCENT_UNITS:
        return True
    return not unit and name.endswith(_SHARE_NAMES)


def _level_kind(name: str, unit: str) -> str:
    return "share" if is_share(name, unit) else "level"


def classify(
    name: str,
    unit: str,
    target_text: str,
    from_period_column: bool,
    baseline: float | None = None,
    period_header: str = "",
) -> str:
    """The kind of target (METHODOLOGY.md §2) a table row states; `baseline` decides reach or hold.
    `period_header` is the header of the 年均/累计 column the cell was read from, when it was."""
    text, _ = commitment(target_text)
    if not text or text in ("—", "-", "——", "/"):
        return "qualitative"
    if _NAMED_PARTS.match(text):
        return "compound"
    if CUMULATIVE.match(text):
        return "cumulative"
    compound = _COMPOUND.match(text)
    if compound and compound.group(1) and compound.group(2) or compound and compound.group(1) and "/" in text:
        return "compound"
    if _RELATIVE.search(text):
        return "relative"
    if any(w in text for w in _ALLOCATION_WORDS):
        return "allocation"
    if "标准" in text:
        return "standard"
    bound = _bound(text)
    if not bound:
        return "qualitative"
    stated_growth = re.match(r"^(?:年均)?增长", target_text.replace(" ", ""))  # 年均增长7%以上 in the cell
    if (
        is_growth_name(name, unit)
        or stated_growth
        or from_period_column
        and unit in ("%", "％")
        and "增" in name
        or _growth_column(name, unit, period_header if from_period_column else "")
        and not comparator_cell(text)
    ):
        return "annual_growth_rate"
    reduction = any(w in name for w in _REDUCTION_NAMES)
    holding = stated_holding(target_text)
    if (
        holding
        and not reduction
        or _yearly_amount_column(name, unit, period_header if from_period_column else "")
    ):
        return "per_year_bound"
    if comparator_cell(text) and not reduction and holding is None:
        if baseline is not None:
            decided = reach_or_hold(baseline, float(bound.group(2)), direction_of(name, text, ""))
            return decided if decided == "per_year_bound" else _level_kind(name, unit)
        # Unknown baseline: a strict < / > or a bound in the 年均/累计 column is held until a baseline says
        # otherwise (the engine decides again when the base year's figure arrives).
        if bound.group(1) in ("<", ">", "＜", "＞") or from_period_column:
            return "per_year_bound"
    if reduction and unit in ("%", "％"):
        return "cumulative"
    if is_share(name, unit):
        return "share"
    if any(w in name for w in _FLOW_NAMES):
        return "cumulative"
    return "level"


def _growth_column(name: str, unit: str, header: str) -> bool:
    """A number in a 年均 column (年均增速, 年均/累计) beside a level measured in its own unit (地区生产总值,
    亿元) can only be the level's average yearly growth in %; an amount of a flow (新增, 改造) is not, nor is a
    comparator bound there (`>46` beside 能源综合生产能力: a level held every year)."""
    if "年均" not in header or unit.strip() in _PERCENT_UNITS or not unit.strip():
        return False
    return not any(w in name for w in _FLOW_NAMES)


def _yearly_amount_column(name: str, unit: str, header: str) -> bool:
    """An amount of a flow (城镇新增就业 70 万人) in a 年均 column is a yearly amount, held on the mean of the
    years (§2.5); five-year totals stand in 〔〕 or [ ] there and are read before this."""
    if "年均" not in header or unit.strip() in _PERCENT_UNITS or not unit.strip():
        return False
    return any(w in name for w in _FLOW_NAMES) and not any(w in name for w in _REDUCTION_NAMES)


def comparator(text: str, direction: str) -> str:
    bound = _bound(commitment(text)[0])
    symbol = bound.group(1) if bound else None
    word = bound.group(4) if bound else None
    if symbol in _UP or word == "以上":
        return ">="
    if symbol in _DOWN or word in ("以下", "以内"):
        return "<="
    if word == "左右":
        return "~"
    return ">=" if direction == "up" else "<="


def target_number(target_text: str) -> float | None:
    """The commitment's number: `>7、力争…` → 7, `〔13.5〕` → 13.5, `6%左右，力争7%` → 6."""
    text = commitment(target_text)[0]
    found = CUMULATIVE.match(text) or _bound(text)
    if found is None:
        return None
    return float(found.group(1) if found.re is CUMULATIVE else found.group(2))


def parts(name: str, text: str) -> list[Part]:
    """`70/500（25）` under 上市、挂牌企业数（科创板）: 上市 70, 挂牌 500, 科创板 25; 〔成片改造110 零星改造20〕."""
    named = _NAMED_PARTS.match(text.replace("\u3000", " ").strip())
    if named:
        return [Part(n, float(v), ">=") for n, v in _NAMED_PART.findall(named.group(1))]
    match = _COMPOUND.match(text.replace(" ", ""))
    values = [float(v) for v in re.split(r"\s*/\s*", match.group(1))] if match and match.group(1) else []
    inner = [float(v) for v in re.split(r"\s*/\s*", match.group(2))] if match and match.group(2) else []
    paren = _UNIT_IN_NAME.search(name)
    inner_names = re.split(r"[、/]", paren.group(1)) if paren else []
    base = name[: paren.start()] if paren else name
    names = re.split(r"[、/]", base)
    if len(names) == len(values) and names:
        for suffix in _MEASURE_SUFFIXES:
            if names[-1].endswith(suffix) and len(names[-1]) > len(suffix):
                names[-1] = names[-1][: -len(suffix)]
                break
    else:
        names = [f"{base}（{i + 1}）" for i in range(len(values))]
    if len(inner_names) != len(inner):
        inner_names = [f"{base}（括号内{i + 1}）" for i in range(len(inner))]
    return [Part(n, v, ">=") for n, v in zip(names + inner_names, values + inner, strict=True)]


def reference(target_text: str, indicators: list[Indicator]) -> int | None:
    """The indicator a relative target compares against (与经济增长同步 → the GDP growth indicator)."""
    match = _RELATIVE.search(target_text)
    if not match:
        return None
    phrase = match.group(1) or match.group(2) or ""
    if "经济" in phrase or "GDP" in phrase.upper():
        phrase = "生产总值" + phrase
    best, best_score = None, 0
    for indicator in indicators:
        score = len(set(phrase) & set(indicator.name)) + ("增长" in indicator.name)
        if score > best_score:
            best, best_score = indicator.number, score
    return best if best_score >= 3 else None
