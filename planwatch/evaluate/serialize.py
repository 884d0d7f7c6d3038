"""The evaluation as the JSON of INTERFACES.md §2 (fields may be added, never renamed or removed)."""

from __future__ import annotations

from typing import Any

from planwatch.evaluate.kinds import expected_path
from planwatch.evaluate.results import Evaluation, Figure, IndicatorResult
from planwatch.evaluate.sdg import SdgMeasure
from planwatch.evaluate.verdicts import STATUS_ZH
from planwatch.vocabulary import attribute_json, attribute_label, attribute_stated


def _round(value: float | None, digits: int = 6) -> float | None:
    return None if value is None else round(value, digits)


def _figure(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "value": figure.value,
        "year": figure.year,
        "source": figure.source,
        "vintage": figure.vintage.isoformat() if figure.vintage else None,
        "illustrative": figure.illustrative,
    }


def _sdg(sdg: SdgMeasure | None) -> dict[str, Any] | None:
    if sdg is None:
        return None
    return {
        "category": sdg.category,
        "category_zh": sdg.category_zh,
        "ratio": _round(sdg.ratio, 4),
        "observed_cagr": _round(sdg.observed_cagr, 4),
        "required_cagr": _round(sdg.required_cagr, 4),
    }


def _plain(value: Any) -> Any:
    """Details as JSON: year keys as strings, floats rounded."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, float):
        return _round(value)
    return value


def indicator_to_json(result: IndicatorResult) -> dict[str, Any]:
    status = result.final_status
    data = {
        "number": result.number,
        "name": result.name,
        "attribute": attribute_json(result.attribute),
        "attribute_zh": attribute_label(result.attribute),
        "attribute_stated": attribute_stated(result.attribute),
        "kind": result.kind,
        "status": status,
        "status_zh": result.status_zh,
        "missing": result.missing,
        "warning": result.warning,
        "progress": _round(result.progress),
        "explanation": result.explanation,
        "unit": result.unit,
        "target_text": result.target_text,
        "target_year": result.target_year,
        "target": {
            "value": result.target_value,
            "direction": result.direction,
            "version": result.target_version,
        },
        "data_year": result.data_year,
        "time_progress": _round(result.time_progress),
        "expected_progress": _round(result.expected_progress),
        "path": result.path,
        "baseline": _figure(result.baseline),
        "baseline_text": result.baseline_text,
        "current": _figure(result.current),
        "average_growth": _round(result.average_growth),
        "growth_basis": result.growth_basis,
        "required": None,
        "required_growth": None,  # percent a year still needed, for growth-rate targets and geometric paths
        "projection": None,
        "sdg": _sdg(result.sdg),
        "parts": [indicator_to_json(part) for part in result.parts],
        "checks": [{"year": c.year, "value": c.value, "bound": c.bound, "met": c.met} for c in result.checks],
        "allocations": [
            {
                "year": a.year,
                "value": a.value,
                "revisions": list(a.revisions),
                "actual": a.actual,
                "met": a.met,
                "source": a.source,
            }
            for a in result.allocations
        ],
        "details": _plain(result.details),
        "notes": result.notes,
        "illustrative": result.illustrative,
        "computed_status": result.status,
        "override": None,
        "provisional": result.provisional,
        "effective_kind": result.effective_kind,
        "expected_path": {str(year): _round(value) for year, value in expected_path(result).items()},
    }
    if result.required is not None:
        r = result.required
        data["required"] = {
            "measure": r.measure,
            "required": _round(r.required),
            "best": _round(r.best),
            "best_year": r.best_year,
            "exceeded": r.exceeded,
        }
        if r.measure == "growth":
            data["required_growth"] = _round(r.required)
    if result.projection is not None:
        p = result.projection
        data["projection"] = {
            "year": p.year,
            "value": _round(p.value),
            "method": p.method,
            "meets": p.meets,
            "trend": _round(p.rate),
        }
    if result.override is not None:
        o = result.override
        data["override"] = {
            "status": o.status,
            "status_zh": STATUS_ZH[o.status],
            "reason": o.reason,
            "by": o.by,
            "at": o.at.isoformat() if o.at else None,
            "sentence": o.sentence(result.status),
        }
    return data


def evaluation_to_json(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "plan": evaluation.plan,
        "year": evaluation.year,
        "time_progress": round(evaluation.time_progress, 6),
        "indicators": [indicator_to_json(result) for result in evaluation.indicators],
        "summary": evaluation.summary(),
        "mode": "final" if evaluation.final else "during",
        "base_year": evaluation.base_year,
        "target_year": evaluation.target_year,
    }
