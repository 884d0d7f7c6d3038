"""Backup and restore of the system's database (`planwatch backup OUT`, `planwatch restore IN`).

SQLite: Python's sqlite3 online backup API, which copies a consistent snapshot while the server keeps running.
PostgreSQL: pg_dump / pg_restore in the custom format, when they are on PATH. A backup file says what it is by
its first bytes (a SQLite database, or a pg_dump archive), so restore needs no options to tell them apart.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from pathlib import Path

from planwatch.errors import PlanWatchError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# Tables that `migrate` fills in an otherwise empty database: rows there do not make it "non-empty".
SQLITE_INTERNAL = {"sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}
BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}


class BackupError(PlanWatchError):
    """A backup or restore that cannot be done, with what to do about it."""


def is_sqlite(config: dict) -> bool:
    return config["ENGINE"].endswith("sqlite3")


def is_postgresql(config: dict) -> bool:
    return "postgresql" in config["ENGINE"]


def describe(config: dict) -> str:
    if is_sqlite(config):
        return f"SQLite {config['NAME']}"
    return f"PostgreSQL {config.get('HOST') or 'localhost'}:{config.get('PORT') or 5432}/{config['NAME']}"


def backup(config: dict, out: Path, force: bool = False) -> str:
    """Write a backup of the database described by `config` (Django's DATABASES entry) to `out`."""
    out = Path(out)
    if out.exists() and not force:
        raise BackupError(f"{out} 已存在；请换一个文件名，或加 --force 覆盖")
    if out.parent and not out.parent.exists():
        raise BackupError(f"{out.parent} 目录不存在")
    partial = out.with_name(out.name + ".partial")
    try:
        _create_private(partial)  # 0600 from the first byte: a backup holds every account's password hash
        if is_sqlite(config):
            _backup_sqlite(Path(config["NAME"]), partial)
        elif is_postgresql(config):
            _backup_postgresql(config, partial)
        else:
            raise BackupError(f"不支持备份此类数据库：{config['ENGINE']}")
        os.chmod(partial, 0o600)
        partial.replace(out)  # the file appears complete or not at all
    finally:
        partial.unlink(missing_ok=True)
    return f"已备份 {describe(config)} → {out}（{out.stat().st_size // 1024} KB）"


def _create_private(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def restore(config: dict, source: Path, force: bool = False) -> str:
    """Replace the database described by `config` with the backup in `source`; a database holding data is
    only overwritten with `force`."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}：找不到备份文件")
    with source.open("rb") as file:
        head = file.read(16)
    if head.startswith(SQLITE_MAGIC):
        if not is_sqlite(config):
            raise BackupError(
                f"{source} 是 SQLite 备份，当前数据库是 {describe(config)}；请设置 DATABASE_URL 指向 SQLite 文件"
            )
        _refuse_if_holding_data(config, force)
        _restore_sqlite(source, Path(config["NAME"]))
    elif head.startswith(PG_DUMP_MAGIC):
        if not is_postgresql(config):
            raise BackupError(
                f"{source} 是 PostgreSQL 备份（pg_dump），当前数据库是 {describe(config)}；请设置 DATABASE_URL 指向 PostgreSQL"
            )
        _verify_postgresql_backup(source)
        _refuse_if_holding_data(config, force)
        _restore_postgresql(config, source, clean=force)
    else:
        raise BackupError(
            f"{source} 不是 PlanWatch 备份文件（既不是 SQLite 数据库，也不是 pg_dump 自定义格式）"
        )
    return f"已从 {source} 恢复 {describe(config)}"


def _refuse_if_holding_data(config: dict, force: bool) -> None:
    if force:
        return
    tables = nonempty_tables(config)
    if tables:
        shown = "、".join(tables[:5]) + ("等" if len(tables) > 5 else "")
        raise BackupError(f"{describe(config)} 已有数据（{shown}）；确认要用备份覆盖它，请加 --force")


def nonempty_tables(config: dict) -> list[str]:
    """The tables of the database that hold rows, apart from what `migrate` writes by itself."""
    if is_sqlite(config):
        path = Path(config["NAME"])
        if not path.exists() or path.stat().st_size == 0:
            return []
        with _sqlite_connect(path, read_only=True) as connection:
            names = [
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                )
            ]
            return [
                name
                for name in names
                if name not in BOOKKEEPING
                and connection.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() is not None
            ]
    import psycopg

    with psycopg.connect(**_psycopg_params(config)) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return [
            name
            for name in names
            if name not in BOOKKEEPING
            and connection.execute(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() is not None
        ]


# SQLite


def _sqlite_connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=20)
    return sqlite3.connect(path, timeout=20)


def _backup_sqlite(path: Path, out: Path) -> None:
    if not path.is_file():
        raise BackupError(f"{path}：数据库文件不存在（请在数据库所在目录运行，或设置 DATABASE_URL）")
    source = _sqlite_connect(path, read_only=True)
    target = sqlite3.connect(out)
    try:
        source.backup(target)  # one step: a consistent snapshot even while the server writes
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path}：无法读取数据库（{error}）") from None
    finally:
        target.close()
        source.close()


def _restore_sqlite(source: Path, path: Path) -> None:
    """Copy the backup aside, verify the copy, then write it over the database; on any failure the database is
    put back as it was."""
    with tempfile.TemporaryDirectory(prefix="planwatch-restore-") as folder:
        os.chmod(folder, 0o700)
        verified, checked = Path(folder) / "verified.sqlite3", Path(folder) / "checked.sqlite3"
        shutil.copyfile(
            source, verified
        )  # what is verified is what is restored, whatever happens to `source`
        shutil.copyfile(verified, checked)
        verify_sqlite_backup(checked, str(source))
        saved = Path(folder) / "before.sqlite3"
        if path.exists() and path.stat().st_size > 0:
            _copy_sqlite(path, saved)
        try:
            _copy_sqlite(verified, path)
        except Exception as error:
            if saved.exists():
                _copy_sqlite(saved, path)
            raise BackupError(f"{source}：恢复失败，数据库已保持原样（{error}）") from None


def _copy_sqlite(source: Path, target: Path) -> None:
    """Every page of `source` over `target`, under the target's write lock (SQLite's backup API)."""
    reader = _sqlite_connect(source, read_only=True)
    try:
        writer = _sqlite_connect(target)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()


def verify_sqlite_backup(copy: Path, shown: str) -> None:
    """Refuse a backup that is damaged, holds triggers or views, or does not become this version's schema.

    `copy` is a scratch copy: the migrations are run on it (as `serve` would after the restore), and then every
    table and column of the system's models must be there and nothing else.
    """
    try:
        with closing(_sqlite_connect(copy, read_only=True)) as connection:
            # A damaged file's names and messages may be any bytes: read them without failing on them.
            connection.text_factory = lambda raw: raw.decode("utf-8", "replace")
            result = [row[0] for row in connection.execute("PRAGMA integrity_check(20)")]
            if result != ["ok"]:
                raise BackupError(
                    f"{shown}：备份文件已损坏（SQLite 完整性检查：{' '.join('；'.join(result).split())[:200]}）"
                )
            objects = connection.execute("SELECT type, name FROM sqlite_master").fetchall()
            found = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise BackupError(f"{shown}：备份文件已损坏（{error}）") from None
    if found is None:
        raise BackupError(f"{shown} 是 SQLite 数据库，但不是 PlanWatch 的数据库（没有 django_migrations 表）")
    foreign = [f"{kind} {name}" for kind, name in objects if kind not in ("table", "index")]
    foreign += [
        f"table {name}"
        for kind, name in objects
        if kind == "table" and name.startswith("sqlite_") and name not in SQLITE_INTERNAL
    ]
    if foreign:
        raise BackupError(
            f"{shown}：备份中有 PlanWatch 从不创建的数据库对象（{'、'.join(foreign[:5])}），拒绝恢复"
        )
    _check_schema(copy, shown)


def _check_schema(copy: Path, shown: str) -> None:
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connections

    alias = "planwatch_restore_check"
    connections.settings[alias] = {**connections.settings["default"], "NAME": str(copy)}
    try:
        try:
            call_command("migrate", database=alias, interactive=False, verbosity=0)
        except Exception as error:  # a hostile schema fails in many ways; each is a refusal
            raise BackupError(
                f"{shown}：备份与本版本的数据库结构不符，无法迁移（{str(error)[:200]}），拒绝恢复"
            ) from None
        connection = connections[alias]
        expected = {
            model._meta.db_table: model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
        with connection.cursor() as cursor:
            tables = set(connection.introspection.table_names(cursor))
            missing = sorted(set(expected) - tables)
            unknown = sorted(tables - set(expected) - {"django_migrations"})
            if missing or unknown:
                what = "缺少表 " + "、".join(missing[:5]) if missing else "多出表 " + "、".join(unknown[:5])
                raise BackupError(f"{shown}：备份与本版本的数据库结构不符（{what}），拒绝恢复")
            for table, model in expected.items():
                columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
                absent = [f.column for f in model._meta.local_concrete_fields if f.column not in columns]
                if absent:
                    raise BackupError(
                        f"{shown}：备份与本版本的数据库结构不符（表 {table} 缺少列 {'、'.join(absent[:5])}），拒绝恢复"
                    )
    finally:
        if alias in connections:
            connections[alias].close()
            del connections[alias]
        connections.settings.pop(alias, None)


# PostgreSQL


def _psycopg_params(config: dict) -> dict:
    params = {"dbname": config["NAME"], "connect_timeout": 10}
    for key, name in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if config.get(key):
            params[name] = str(config[key])
    return params


def _pg_environment(config: dict) -> dict:
    """Connection settings for pg_dump/pg_restore through the environment, so no password is on a command line."""
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if config.get(key):
            env[name] = str(config[key])
    env["PGDATABASE"] = config["NAME"]
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"找不到 {name}：PostgreSQL 数据库的备份和恢复需要 PostgreSQL 客户端工具"
            f"（Debian/Ubuntu：apt-get install postgresql-client），版本不低于服务器"
        )
    return found


def _run(command: list[str], config: dict, what: str) -> None:
    result = subprocess.run(command, env=_pg_environment(config), capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["未知错误"])[-1]
        raise BackupError(f"{what}失败：{detail}")


def _backup_postgresql(config: dict, out: Path) -> None:
    _run([_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={out}"], config, "pg_dump 备份")


PG_FORBIDDEN = ("TRIGGER", "VIEW", "FUNCTION", "PROCEDURE", "RULE", "EXTENSION", "POLICY", "AGGREGATE")


def _verify_postgresql_backup(source: Path) -> None:
    """Read the archive's table of contents first: it must list every table, and nothing PlanWatch never makes
    (triggers, views, functions … run code on the server)."""
    result = subprocess.run([_tool("pg_restore"), "--list", str(source)], capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["未知错误"])[-1]
        raise BackupError(f"{source}：备份文件已损坏（{detail}）")
    entries = [line.split() for line in result.stdout.splitlines() if line and not line.startswith(";")]
    kinds = {word for entry in entries for word in entry[3:5]}
    foreign = sorted(kinds & set(PG_FORBIDDEN))
    if foreign:
        raise BackupError(
            f"{source}：备份中有 PlanWatch 从不创建的数据库对象（{'、'.join(foreign)}），拒绝恢复"
        )
    from django.apps import apps

    tables = {
        entry[5] for entry in entries if len(entry) > 5 and entry[3] == "TABLE" and entry[4] == "public"
    }
    expected = {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed}
    if "django_migrations" not in tables or not expected & tables:
        raise BackupError(f"{source}：备份中缺少 PlanWatch 的数据表，拒绝恢复")


def _restore_postgresql(config: dict, source: Path, clean: bool) -> None:
    command = [_tool("pg_restore"), "--no-owner", "--single-transaction", f"--dbname={config['NAME']}"]
    if clean:
        command += ["--clean", "--if-exists"]
    _run([*command, str(source)], config, "pg_restore 恢复")
