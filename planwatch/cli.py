"""The `planwatch` command: thin wrappers over the core; every failure is one line on stderr and exit 2."""

from __future__ import annotations

import functools
import json
import sys

import click

from planwatch.errors import PlanWatchError


def _fail_cleanly(command):
    """Turn the project's errors (and unreadable files) into one line on stderr and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except PlanWatchError as error:
            click.echo(f"planwatch: {error}", err=True)
            sys.exit(2)
        except OSError as error:
            click.echo(f"planwatch: {error.filename or ''}: {error.strerror or error}", err=True)
            sys.exit(2)

    return wrapper


@click.group()
@click.version_option(package_name="planwatch")
def main() -> None:
    """PlanWatch 规划纲要实施监测评估系统."""


@main.command()
@click.argument("plan_file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@_fail_cleanly
def parse(plan_file: str, fmt: str) -> None:
    """Read a plan document (.txt export or .docx) and print its structure as JSON."""
    from planwatch.plan import read_plan
    from planwatch.plan.serialize import plan_to_json

    plan = read_plan(plan_file)
    click.echo(json.dumps(plan_to_json(plan), ensure_ascii=False, indent=1))


@main.command()
@click.argument("plan_file", type=click.Path(dir_okay=False))
@_fail_cleanly
def show(plan_file: str) -> None:
    """Print a readable Chinese outline of the plan: chapters, sections, tasks and the indicator table."""
    from planwatch.plan import read_plan
    from planwatch.plan.outline import format_outline

    click.echo(format_outline(read_plan(plan_file)))


@main.command()
@click.argument("plan_file", type=click.Path(dir_okay=False))
@click.option(
    "--observations",
    "observations_file",
    required=True,
    type=click.Path(dir_okay=False),
    help="CSV or .xlsx of observations (INTERFACES.md §2).",
)
@click.option("--year", type=int, required=True, help="Evaluation year.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@_fail_cleanly
def evaluate(plan_file: str, observations_file: str, year: int, fmt: str) -> None:
    """Evaluate the plan's main indicators as of YEAR."""
    from planwatch.evaluate import evaluate_plan, evaluation_to_json, format_table, read_observations
    from planwatch.plan import read_plan

    plan = read_plan(plan_file)
    observations = read_observations(observations_file, plan)
    result = evaluate_plan(plan, observations, year)
    if fmt == "json":
        click.echo(json.dumps(evaluation_to_json(result), ensure_ascii=False, indent=1))
    else:
        click.echo(format_table(result))


if __name__ == "__main__":
    main()
