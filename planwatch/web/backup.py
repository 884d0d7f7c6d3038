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
from pathlib import Path

from planwatch.errors import PlanWatchError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
# Tables that `migrate` fills in an otherwise empty database: rows there do not make it "non-empty".
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
        if is_sqlite(config):
            _backup_sqlite(Path(config["NAME"]), partial)
        elif is_postgresql(config):
            _backup_postgresql(config, partial)
        else:
            raise BackupError(f"不支持备份此类数据库：{config['ENGINE']}")
        partial.replace(out)  # the file appears complete or not at all
    finally:
        partial.unlink(missing_ok=True)
    return f"已备份 {describe(config)} → {out}（{out.stat().st_size // 1024} KB）"


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
    out.unlink(missing_ok=True)
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
    backup_file = _sqlite_connect(source, read_only=True)
    try:
        found = backup_file.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
        ).fetchone()
        if found is None:
            raise BackupError(
                f"{source} 是 SQLite 数据库，但不是 PlanWatch 的数据库（没有 django_migrations 表）"
            )
        target = _sqlite_connect(path)
        try:
            backup_file.backup(target)  # replaces every page of the target, under its write lock
        finally:
            target.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source}：无法恢复（{error}）") from None
    finally:
        backup_file.close()


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


def _restore_postgresql(config: dict, source: Path, clean: bool) -> None:
    command = [_tool("pg_restore"), "--no-owner", "--single-transaction", f"--dbname={config['NAME']}"]
    if clean:
        command += ["--clean", "--if-exists"]
    _run([*command, str(source)], config, "pg_restore 恢复")
