"""Who is late: departments that have not submitted values for the open round."""

from __future__ import annotations

from planwatch.web.monitoring.models import Observation, ReportingRound
from planwatch.web.monitoring.responsibility import responsible


def round_status(reporting_round: ReportingRound) -> list[dict]:
    """Per department responsible in the round: assigned indicators, how many have a value submitted, whether late."""
    done = set(
        Observation.objects.filter(
            round=reporting_round, state__in=(Observation.SUBMITTED, Observation.APPROVED)
        ).values_list("indicator_id", flat=True)
    )
    by_department: dict[int, dict] = {}
    for indicator, department in responsible(reporting_round):
        entry = by_department.setdefault(
            department.pk,
            {
                "department": department,
                "assigned": 0,
                "submitted": 0,
                "missing": [],
            },
        )
        entry["assigned"] += 1
        if indicator.pk in done:
            entry["submitted"] += 1
        else:
            entry["missing"].append(indicator)
    rows = list(by_department.values())
    for row in rows:
        row["late"] = bool(row["missing"]) and reporting_round.is_past_deadline
    return sorted(rows, key=lambda r: (not r["late"], -len(r["missing"]), r["department"].pk))


def late_departments(plan) -> list[dict]:
    """Departments with missing values in the plan's open rounds, latest round first."""
    result = []
    for reporting_round in plan.rounds.filter(is_open=True):
        for row in round_status(reporting_round):
            if row["missing"]:
                result.append({**row, "round": reporting_round})
    return result
