"""`planwatch demo` and `planwatch serve`: set up Django, migrate, seed the demo, serve with waitress."""

from __future__ import annotations

import datetime
import os
import threading
import webbrowser
from dataclasses import dataclass
from pathlib import Path

from planwatch.errors import PlanWatchError
from planwatch.evaluate import check_observations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEMO_PLAN = DATA_DIR / "songjiang-14th-fyp.txt"
DEMO_OBSERVATIONS = DATA_DIR / "songjiang-observations.csv"
# The second plan: the national 15th Five-Year Plan outline, the superior plan (上级规划), at its first year, no data.
SUPERIOR_PLAN = DATA_DIR / "national-15th-fyp.txt"

# (code, name); reporters are named after the code.
DEPARTMENTS = [
    ("fgw", "区发改委"),
    ("jw", "区经委"),
    ("kw", "区科委"),
    ("sthj", "区生态环境局"),
    ("lhsr", "区绿化市容局"),
    ("tjj", "区统计局"),
    ("czj", "区财政局"),
    ("swj", "区商务委"),
    ("jrb", "区金融办"),
    ("rsj", "区人社局"),
    ("fgj", "区房管局"),
    ("wjw", "区卫健委"),
    ("yjj", "区应急局"),
    ("jyj", "区教育局"),
    ("wlj", "区文旅局"),
]
# Main-table indicator number → department code.
INDICATOR_DEPARTMENTS = {
    1: "fgw",
    2: "czj",
    3: "jw",
    4: "fgw",
    5: "jw",
    6: "jw",
    7: "swj",
    8: "kw",
    9: "jrb",
    10: "kw",
    11: "kw",
    12: "sthj",
    13: "sthj",
    14: "fgw",
    15: "lhsr",
    16: "lhsr",
    17: "tjj",
    18: "rsj",
    19: "fgj",
    20: "wjw",
    21: "yjj",
}
DEMO_TOKEN_NOTE = "演示令牌（每次启动 planwatch demo 时重新生成）"
PROJECT_DEPARTMENTS = {"表1": "wlj", "表2": "jyj", "表3": "wjw"}
# The superior plan's own demo departments, and its indicator number → department code.
SUPERIOR_DEPARTMENTS = [
    ("gj-fgw", "国家发展改革委"),
    ("gj-kjb", "科技部"),
    ("gj-jyb", "教育部"),
    ("gj-wjw", "国家卫生健康委"),
    ("gj-mzb", "民政部"),
    ("gj-sthjb", "生态环境部"),
]
SUPERIOR_INDICATOR_DEPARTMENTS = {
    1: "gj-fgw",
    2: "gj-kjb",
    3: "gj-fgw",
    4: "gj-jyb",
    5: "gj-wjw",
    6: "gj-mzb",
    7: "gj-wjw",
    8: "gj-sthjb",
}


@dataclass
class DemoAccount:
    username: str
    password: str
    role: str
    department: str = ""


DEMO_ACCOUNTS = [
    DemoAccount("admin", "admin-demo-2025", "administrator"),
    DemoAccount("guihuake", "guihuake-demo-2025", "planning"),
    DemoAccount("lingdao", "lingdao-demo-2025", "leader"),
] + [
    DemoAccount(code, f"{code}-demo-2025", "reporter", code) for code, _ in DEPARTMENTS + SUPERIOR_DEPARTMENTS
]


PRODUCTION_SETTINGS = "planwatch.web.settings_production"


def setup_django(settings_module: str | None = None) -> None:
    """Load the settings (`settings_module`, else DJANGO_SETTINGS_MODULE, else the default); a setting that is
    wrong is one line (PlanWatchError), not a traceback."""
    if settings_module:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        raise PlanWatchError(str(error).splitlines()[0] if str(error) else "配置错误") from None


def collect_static() -> str:
    """Copy every static file into STATIC_ROOT (hashed names for whitenoise); returns the folder."""
    from django.conf import settings
    from django.core.management import call_command

    try:
        call_command("collectstatic", interactive=False, verbosity=0)
    except OSError as error:
        raise PlanWatchError(
            f"无法把静态文件收集到 {settings.STATIC_ROOT}（{error.strerror or error}）：请设置 PLANWATCH_STATIC_ROOT"
        ) from None
    return str(settings.STATIC_ROOT)


def migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def seed_demo(
    plan_file: Path = DEMO_PLAN,
    observations_file: Path = DEMO_OBSERVATIONS,
    superior_file: Path | None = SUPERIOR_PLAN,
) -> dict:
    """Import the two plans and the demo data once; on later runs only make sure the accounts exist.

    Songjiang's 14th plan (with its data, the default plan) and the national 15th plan as its superior plan.
    """
    from django.contrib.auth.models import User
    from django.db import transaction

    from planwatch.web.accounts.models import ApiToken, Department, Profile
    from planwatch.web.plans.importer import import_plan_file

    with transaction.atomic():
        departments = {}
        # The superior plan's departments too, so that each has its reporter account before the plan arrives.
        for code, name in DEPARTMENTS + SUPERIOR_DEPARTMENTS:
            departments[code], _ = Department.objects.get_or_create(code=code, defaults={"name": name})
        for account in DEMO_ACCOUNTS:
            user = User.objects.filter(username=account.username).first()
            if user is None:
                user = User.objects.create_user(
                    account.username,
                    password=account.password,
                    is_superuser=account.role == "administrator",
                    is_staff=account.role == "administrator",
                )
                Profile.objects.create(
                    user=user, role=account.role, department=departments.get(account.department)
                )
        # A fresh token at every start, printed once: only its hash is stored, so an old one cannot be shown.
        reporter = User.objects.get(username="kw")
        ApiToken.objects.filter(user=reporter, note=DEMO_TOKEN_NOTE).delete()
        token = ApiToken.issue(reporter, note=DEMO_TOKEN_NOTE)
    from planwatch.web.plans.models import Plan
    from planwatch.web.plans.scope import set_default_plan

    fresh = not Plan.objects.exists()
    plan = import_plan_file(plan_file) if fresh else Plan.objects.exclude(level="superior").first()
    if fresh:
        _seed_plan_data(plan, departments, observations_file)
        set_default_plan(plan)
    superior = Plan.objects.filter(level="superior").first()
    if superior is None and superior_file is not None and superior_file.exists():
        superior = _seed_superior_plan(superior_file)
    return {"plan": plan, "superior": superior, "token": token.key, "fresh": fresh}


def _seed_superior_plan(path: Path):
    """The superior plan: its own departments, indicators assigned and published, no observations, no round."""
    from django.db import transaction

    from planwatch.web.accounts.models import Department
    from planwatch.web.plans.importer import import_plan_file

    with transaction.atomic():
        plan = import_plan_file(path)
        plan.level = "superior"
        plan.save(update_fields=["level"])
        departments = {
            code: Department.objects.get_or_create(code=code, defaults={"name": name})[0]
            for code, name in SUPERIOR_DEPARTMENTS
        }
        for indicator in plan.indicators.all():
            indicator.department = departments.get(SUPERIOR_INDICATOR_DEPARTMENTS.get(indicator.number))
            indicator.published = True
            indicator.save()
    return plan


def _seed_plan_data(plan, departments, observations_file: Path) -> None:
    from django.contrib.auth.models import User
    from django.db import transaction

    from planwatch.web.monitoring.models import Observation, ReportingRound
    from planwatch.web.plans.importer import parse_stored_plan
    from planwatch.web.projects.models import TaskAssignment
    from planwatch.web.projects.seed import seed_projects

    planner = User.objects.get(username="guihuake")
    with transaction.atomic():
        for indicator in plan.indicators.all():
            code = INDICATOR_DEPARTMENTS.get(indicator.number)
            indicator.department = departments.get(code)
            indicator.published = True
            indicator.save()
        seed_projects(plan, parse_stored_plan(plan))
        plan.parse_checked = plan.public_chosen = True  # the office onboarded the plan long ago
        plan.save(update_fields=["parse_checked", "public_chosen"])
        for project in plan.projects.all():
            code = next(
                (c for prefix, c in PROJECT_DEPARTMENTS.items() if project.source_table.startswith(prefix)),
                None,
            )
            if code:
                project.department = departments[code]
                project.save()
        for chapter_number, lead, helper in ((5, "jw", "kw"), (7, "sthj", "lhsr"), (8, "rsj", "wjw")):
            for task in plan.tasks.filter(chapter__number=chapter_number).exclude(title="")[:3]:
                assignment = TaskAssignment.objects.create(
                    task=task,
                    department=departments[lead],
                    year=plan.period_end,
                    milestone="按年度计划推进",
                    status="in_progress",
                )
                assignment.supporting.add(departments[helper])
        from planwatch.web.demo_progress import seed_progress

        seed_progress(plan, planner)
        last_year = _import_observations(plan, observations_file, planner)
        year = min(plan.period_end, (last_year or plan.period_start - 1) + 1)
        reporting_round = ReportingRound.objects.create(
            plan=plan, year=year, title=f"{year}年度监测数据填报", deadline=datetime.date(year + 1, 3, 31)
        )
        # The demo's figures of that year were reported in this round: only indicators without one are late.
        Observation.objects.filter(indicator__plan=plan, year=year).update(round=reporting_round)


def _import_observations(plan, path: Path, planner) -> int | None:
    """Store the demo CSV (INTERFACES.md §2) as approved observations, checked and unit-converted by the core.

    Returns the last year it holds; rows the core refuses are reported on stderr, never stored.
    """
    import sys

    from django.utils import timezone

    from planwatch.web.evaluations.service import core_plan
    from planwatch.web.monitoring.models import Observation

    if not path.exists():
        return None
    observations, problems = check_observations(path, core_plan(plan))
    for problem in problems:
        print(f"planwatch demo: 示例数据第{problem.row}行未导入：{problem.reason}", file=sys.stderr)
    indicators = {i.number: i for i in plan.indicators.all()}
    last = None
    for row in observations:
        indicator = indicators.get(row.indicator)
        if indicator is None:
            continue
        note = "；".join(part for part in (row.note, row.conversion) if part)
        Observation.objects.create(
            indicator=indicator,
            year=row.year,
            value=row.value,
            measure=row.measure,
            series=row.series or "",
            unit=row.unit or "",
            source=row.source or "",
            note=note,
            vintage=row.vintage or datetime.date(row.year + 1, 4, 1),
            state=Observation.APPROVED,
            reviewed_by=planner,
            reviewed_at=timezone.now(),
        )
        last = max(last or row.year, row.year)
    return last


def print_accounts(echo, url: str, token: str | None) -> None:
    from planwatch.web.accounts.models import ROLES, Department

    roles = dict(ROLES)
    names = dict(Department.objects.values_list("code", "name"))
    echo(f"PlanWatch 演示系统：{url}")
    from planwatch.web.plans.models import Plan

    for plan in Plan.objects.only("title", "period_start", "period_end", "level"):
        role = "上级规划，尚无监测数据" if plan.level == "superior" else "本级规划，含示例监测数据"
        echo(
            f"规划 {plan.pk}：{plan.title}（{plan.period_start}—{plan.period_end}，{role}）→ {url}plans/{plan.pk}/dashboard/"
        )
    echo("演示账号（用户名 / 密码 / 角色）：")
    for account in DEMO_ACCOUNTS:
        where = f" · {names.get(account.department, '')}" if account.department else ""
        echo(f"  {account.username:<10} {account.password:<22} {roles[account.role]}{where}")
    if token:
        echo(f"接口令牌（区科委 kw，用于 POST /api/observations）：{token}")
    echo("按 Ctrl+C 停止。")


def serve(host: str, port: int, open_browser: bool = False) -> None:
    from waitress import serve as waitress_serve

    from planwatch.web.wsgi import application

    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(f"http://{host}:{port}/",)).start()
    try:
        # Forwarding headers pass through to the application, which keeps them only from the trusted proxies
        # (planwatch.web.security.TrustedProxiesOnly); waitress would otherwise drop X-Forwarded-Proto.
        waitress_serve(
            application,
            host=host,
            port=port,
            threads=8,
            ident="planwatch",
            clear_untrusted_proxy_headers=False,
        )
    except OSError as error:
        raise PlanWatchError(
            f"无法在 {host}:{port} 上启动服务（{error.strerror or error}）：端口可能已被占用，请用 --port 换一个"
        ) from None
    except KeyboardInterrupt:
        print("PlanWatch 已停止。")
