"""Where the data lives and how to open it.

Embedded default: a SQLite file (WAL mode) in PLANTRACK_HOME (default ~/.local/share/plantrack).
At scale: PostgreSQL by URL in PLANTRACK_DATABASE_URL (psycopg 3). Both get the same Alembic
migrations, applied on open, so a store is always at the code's schema.

Write transactions on SQLite can be plantrack's own instead of the driver's: pysqlite opens a
transaction only before INSERT/UPDATE/DELETE, so DDL ran outside any transaction and a process
killed during the first migration left a half-built schema. Migrations and writers that ask for
it (writer(), write_transaction) get an explicit BEGIN IMMEDIATE with the driver's own
transaction handling off: a migration is one transaction (a crash leaves the old schema or the
new one) and two writers queue at BEGIN. Other sessions keep the driver's lazy BEGIN, so pages
reading during a long ingest are not held up. Writers wait for each other (busy timeout,
PLANTRACK_SQLITE_BUSY_TIMEOUT seconds, default 30) instead of failing at once with "database is
locked", and write_transaction repeats a transaction a concurrent writer got in the way of.
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)
T = TypeVar("T")

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_ENV = "PLANTRACK_SQLITE_BUSY_TIMEOUT"
DEFAULT_BUSY_TIMEOUT = 30.0
# Execution option naming how a SQLite transaction begins: "IMMEDIATE" takes the write lock at
# BEGIN, so a writer waits for another writer before it reads anything it will write from.
BEGIN_OPTION = "plantrack_sqlite_begin"
# The PostgreSQL advisory lock key migrations hold, so two first runs do not both build the schema.
MIGRATION_LOCK = 7_212_011


class StoreUnusable(Exception):
    """The store cannot be opened as it is; the message (Chinese) says what to do."""


def busy_timeout() -> float:
    """Seconds a SQLite writer waits for another before giving up (PLANTRACK_SQLITE_BUSY_TIMEOUT)."""
    raw = os.environ.get(BUSY_TIMEOUT_ENV)
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_BUSY_TIMEOUT
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT


def default_home() -> Path:
    return Path(os.environ.get("PLANTRACK_HOME") or Path.home() / ".local" / "share" / "plantrack")


def database_url(url: str | None = None) -> str:
    """The URL given, else PLANTRACK_DATABASE_URL, else the SQLite file in PLANTRACK_HOME."""
    url = url or os.environ.get("PLANTRACK_DATABASE_URL")
    if url:
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    home = default_home()
    home.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{home / 'plantrack.db'}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn) -> None:
    """An explicit transaction (BEGIN IMMEDIATE) for connections that ask for one: the driver's
    own handling is switched off for it, so DDL is inside the transaction too."""
    mode = conn.get_execution_options().get(BEGIN_OPTION)
    pooled = conn.connection
    if mode:
        pooled.driver_connection.isolation_level = None
        pooled.info[BEGIN_OPTION] = True
        conn.exec_driver_sql(f"BEGIN {mode}")
    elif pooled.info.pop(BEGIN_OPTION, False):  # an explicit transaction that ended without its event
        pooled.driver_connection.isolation_level = ""


def _sqlite_end(conn) -> None:
    """Back to the driver's lazy BEGIN once an explicit transaction ends (the connection is pooled)."""
    if conn.get_execution_options().get(BEGIN_OPTION):
        conn.connection.driver_connection.isolation_level = ""
        conn.connection.info.pop(BEGIN_OPTION, None)


def make_engine(url: str | None = None, **kwargs) -> Engine:
    url = database_url(url)
    if url.startswith("sqlite"):
        connect_args = dict(kwargs.pop("connect_args", {}))
        connect_args.setdefault("timeout", busy_timeout())
        kwargs["connect_args"] = connect_args
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "commit", _sqlite_end)
        event.listen(engine, "rollback", _sqlite_end)
    return engine


def writer(engine: Engine) -> Engine:
    """The engine for write transactions: on SQLite they BEGIN IMMEDIATE, so two writers queue at
    the start instead of one failing when it upgrades a read snapshot another writer has changed."""
    return engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"}) if engine.dialect.name == "sqlite" else engine


def _at_head(engine: Engine, cfg: Config) -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    heads = set(ScriptDirectory.from_config(cfg).get_heads())
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads()) == heads


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration, in one transaction on both engines.

    Concurrent first runs queue: SQLite's write lock is taken at BEGIN, PostgreSQL's advisory
    lock before anything is read, so the second run finds the schema at head and does nothing."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if _at_head(engine, cfg):  # the usual open: no lock taken, so a long writer elsewhere holds up nothing
        return
    with writer(engine).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


WRITE_ATTEMPTS = 4
# PostgreSQL SQLSTATEs a repeated transaction can get past: a unique key another writer took
# first (the repeat finds its row), a serialization failure, a deadlock.
_PG_RETRYABLE = {"23505", "40001", "40P01"}


def _retryable(exc: Exception) -> bool:
    if isinstance(exc, OperationalError) and exc.orig is not None and type(exc.orig).__module__.startswith("sqlite3"):
        return "locked" in str(exc.orig) or "busy" in str(exc.orig)
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return getattr(exc.orig, "sqlstate", None) in _PG_RETRYABLE
    return False


def write_transaction(factory: sessionmaker[Session], work: Callable[[Session], T], attempts: int = WRITE_ATTEMPTS) -> T:
    """Run work(session) in one write transaction, repeating the whole of it (a bounded number of
    times) when a concurrent writer got in the way: a lock still held after the busy timeout on
    SQLite, a unique key or a serialization conflict on PostgreSQL. The repeat sees the other
    writer's rows, so importing or ingesting the same thing twice at once stores it once.
    The last failure is raised unchanged."""
    engine = factory.kw["bind"]
    writing = sessionmaker(writer(engine), expire_on_commit=False)
    for attempt in range(1, attempts + 1):
        try:
            with writing.begin() as session:
                return work(session)
        except (OperationalError, IntegrityError, DBAPIError) as exc:
            if attempt == attempts or not _retryable(exc):
                raise
            log.warning("write conflict, attempt %d of %d: %s", attempt, attempts, exc.orig)
            time.sleep(random.uniform(0.02, 0.1) * attempt)
    raise AssertionError("unreachable")


def conflict_message(exc: Exception) -> str | None:
    """A Chinese sentence for a write that lost to concurrent writers even after its repeats
    (None for other errors): what happened and what to do, without SQL."""
    if not _retryable(exc):
        return None
    if isinstance(exc, OperationalError):
        return (f"数据库正被另一个写入占用，等待 {busy_timeout():g} 秒并重试 {WRITE_ATTEMPTS} 次后仍未完成；"
                f"请稍后重试（可用环境变量 {BUSY_TIMEOUT_ENV} 调长等待秒数）")
    return f"与同时进行的另一个写入冲突，重试 {WRITE_ATTEMPTS} 次后仍未完成；请稍后重试"


def _half_built(engine: Engine) -> bool:
    """Tables but no migration record: a first migration interrupted before this version made
    migrations atomic."""
    names = set(inspect(engine).get_table_names())
    if not names:
        return False
    if "alembic_version" in names:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 0
    return True


def _empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        for name in inspect(engine).get_table_names():
            if conn.exec_driver_sql(f'SELECT 1 FROM "{name}" LIMIT 1').first() is not None:
                return False
    return True


def _rebuild_empty(engine: Engine) -> None:
    """Drop the tables of an interrupted first migration (they hold no rows) so it can run again."""
    with writer(engine).begin() as conn:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        for row in conn.exec_driver_sql("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
                                        "AND name NOT LIKE 'sqlite_%'").all():
            conn.exec_driver_sql(f'DROP {row.type.upper()} IF EXISTS "{row.name}"')


def check_openable(engine: Engine) -> None:
    """Recover a SQLite store whose first migration was interrupted (an empty half-built schema is
    rebuilt); StoreUnusable saying what to do when the half-built store holds rows."""
    if engine.dialect.name != "sqlite" or not _half_built(engine):
        return
    if _empty(engine):
        log.warning("rebuilding the empty half-built schema of %s", engine.url.database)
        _rebuild_empty(engine)
        return
    raise StoreUnusable(
        f"数据库 {engine.url.database} 的结构不完整（建库时被中断：有数据表，但没有迁移版本记录），无法安全打开。"
        f"请先复制保存该文件，再用 plantrack restore 从备份恢复；没有备份时，移走该文件后重新入库规划和观测值。"
    )


def open_store(url: str | None = None) -> sessionmaker[Session]:
    """An engine at the newest schema, with the gazetteer filled, and a session factory on it."""
    from .regions_sync import sync_regions

    engine = make_engine(url)
    check_openable(engine)
    migrate(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    from .models import Region
    from .regions import load_regions

    records = load_regions()
    with factory() as session:
        present = set(session.scalars(select(Region.code)))
    if any(r.code not in present for r in records):  # a new store, or a gazetteer grown: fill it, one writer at a time
        write_transaction(factory, lambda session: sync_regions(session, records))
    return factory
