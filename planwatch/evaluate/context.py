"""Everything an indicator's evaluation needs, and the bookkeeping shared by every kind of target."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from planwatch.evaluate import text
from planwatch.evaluate.observations import ILLUSTRATIVE, ILLUSTRATIVE_CAVEAT, Observation, Observations
from planwatch.evaluate.paths import time_progress
from planwatch.evaluate.progress import direction_of
from planwatch.evaluate.results import Figure, IndicatorResult
from planwatch.evaluate.settings import Rules
from planwatch.plan.model import Indicator, Plan, TargetValue
from planwatch.vocabulary import status_label


def escalate(warning: str | None, binding: bool) -> str | None:
    """A named yellow (a missed yearly allocation, an earlier year's figure): red on a binding indicator."""
    if warning is None:
        return None
    if binding:
        return "red"
    return "yellow" if warning == "green" else warning


@dataclass
class Context:
    plan: Plan
    indicator: Indicator
    observations: Observations
    year: int  # the evaluation year asked for
    rules: Rules
    target: TargetValue
    target_version: str
    used: list[Observation] = field(default_factory=list)  # every observation a verdict relied on
    appendix: list[str] = field(default_factory=list)  # sentences shown after the verdict, e.g. annual plans
    kind: str | None = None  # the kind evaluated: the indicator's, or the one its baseline decided
    kind_note: str | None = None  # why the baseline decided the kind (reach or hold)

    def __post_init__(self) -> None:
        indicator = self.indicator
        self.base_year: int = indicator.base_year if indicator.base_year is not None else self.plan.base_year
        self.target_year: int = indicator.target_year or self.plan.period_end
        # At (or after) the target year the verdict is final: achieved / nearly achieved / not achieved.
        self.final: bool = self.year >= self.target_year
        self.eval_year: int = min(self.year, self.target_year)
        self.kind = self.kind or indicator.kind

    @property
    def direction(self) -> str:
        return direction_of(self.target.comparator, self.indicator.direction)

    @property
    def unit(self) -> str:
        return "".join((self.indicator.unit or "").split())

    def tau(self, year: int, start: int | None = None) -> float:
        return time_progress(year, self.base_year if start is None else start, self.target_year)

    def values(self, measure: str = "level", series: str | None = None) -> dict[int, Observation]:
        """Observations after the base year up to the evaluation year (latest vintage of each year)."""
        found = self.observations.series(self.indicator.number, measure, series)
        first, last = self.base_year, self.eval_year
        return {year: obs for year, obs in found.items() if first < year <= last}

    def baseline(self, series: str | None = None) -> Figure | None:
        """A base-year row overrides the text's baseline; else a row for the text's (`*`) year; else the text."""
        found = self.observations.series(self.indicator.number, "level", series)
        text_baseline = self.indicator.baseline if series is None else None
        for year in (self.base_year, text_baseline.year if text_baseline else None):
            if year is not None and year in found:
                return self.figure(found[year])
        if text_baseline is not None:
            where = f"纲要第{text_baseline.line}行" if text_baseline.line else "纲要"
            return Figure(text_baseline.value, text_baseline.year, where)
        return None

    def baseline_display(self, measure: str = "level") -> str:
        """The base-year value for the table (not used in the verdict): a base-year row, else the text's.

        A growth rate's base is a rate, in %, with the base-year level in its own unit beside it when reported
        (6.5%（2020年：1637.11亿元）); a level alone is named by its year, never shown as a rate."""
        if measure == "growth_rate":
            return self._growth_baseline()
        found = self.observations.series(self.indicator.number, measure).get(self.base_year)
        if found is not None:
            return text.number(found.value)
        if self.indicator.baseline is not None:
            return text.number(self.indicator.baseline.value)
        return "—"

    def _growth_baseline(self) -> str:
        number = self.indicator.number
        rate = self.observations.series(number, "growth_rate").get(self.base_year)
        level = self.observations.series(number, "level").get(self.base_year)
        level_text = f"{self.base_year}年：{text.number(level.value)}{level.unit or ''}" if level else ""
        if rate is not None:
            return f"{text.number(rate.value)}%" + (f"（{level_text}）" if level_text else "")
        if level_text:
            return level_text
        baseline = self.indicator.baseline
        if baseline is not None and (self.indicator.unit or "").strip() in ("%", "％"):
            return f"{text.number(baseline.value)}%"  # the plan's own base column, a rate like its target
        return "—"

    def figure(self, observation: Observation) -> Figure:
        self.used.append(observation)
        return Figure(
            observation.value,
            observation.year,
            observation.source,
            observation.vintage,
            observation.illustrative,
        )

    def use(self, observations: Iterable[Observation]) -> None:
        self.used.extend(observations)

    def data_year(self, years: Iterable[int], final_fallback: bool = False) -> tuple[int | None, str | None]:
        """The year the verdict rests on, or None with the reason. At the end only kinds that can be judged
        provisionally on an earlier figure (a target already met) pass `final_fallback`."""
        years = [year for year in years if self.base_year < year <= self.eval_year]
        if not years:
            return None, f"尚无{text.years(self.base_year + 1, self.eval_year)}监测值"
        latest = max(years)
        allowed = final_fallback if self.final else self.rules.use_latest_available
        if latest < self.eval_year and not allowed:
            return None, f"缺少{self.eval_year}年监测值（最新为{latest}年）"
        return latest, None

    def result(self, status: str, explanation: list[str], **fields) -> IndicatorResult:
        """The indicator's result: identity fields filled in, notes on the data used appended."""
        notes = fields.pop("notes", []) + self.data_notes()
        if self.kind_note:
            notes.insert(0, self.kind_note)
        data_year = fields.get("data_year")
        earlier = (
            data_year is not None
            and data_year < self.eval_year
            and status not in ("no_data", "needs_input", "qualitative")
        )
        if earlier:
            # A verdict on an earlier year's figure says so; at the end it awaits the final figure (§4).
            fields["provisional"] = True
            notes.append(
                f"{self.eval_year}年数据尚未发布，采用{data_year}年数据"
                + ("，待终值确认" if self.final else "")
            )
            fields["warning"] = escalate(fields.get("warning"), self.indicator.attribute == "binding")
        sentences = [s for s in explanation if s]
        body = "；".join(sentences)
        label = status_label(status, fields.get("missing"))
        ending = "。" if status == "no_data" else f"；{label}。"  # 尚无…监测值 needs no “；无数据” after it
        body = f"{body}{ending}" if body else f"{label}。"
        extra = "".join(fields.pop("after", [])) + "".join(self.appendix)
        # a verdict without data rests on no figure, illustrative or not
        illustrative = status != "no_data" and any(obs.source == ILLUSTRATIVE for obs in self.used)
        if self.target_version != "纲要原文":
            notes.insert(0, f"目标采用{self.target_version}")
        explanation_text = body + extra + "".join(f"{note}。" for note in notes)
        if illustrative:
            explanation_text += ILLUSTRATIVE_CAVEAT
        indicator = self.indicator
        values = {
            "number": indicator.number,
            "name": indicator.name,
            "attribute": indicator.attribute,
            "kind": indicator.kind,
            "unit": self.unit,
            "target_text": indicator.target_text,
            "target_year": self.target_year,
            "target_value": self.target.value,
            "direction": self.direction,
            "warning": None,
            "progress": None,
            "target_version": self.target_version,
            "base_year": self.base_year,
            "effective_kind": self.kind if self.kind != indicator.kind else None,
            **fields,
        }
        if self.crosses_definitions():
            values["details"] = {**values.get("details", {}), "definition_break": True}
        return IndicatorResult(
            status=status, explanation=explanation_text, notes=notes, illustrative=illustrative, **values
        )

    def data_notes(self) -> list[str]:
        """Conversions, revisions and changes of statistical definition among the observations used."""
        observations = self.observations
        flagged = observations.flagged
        distinct = list({id(o): o for o in self.used}.values())
        notes = self.definition_notes(distinct)
        used = [obs for obs in distinct if id(obs) in flagged]
        if not used:
            return notes
        used.sort(key=lambda o: (o.year, o.measure, o.series or ""))
        first_year = min(o.year for o in self.used)
        seen = set()
        for obs in used:
            if obs.conversion and obs.conversion not in seen:
                seen.add(obs.conversion)
                notes.append(f"{obs.year}年{obs.conversion}")
            history = [
                h
                for h in observations.history(obs.indicator, obs.measure, obs.series, obs.year)
                if h.definition == obs.definition
            ]
            if len(history) > 1 and obs is history[-1] and obs.measure != "allocation":
                earlier = "、".join(text.number(h.value) for h in history[:-1])
                version = f"（{obs.vintage.isoformat()}版）" if obs.vintage else ""
                notes.append(
                    f"{obs.year}年数据采用修订后数值{text.number(obs.value)}{version}，原值{earlier}"
                )
            if obs.definition_change and obs.year > first_year:
                notes.append(f"{obs.year}年起统计口径调整，前后数据不完全可比")
            if id(obs) in observations.breaks:
                preferred = observations.breaks[id(obs)]
                notes.append(
                    f"{obs.year}年仅有“{obs.definition or '原口径'}”数据，与其余年份的"
                    f"“{preferred or '原口径'}”口径不同，跨口径比较，结论仅供参考"
                )
        return notes

    def definition_notes(self, used: list[Observation]) -> list[str]:
        """Which statistical definition was used where a series has several (never chained silently, §6)."""
        notes = []
        keys = {(o.indicator, o.measure, o.series) for o in used}
        for key in sorted(keys, key=str):
            choice = self.observations.preferred.get(key)
            if choice is None:
                continue
            preferred, others = choice
            other = "、".join(f"“{d or '原口径'}”" for d in others)
            notes.append(f"统一采用“{preferred or '原口径'}”数据（另有{other}数据，未混用）")
        return notes

    def crosses_definitions(self) -> bool:
        return any(id(o) in self.observations.breaks for o in self.used)
