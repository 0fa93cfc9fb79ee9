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

from .models import AuditEvent, Observation, Plan, PlanVersion


def data_version(session: Session) -> tuple:
    row = session.execute(select(
        select(func.max(AuditEvent.id)).scalar_subquery(),
        select(func.max(PlanVersion.id)).scalar_subquery(),
        select(func.max(Observation.id)).scalar_subquery(),
        select(func.max(Plan.id)).scalar_subquery(),
    )).one()
    return tuple(row)
