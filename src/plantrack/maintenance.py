"""Keeping a store safe: backup, restore and a health check (plantrack backup / restore / doctor).

SQLite is copied with its online backup API, page by page under SQLite's own locks, so a backup
taken while the platform serves and writes is consistent (copying the file could catch a write
halfway, and would miss what is still in the WAL). PostgreSQL is dumped and restored with
pg_dump/pg_restore (custom format) when they are on PATH. Every message is Chinese and says what
to do; MaintenanceError carries it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, make_url

from .store.db import MIGRATIONS, database_url, make_engine

MIN_FREE_BYTES = 512 * 1024 * 1024  # doctor fails below this much free disk space


class MaintenanceError(Exception):
    """A backup, restore or check that cannot be done; the message (Chinese) says why and what to do."""


def head_revisions() -> set[str]:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return set(ScriptDirectory.from_config(cfg).get_heads())


def known_revisions() -> set[str]:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    return Path(parsed.database) if parsed.get_backend_name() == "sqlite" and parsed.database else None


def _libpq(url: str) -> tuple[str, str | None]:
    """The URL as pg_dump reads it (no SQLAlchemy driver name), and the schema a search_path option names."""
    plain = "postgresql://" + url.split("://", 1)[1]
    options = parse_qs(urlsplit(plain).query).get("options", [])
    schema = None
    for opt in options:
        for part in unquote(opt).split():
            if part.startswith("-csearch_path="):
                schema = part.split("=", 1)[1].split(",")[0]
    return plain, schema


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise MaintenanceError(f"找不到 {name}：PostgreSQL 数据库的备份与恢复需要它。请安装 PostgreSQL 客户端工具"
                               f"（Debian/Ubuntu：apt-get install postgresql-client）并确认其在 PATH 中。")
    return found


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise MaintenanceError(f"{what}失败（{Path(command[0]).name} 退出码 {done.returncode}）：{done.stderr.strip()[:500]}")


def _check_sqlite_copy(path: Path) -> str:
    """The revision of a SQLite file that is a sound plantrack store; MaintenanceError otherwise."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise MaintenanceError(f"{path} 不是可用的 plantrack 数据库备份（{exc}）。") from None
    if ok != "ok":
        raise MaintenanceError(f"{path} 已损坏（SQLite 完整性检查：{ok}），不能使用。")
    if revision is None:
        raise MaintenanceError(f"{path} 不是完整的 plantrack 数据库备份（没有迁移版本记录）。")
    return revision[0]


def backup(target: Path, url: str | None = None, overwrite: bool = False) -> str:
    """Copy the store to target; returns a Chinese sentence saying what was written."""
    url = database_url(url)
    target = Path(target)
    if target.exists() and not overwrite:
        raise MaintenanceError(f"{target} 已存在；换一个文件名，或加 --force 覆盖。")
    if not target.parent.is_dir():
        raise MaintenanceError(f"目录 {target.parent} 不存在。")
    source = _sqlite_file(url)
    if source is not None:
        if not source.exists():
            raise MaintenanceError(f"数据库文件 {source} 不存在，没有可备份的内容。")
        partial = target.with_name(target.name + ".partial")
        src = sqlite3.connect(source)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            dst.close()
            src.close()
        revision = _check_sqlite_copy(partial)
        os.replace(partial, target)  # a backup interrupted midway never looks finished
        return f"已备份 SQLite 数据库 {source} → {target}（{target.stat().st_size / 1024:.0f} KB，迁移版本 {revision}）"
    plain, schema = _libpq(url)
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", *([f"--schema={schema}"] if schema else []), plain]
    _run(command, "pg_dump 备份")
    return f"已用 pg_dump 备份 PostgreSQL 数据库 → {target}（{target.stat().st_size / 1024:.0f} KB）"


def restore(source: Path, url: str | None = None) -> str:
    """Replace the store's contents with a backup; the store as it was is kept beside it first (SQLite)."""
    url = database_url(url)
    source = Path(source)
    if not source.is_file():
        raise MaintenanceError(f"备份文件 {source} 不存在。")
    live = _sqlite_file(url)
    if live is not None:
        revision = _check_sqlite_copy(source)
        if revision not in known_revisions():
            raise MaintenanceError(f"{source} 来自更新版本的 plantrack（迁移版本 {revision} 本程序不认识），请先升级 plantrack 再恢复。")
        kept = None
        if live.exists():
            kept = live.with_name(f"{live.name}.before-restore-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}")
            backup(kept, url)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(live, timeout=30)
        try:
            src.backup(dst)  # under SQLite's write lock: readers see the old store or the restored one
        finally:
            dst.close()
            src.close()
        _migrate(url)
        note = f"；恢复前的数据库已另存为 {kept}" if kept else ""
        return f"已从 {source} 恢复 SQLite 数据库 {live}（迁移版本 {revision}，已升级到当前版本）{note}"
    plain, schema = _libpq(url)
    command = [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
               *([f"--schema={schema}"] if schema else []), f"--dbname={plain}", str(source)]
    _run(command, "pg_restore 恢复")
    _migrate(url)
    return f"已用 pg_restore 从 {source} 恢复 PostgreSQL 数据库（已升级到当前版本）"


def _migrate(url: str) -> None:
    from .store.db import migrate

    engine = make_engine(url)
    try:
        migrate(engine)
    finally:
        engine.dispose()


@dataclass
class Check:
    ok: bool
    message: str


def _revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def doctor(url: str | None = None, min_free: int = MIN_FREE_BYTES) -> list[Check]:
    """The store's health as Chinese lines: opens, migrations at head, disk space (and SQLite's own check).
    Changes nothing: a store behind the code's schema is reported, not migrated."""
    from .store.db import _half_built

    url = database_url(url)
    shown = make_url(url).render_as_string(hide_password=True)
    checks: list[Check] = []
    live = _sqlite_file(url)
    if live is not None and not live.exists():
        checks.append(Check(False, f"数据库文件 {live} 不存在（首次运行 plantrack ingest 或 serve 时会创建）"))
        return checks + [_disk(live.parent, min_free)]
    engine = make_engine(url)
    try:
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except Exception as exc:
            checks.append(Check(False, f"无法打开数据库 {shown}（{type(exc).__name__}: {exc}）"))
            return checks + ([_disk(live.parent, min_free)] if live else [])
        checks.append(Check(True, f"数据库可以打开：{shown}"))
        if _half_built(engine):
            checks.append(Check(False, "数据库结构不完整（有数据表但没有迁移版本记录）：请用 plantrack restore 从备份恢复"))
        else:
            current, heads = _revision(engine), head_revisions()
            if current in heads:
                checks.append(Check(True, f"数据库结构是最新版本（迁移版本 {current}）"))
            elif current is None:
                checks.append(Check(False, "数据库尚未建立结构：运行任一 plantrack 命令（如 plantrack plans）即会建立"))
            elif current in known_revisions():
                checks.append(Check(False, f"数据库结构版本 {current} 落后于程序的 {'、'.join(sorted(heads))}："
                                           f"先 plantrack backup 备份，再运行任一 plantrack 命令即会升级"))
            else:
                checks.append(Check(False, f"数据库结构版本 {current} 本程序不认识（来自更新版本的 plantrack？）：请升级 plantrack"))
        if live is not None:
            with engine.connect() as conn:
                result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
            checks.append(Check(result == "ok", "SQLite 完整性检查通过" if result == "ok"
                                else f"SQLite 完整性检查发现问题：{result}；请用 plantrack restore 从备份恢复"))
    finally:
        engine.dispose()
    if live is not None:
        checks.append(_disk(live.parent, min_free))
    return checks


def _disk(folder: Path, min_free: int) -> Check:
    try:
        usage = shutil.disk_usage(folder if folder.exists() else folder.parent)
    except OSError as exc:
        return Check(False, f"无法读取 {folder} 所在磁盘的空间（{exc.strerror or exc}）")
    free_mb, need_mb = usage.free / 2**20, min_free / 2**20
    if usage.free < min_free:
        return Check(False, f"{folder} 所在磁盘只剩 {free_mb:.0f} MB，低于 {need_mb:.0f} MB：写入和备份可能失败，请先腾出空间")
    return Check(True, f"{folder} 所在磁盘可用空间 {free_mb / 1024:.1f} GB")
