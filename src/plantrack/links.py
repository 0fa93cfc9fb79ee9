"""A person setting (or clearing) the plan a plan aligns to: the catalogue link, audited.

store/repository.link_plans makes the change; this service is what people's requests call, so the
change and its audit event (parent before and after) are one transaction. Links the catalogue
infers while a plan is stored are part of that ingest's event (load.py).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from . import audit
from .domain.actor import LOCAL_OPERATOR, Actor
from .store.repository import link_plans, require_plan


def link_plan(session: Session, child_key: str, parent_key: str | None, actor: Actor = LOCAL_OPERATOR) -> bool:
    """Link child to parent (None clears the link); True if that changed anything (one event)."""
    child = require_plan(session, child_key)
    before = child.parent.key if child.parent else None
    link_plans(session, child_key, parent_key)
    session.flush()
    session.refresh(child)
    after = child.parent.key if child.parent else None
    if before == after:
        return False
    audit.record(session, actor, "plan.link", "plan", child.key, {"parent": before}, {"parent": after})
    return True
