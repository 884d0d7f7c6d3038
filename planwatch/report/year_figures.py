"""Figures of one year and of the whole period that the annual and the final report state beside the verdicts.

Annual report (METHODOLOGY §5, §6): 年度目标、全年完成、同比 for each indicator with figures of the year.
Final report: what each kind of target implies at the end — the cumulative result of a 〔〕 reduction or amount
target over the period, and the level behind a growth-rate target (e.g. GDP total behind 年均增长6.5%).
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.report.facts import IndicatorFacts, marked, number
from planwatch.report.model import Table


@dataclass
class YearRow:
    number: int
    name: str
    unit: str
    target: str  # 年度目标 (an allocation of the year), or —
    result: str  # 全年完成
    change: str  # 同比: 增长x% for amounts, 提高x个百分点 for percentages
    illustrative: bool


def _flag(text: str, obs) -> str:
    return marked(text) if obs is not None and getattr(obs, "illustrative", False) else text


def percent_change(unit: str, previous: float, current: float) -> str:
    """同比 of a value: 个百分点 for a percentage (a difference of percentages), % for other units."""
    if unit.strip() in ("%", "％"):
        diff = current - previous
        if abs(diff) < 0.05:
            return "持平"
        return f"{'提高' if diff > 0 else '下降'}{abs(diff):.1f}个百分点"
    if not previous:
        return "—"
    rate = (current / previous - 1) * 100
    return f"{'增长' if rate >= 0 else '下降'}{abs(rate):.1f}%"


def year_rows(facts: list[IndicatorFacts], observations, year: int) -> list[YearRow]:
    """One row per indicator with a figure of `year` (a level, growth rate, amount or reduction)."""
    if observations is None:
        return []
    rows = []
    for fact in facts:
        allocation = observations.series(fact.number, "allocation", None).get(year)
        level = observations.series(fact.number, "level", None)
        rate = observations.series(fact.number, "growth_rate", None).get(year)
        amount = observations.series(fact.number, "amount", None).get(year)
        reduction = observations.series(fact.number, "reduction_rate", None).get(year)
        current = level.get(year)
        result, change, used = "—", "—", None
        if current is not None:
            unit = current.unit or fact.unit
            result, used = _flag(f"{number(current.value)}{unit}", current), current
            previous = level.get(year - 1)
            if rate is not None:
                change = _flag(
                    f"增长{number(rate.value)}%" if rate.value >= 0 else f"下降{number(-rate.value)}%", rate
                )
            elif previous is not None:
                change = _flag(percent_change(unit, previous.value, current.value), previous if getattr(
                    previous, "illustrative", False) else current)  # fmt: skip
        elif rate is not None:
            result, used = _flag(f"增长{number(rate.value)}%", rate), rate
        elif amount is not None:
            result, used = _flag(f"完成{number(amount.value)}{amount.unit or fact.unit}", amount), amount
        elif reduction is not None:
            result, used = _flag(f"降低{number(reduction.value)}%", reduction), reduction
        if used is None and allocation is None:
            continue
        target = (
            _flag(f"{number(allocation.value)}{allocation.unit or ''}", allocation) if allocation else "—"
        )
        rows.append(
            YearRow(
                fact.number,
                fact.short_name,
                fact.unit,
                target,
                result,
                change,
                any(getattr(o, "illustrative", False) for o in (used, allocation) if o is not None),
            )
        )
    return rows


def year_table(rows: list[YearRow], year: int) -> Table:
    return Table(
        "year",
        f"表2　{year}年主要指标年度完成情况",
        ["序号", "指标", "年度目标", "全年完成", "同比"],
        [[str(r.number), r.name, r.target, r.result, r.change] for r in rows],
        [1.0, 5.6, 2.6, 3.4, 3.4],
        align="clccc",
        sheet="年度完成情况",
        values=[
            [r.number, r.name, r.unit, r.target, r.result, r.change, "是" if r.illustrative else ""]
            for r in rows
        ],  # fmt: skip
        sheet_header=["序号", "指标", "单位", "年度目标", "全年完成", "同比", "含示例数据"],
    )


def _chained_reduction(rates: list[float]) -> float:
    """1 − Π(1 − d_t), in percent: the cumulative cut from yearly reduction rates (METHODOLOGY §2.4)."""
    remaining = 1.0
    for rate in rates:
        remaining *= 1 - rate / 100
    return (1 - remaining) * 100


def period_statements(facts: list[IndicatorFacts], observations, base_year: int, year: int) -> list[str]:
    """Sentences of the final report stating the figure each kind implies at the end of the period."""
    if observations is None:
        return []
    found = []
    for fact in facts:
        name = f"“{fact.short_name}”"
        reductions = observations.series(fact.number, "reduction_rate", None)
        amounts = observations.series(fact.number, "amount", None)
        in_period = range(base_year + 1, year + 1)
        if reductions:
            years = [y for y in in_period if y in reductions]
            flag = any(getattr(reductions[y], "illustrative", False) for y in years)
            total = _chained_reduction([reductions[y].value for y in years])
            text = f"{name}{years[0]}—{years[-1]}年累计降低{marked(f'{total:.1f}%') if flag else f'{total:.1f}%'}"
            missing = [str(y) for y in in_period if y not in reductions]
            text += f"（缺{'、'.join(missing)}年数据）" if missing else ""
            found.append(text + f"，目标为{fact.target}。")
        elif amounts and fact.kind == "cumulative":
            years = [y for y in in_period if y in amounts]
            flag = any(getattr(amounts[y], "illustrative", False) for y in years)
            total = number(sum(amounts[y].value for y in years))
            unit = amounts[years[-1]].unit or fact.unit
            shown = marked(total) if flag else total
            found.append(f"{name}规划期累计完成{shown}{unit}，目标为{fact.target}{fact.unit}。")
        elif fact.kind == "annual_growth_rate":
            sentence = _level_behind_growth(
                fact, observations.series(fact.number, "level", None), base_year, year
            )
            if sentence:
                found.append(sentence)
    return found


def _level_behind_growth(fact: IndicatorFacts, levels, base_year: int, year: int) -> str:
    """The level a growth target implies for `year` beside the published level of `year`; when that is not yet
    published, the latest published level, compared with what the target implies for that same year."""
    base = levels.get(base_year)
    if base is None or fact.target_value is None:
        return ""
    used = year if year in levels else max((y for y in levels if base_year < y < year), default=None)
    if used is None:
        return ""
    unit = levels[used].unit or ""
    rate = fact.target_value / 100

    def implied(for_year: int) -> str:
        return number(round(base.value * (1 + rate) ** (for_year - base_year), 2))

    shown = number(round(levels[used].value, 2))
    if getattr(levels[used], "illustrative", False) or getattr(base, "illustrative", False):
        shown = marked(shown)
    level_name = fact.short_name.removesuffix("年均增长率").removesuffix("增长率")
    text = (
        f"按年均增长{number(fact.target_value)}%的目标，“{level_name}”{year}年应达到约{implied(year)}{unit}；"
    )
    if used == year:
        return text + f"{year}年实际为{shown}{unit}。"
    return (
        text + f"{year}年总量尚未公布，最近公布的{used}年为{shown}{unit}"
        f"（按目标测算{used}年应为约{implied(used)}{unit}）。"
    )
