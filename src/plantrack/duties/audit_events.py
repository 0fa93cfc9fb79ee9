"""Every import of units, assignments, annual targets or allocations is one audit event.

One event per file (like an observation import): what was read and what changed, by whom. A file
that changes nothing (every row already stored) and a refused file record nothing: nothing was
written.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from .. import audit
from ..domain.actor import Actor


def record_import(session: Session, actor: Actor, action: str, summary: dict) -> None:
    if not summary.get("added") and not summary.get("updated") and not summary.get("withdrawn"):
        return  # the same file again: no write, no event
    audit.record(session, actor, action, "duty_import", summary["file"], None,
                 {k: v for k, v in summary.items() if k != "by"})
