"""Evaluation settings of a plan (METHODOLOGY §3–4), each overridable per indicator."""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.plan.model import TargetValue

PATH_SHAPES = ("linear", "geometric")


@dataclass(frozen=True)
class IndicatorSettings:
    """Per-indicator overrides; None keeps the plan setting."""

    path: str | None = None  # "linear" | "geometric": shape of the expected path
    tolerance: float | None = None
    growth_tolerance: float | None = None
    nearly_achieved: float | None = None
    red_effort_factor: float | None = None
    about_tolerance: float | None = None
    target: TargetValue | None = None  # an adjusted target (规划调整) replacing the plan's
    target_version: str | None = None  # which version of the target, e.g. "2023年中期调整"


@dataclass(frozen=True)
class Rules:
    """The settings in force for one indicator."""

    tolerance: float
    growth_tolerance: float
    nearly_achieved: float
    red_effort_factor: float
    path: str | None
    use_latest_available: bool
    about_tolerance: float = 0.02


@dataclass(frozen=True)
class Settings:
    """Plan settings: δ = 0.10 of completion, growth tolerance 0.5 pp, nearly achieved at 95%, red at 1.5×."""

    tolerance: float = 0.10
    growth_tolerance: float = 0.5  # percentage points
    nearly_achieved: float = 0.95
    red_effort_factor: float = 1.5
    about_tolerance: float = 0.02  # `左右` on a level: met within 2% of the target value
    # During the period, evaluate on the latest year with data when the evaluation year has none (stated).
    use_latest_available: bool = True
    indicators: dict[int, IndicatorSettings] = field(default_factory=dict)
    _rules: dict[int, Rules] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for number, override in self.indicators.items():
            if override.path is not None and override.path not in PATH_SHAPES:
                raise ValueError(
                    f"indicator {number}: path must be one of {PATH_SHAPES}, not {override.path!r}"
                )

    def for_indicator(self, number: int) -> Rules:
        rules = self._rules.get(number)
        if rules is None:
            rules = self._rules[number] = self._resolve(number)
        return rules

    def _resolve(self, number: int) -> Rules:
        override = self.indicators.get(number, IndicatorSettings())

        def pick(name: str) -> float:
            value = getattr(override, name)
            return getattr(self, name) if value is None else value

        return Rules(
            tolerance=pick("tolerance"),
            growth_tolerance=pick("growth_tolerance"),
            nearly_achieved=pick("nearly_achieved"),
            red_effort_factor=pick("red_effort_factor"),
            path=override.path,
            use_latest_available=self.use_latest_available,
            about_tolerance=pick("about_tolerance"),
        )

    def target_for(self, number: int, target: TargetValue) -> tuple[TargetValue, str]:
        """The target in force and the name of its version."""
        override = self.indicators.get(number)
        if override is not None and override.target is not None:
            return override.target, override.target_version or "调整后目标"
        return target, "纲要原文"


_PLAN_FIELDS = ("tolerance", "growth_tolerance", "nearly_achieved", "red_effort_factor", "about_tolerance")
_INDICATOR_FIELDS = (*_PLAN_FIELDS, "path")


def settings_from_json(data: dict) -> Settings:
    """Plan settings from JSON (the CLI's --settings file): the plan's tolerances and, per indicator number,
    overrides such as {"indicators": {"8": {"path": "geometric"}}}. Unknown keys are refused, in Chinese."""
    if not isinstance(data, dict):
        raise ValueError("评价设置应为JSON对象")
    unknown = sorted(set(data) - {*_PLAN_FIELDS, "use_latest_available", "indicators"})
    if unknown:
        raise ValueError(f"评价设置含未知项：{'、'.join(unknown)}")
    indicators = {}
    for number, override in (data.get("indicators") or {}).items():
        if not isinstance(override, dict) or not str(number).isdigit():
            raise ValueError(f"指标“{number}”的设置应为以指标序号为键的JSON对象")
        extra = sorted(set(override) - set(_INDICATOR_FIELDS))
        if extra:
            raise ValueError(f"指标{number}的设置含未知项：{'、'.join(extra)}")
        if override.get("path") not in (None, *PATH_SHAPES):
            raise ValueError(
                f"指标{number}的预期路径应为linear（线性）或geometric（几何），不是{override['path']!r}"
            )
        indicators[int(number)] = IndicatorSettings(**override)
    plan_values = {key: data[key] for key in (*_PLAN_FIELDS, "use_latest_available") if key in data}
    return Settings(**plan_values, indicators=indicators)


DEFAULT_SETTINGS = Settings()
