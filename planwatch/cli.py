"""The `planwatch` command: thin wrappers over the core; every failure is one line on stderr and exit 2."""

from __future__ import annotations

import functools
import json
import os
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
    """Read a plan document (.txt export, .docx or PDF) and print its structure as JSON."""
    from planwatch.reading import plan_to_json, read_plan

    plan = read_plan(plan_file)
    click.echo(json.dumps(plan_to_json(plan), ensure_ascii=False, indent=1))


@main.command()
@click.argument("plan_file", type=click.Path(dir_okay=False))
@_fail_cleanly
def show(plan_file: str) -> None:
    """Print a readable Chinese outline of the plan: chapters, sections, tasks and the indicator table."""
    from planwatch.reading import format_outline, read_plan

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
@click.option(
    "--settings",
    "settings_file",
    type=click.Path(dir_okay=False, exists=True),
    help='Plan settings JSON, e.g. {"indicators": {"8": {"path": "geometric"}}} (paths are linear by default).',
)
@_fail_cleanly
def evaluate(plan_file: str, observations_file: str, year: int, fmt: str, settings_file: str | None) -> None:
    """Evaluate the plan's main indicators as of YEAR."""
    from planwatch.evaluate import evaluate_plan, evaluation_to_json, format_table, read_observations
    from planwatch.evaluate.settings import settings_from_json
    from planwatch.reading import read_plan

    settings = None
    if settings_file:
        try:
            with open(settings_file, encoding="utf-8") as handle:
                settings = settings_from_json(json.load(handle))
        except (ValueError, TypeError) as error:
            click.echo(f"planwatch: {settings_file}: {error}", err=True)
            sys.exit(2)
    plan = read_plan(plan_file)
    observations = read_observations(observations_file, plan)
    result = evaluate_plan(plan, observations, year, settings)
    if fmt == "json":
        click.echo(json.dumps(evaluation_to_json(result), ensure_ascii=False, indent=1))
    else:
        click.echo(format_table(result))


@main.command()
@click.option("--port", type=int, default=8000, show_default=True, help="Port on 127.0.0.1.")
@click.option("--no-browser", is_flag=True, help="Do not open a web browser.")
@_fail_cleanly
def demo(port: int, no_browser: bool) -> None:
    """Create (or reuse) planwatch.sqlite3 here with the Songjiang plan and demo data, print the accounts, serve."""
    os.environ.pop("DATABASE_URL", None)
    from planwatch.web import demo as web_demo

    web_demo.setup_django()
    web_demo.migrate()
    seeded = web_demo.seed_demo()
    url = f"http://127.0.0.1:{port}/"
    web_demo.print_accounts(click.echo, url, seeded["token"])
    sys.stdout.flush()
    web_demo.serve("127.0.0.1", port, open_browser=not no_browser)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option(
    "--production",
    is_flag=True,
    help="Production settings behind an HTTPS reverse proxy (README, Production): collects static files first.",
)
@click.option(
    "--settings",
    "settings_module",
    default=None,
    help="Django settings module (default planwatch.web.settings; --production means "
    "planwatch.web.settings_production).",
)
@_fail_cleanly
def serve(host: str, port: int, production: bool, settings_module: str | None) -> None:
    """Run the web system on DATABASE_URL (default: planwatch.sqlite3 here), migrating first."""
    from planwatch.web import demo as web_demo

    production = production or settings_module == web_demo.PRODUCTION_SETTINGS
    web_demo.setup_django(web_demo.PRODUCTION_SETTINGS if production else settings_module)
    web_demo.migrate()
    if production:
        click.echo(f"静态文件：{web_demo.collect_static()}")
    click.echo(f"PlanWatch：http://{host}:{port}/")
    sys.stdout.flush()
    web_demo.serve(host, port)


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
@click.option(
    "--kind",
    type=click.Choice(["annual", "midterm", "final"]),
    required=True,
    help="年度监测报告 (annual, any year of the period), 中期评估报告 (midterm, the middle year) or "
    "总结评估报告 (final, the target year).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf", "html", "xlsx"]),
    default=None,
    help="Output format; default from the suffix of OUT.",
)
@click.option(
    "-o", "--output", "output", required=True, type=click.Path(dir_okay=False), help="File to write."
)
@click.option(
    "--texts",
    "texts_file",
    type=click.Path(dir_okay=False),
    default=None,
    help='JSON with the written parts: {"narratives": {"next_steps": "…", "final": {"lessons": "…"}}, '
    '"explanations": {"13": "…"}, '
    '"progress": {"项目名称": {"status": "…"}}, "departments": {"13": "区生态环境局"}}.',
)
@click.option("--issuer", default=None, help="Issuing body on the cover (default: the texts' issuer).")
@click.option(
    "--doc-number", "doc_number", default=None, help="Document number on the cover, e.g. 松发改〔2024〕12号."
)
@click.option(
    "--date",
    "date_line",
    default=None,
    help="Date of issue on the cover, e.g. 2024年3月 (never today by default).",
)
@_fail_cleanly
def report(
    plan_file: str,
    observations_file: str,
    year: int,
    kind: str,
    fmt: str | None,
    output: str,
    texts_file: str | None,
    issuer: str | None,
    doc_number: str | None,
    date_line: str | None,
) -> None:
    """Write the evaluation report of YEAR as .docx, PDF, HTML or an Excel workbook.

    Only the kinds that fit the year are written (annual: any year of the period; midterm: the middle year;
    final: the target year); another kind is refused with the reason and the kinds that fit."""
    from pathlib import Path

    from planwatch.evaluate import evaluate_plan, read_observations
    from planwatch.reading import read_plan
    from planwatch.report import FORMATS, KIND_ZH, build_report, unwritten
    from planwatch.report.kinds import kind_refusal, report_kinds_for

    fmt = fmt or Path(output).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise click.UsageError(
            f"cannot tell the format from {output!r}: give --format ({', '.join(FORMATS)})"
        )
    texts = {}
    if texts_file:
        try:
            texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
        except ValueError as error:
            raise click.UsageError(f"{texts_file}: not valid JSON ({error})") from error
    plan = read_plan(plan_file)
    period = (plan.period_start, plan.period_end)
    refusal = kind_refusal(period, year, kind)
    if refusal:
        offered = "、".join(KIND_ZH[k] for k in report_kinds_for(period, year)) or "无"
        raise click.UsageError(f"{refusal}（{year}年可生成：{offered}）")
    observations = read_observations(observations_file, plan)
    evaluation = evaluate_plan(plan, observations, year)
    written = dict(texts.get("narratives") or {})
    # a report kind's own texts ({"final": {"lessons": "…"}}) over those for every report
    narratives = {k: v for k, v in written.items() if not isinstance(v, dict)}
    narratives.update(written.get(kind) if isinstance(written.get(kind), dict) else {})
    for key, value in (("issuer", issuer), ("doc_number", doc_number), ("date", date_line)):
        if value:
            narratives[key] = value
    data = build_report(
        plan,
        evaluation,
        kind,
        fmt,
        observations=observations,
        narratives=narratives,
        explanations=texts.get("explanations"),
        progress=texts.get("progress"),
        departments=texts.get("departments"),
    )
    Path(output).write_bytes(data)
    click.echo(f"{output}（{len(data) // 1024} KB）")
    missing = [part.label for part in unwritten(kind, narratives)]
    if missing:
        click.echo(
            f"草稿：{'、'.join(missing)}尚未撰写（--texts 或 --issuer/--date），本稿不宜报送。", err=True
        )


def _database_config() -> dict:
    """The database the web system uses (DATABASE_URL, else planwatch.sqlite3 here), without connecting."""
    from planwatch.web import demo as web_demo

    web_demo.setup_django()
    from django.conf import settings

    return settings.DATABASES["default"]


@main.command(name="import")
@click.argument("plan_file", type=click.Path(dir_okay=False))
@click.option(
    "--plan", "plan_id", type=int, default=None, help="Store the file as a new version of this plan."
)
@click.option(
    "--effective-year",
    "effective_year",
    type=int,
    default=None,
    help="A new version is in force from this year (default: the current year, within the plan period).",
)
@_fail_cleanly
def import_(plan_file: str, plan_id: int | None, effective_year: int | None) -> None:
    """Import a plan into the web system's database (DATABASE_URL, else planwatch.sqlite3 here) and print JSON.

    A new version of a plan already there (--plan ID, or the same title and period) keeps its id and people's work.
    """
    from planwatch.reading import read_plan

    parsed = read_plan(plan_file)  # a file it cannot read fails here, before the database is touched
    from planwatch.web import demo as web_demo

    web_demo.setup_django()
    web_demo.migrate()
    from planwatch.web.plans.importer import store_plan

    with open(plan_file, "rb") as source:
        data = source.read()
    stored = store_plan(
        parsed,
        source_name=os.path.basename(plan_file),
        source_bytes=data,
        plan_id=plan_id,
        effective_year=effective_year,
    )
    answer = {
        "plan_id": stored.pk,
        "version": stored.version,
        "effective_year": stored.version_effective_year,
        "title": stored.title,
        "period": {"start": stored.period_start, "end": stored.period_end},
        "indicators": stored.indicators.count(),
        "warnings": list(getattr(parsed, "warnings", []) or []),
        "unmatched_indicators": len(stored.import_review.get("unmatched_indicators", [])),
        "unmatched_tasks": len(stored.import_review.get("unmatched_tasks", [])),
        "conflicts": len(stored.import_review.get("conflicts", [])),
    }
    click.echo(json.dumps(answer, ensure_ascii=False, indent=1))


@main.command()
@click.argument("output", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@_fail_cleanly
def backup(output: str, force: bool) -> None:
    """Back up the web system's database to OUTPUT, also while the server runs (SQLite: online backup API;
    PostgreSQL: pg_dump custom format)."""
    from planwatch.web.backup import backup as write_backup

    click.echo(write_backup(_database_config(), output, force=force))


@main.command()
@click.argument("backup_file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite a database that already holds data.")
@_fail_cleanly
def restore(backup_file: str, force: bool) -> None:
    """Restore the web system's database (DATABASE_URL, else planwatch.sqlite3 here) from BACKUP_FILE."""
    from planwatch.web.backup import restore as read_backup

    click.echo(read_backup(_database_config(), backup_file, force=force))
    click.echo("如备份来自较早版本，下次运行 planwatch serve 时会自动迁移数据库结构。")


if __name__ == "__main__":
    main()
