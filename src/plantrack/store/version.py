"""The store's data version: a value that changes whenever anything a page shows may have changed.

Every write the application makes is an audit event (audit.py), so the newest audit event's id is a
counter every write bumps (sign-ins excepted: SILENT_PREFIX), read from its primary-key index in
microseconds. The newest plan version and observation ids are added for writes made below the
services (a test's or a script's store_plan without an audit event). web/page_cache.py keys whole responses on this value: a page
cached under one version is never served under another.

It is read on every page request, in every server process, so read_data_version asks it as one
statement on a pooled DBAPI connection (about 0.02 ms on SQLite) rather than through an ORM
session (about 0.5 ms); both give the same tuple. The store is asked each time, never a copy kept
for a while: a write from another process (a CLI ingest, another server worker) is seen by the
very next request.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from .models import Allocation, AnnualTarget, AuditEvent, Observation, Plan, PlanVersion

# Events that change nothing a cached page shows: a sign-in is audited (who, when, from where) but
# leaves every plan, figure and list as it was, and with many users signing in all day, counting
# them would empty every worker's page cache at each one. The pages that do show them (/audit,
# /users) are never cached (web/page_cache.NEVER). The newest other event is found by walking the
# primary key back from the end, past the sign-ins since the last write.
SILENT_PREFIX = "login."

VERSION_SQL = (
    f"SELECT (SELECT max(id) FROM {AuditEvent.__tablename__} WHERE action NOT LIKE ?), "
    f"(SELECT max(id) FROM {PlanVersion.__tablename__}), "
    f"(SELECT max(id) FROM {Observation.__tablename__}), (SELECT max(id) FROM {Plan.__tablename__})"
)


def data_version(session: Session) -> tuple:
    row = session.execute(select(
        select(func.max(AuditEvent.id)).where(AuditEvent.action.not_like(f"{SILENT_PREFIX}%")).scalar_subquery(),
        select(func.max(PlanVersion.id)).scalar_subquery(),
        select(func.max(Observation.id)).scalar_subquery(),
        select(func.max(Plan.id)).scalar_subquery(),
    )).one()
    return tuple(row)


def duty_version(session: Session) -> tuple:
    """What evaluation reads from the accountability tables: annual targets and allocations (分解下达).

    In-process caches of derived results (web/queries.py MEMO) key on it, so a write made by another
    process — `plantrack annual-targets import` or `decomposition import` against the store a running
    server uses — is seen on that server's next request. Rows are only added or marked superseded,
    never edited in place, so the newest id and the number of active rows move on every write.
    """
    return tuple(session.execute(select(
        select(func.max(AnnualTarget.id)).scalar_subquery(),
        select(func.count(AnnualTarget.id)).where(AnnualTarget.state == "active").scalar_subquery(),
        select(func.max(Allocation.id)).scalar_subquery(),
        select(func.count(Allocation.id)).where(Allocation.state == "active").scalar_subquery(),
    )).one())
def read_data_version(engine: Engine) -> tuple:
    """data_version without a session: the same four numbers, one statement, one pooled connection."""
    return tuple(raw_query(engine, VERSION_SQL, (f"{SILENT_PREFIX}%",)))


def raw_query(engine: Engine, sql: str, params: tuple = ()) -> tuple | None:
    """One row of sql on a pooled DBAPI connection, `?` placeholders written in the driver's own
    style; None when there is no row. The connection goes back to the pool rolled back."""
    if params and engine.dialect.paramstyle in ("format", "pyformat"):
        sql = sql.replace("?", "%s")
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        finally:
            cursor.close()
    finally:
        connection.close()
    return tuple(row) if row is not None else None


def engine_of(factory) -> Engine:
    """The engine behind a sessionmaker (open_store's, a test's)."""
    bind = getattr(factory, "kw", {}).get("bind")
    if bind is None:
        with factory() as session:
            bind = session.get_bind()
    return bind
