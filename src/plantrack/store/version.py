"""The store's data version: a value that changes whenever anything a page shows may have changed.

Every write the application makes is an audit event (audit.py), so the newest audit event's id is a
counter every write bumps, read from its primary-key index in microseconds. The newest plan
version and observation ids are added for writes made below the services (a test's or a script's
store_plan without an audit event). web/page_cache.py keys whole responses on this value: a page
cached under one version is never served under another.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Allocation, AnnualTarget, AuditEvent, Observation, Plan, PlanVersion


def data_version(session: Session) -> tuple:
    row = session.execute(select(
        select(func.max(AuditEvent.id)).scalar_subquery(),
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
