"""A report says what onboarding says of a plan's key tasks: given to no department yet, not absent."""

from planwatch.web.evaluations.reports import build_stored_report
from planwatch.web.plans.onboarding import key_tasks


def test_the_annual_report_of_a_new_plan_says_its_key_tasks_are_not_yet_given_to_departments(national):
    waiting = key_tasks(national).filter(assignments__isnull=True).count()
    assert waiting >= 1
    text = build_stored_report(national, 2026, "annual", "html").decode()
    assert f"纲要部署的{waiting}项重点任务尚未分解到责任部门" in text
    assert "纲要正文未列出可分解的重点任务" not in text
