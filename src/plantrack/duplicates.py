"""A plan file whose content is already stored under another key.

Storing is idempotent by content under one key (load.store_parsed), but the same file uploaded
under a new name became a second plan with the same indicators, counted twice on the dashboard and
compared with itself. Before storing, the upload page and `plantrack ingest` ask here whether those
bytes (their sha256) are a version of another plan, and offer to add the file to that plan instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .store.models import Plan, PlanVersion


@dataclass(frozen=True)
class StoredCopy:
    key: str
    title: str
    version: int
    current: bool  # the copy is the plan's current version (not an older one)

    def message(self, file_name: str) -> str:
        which = f"第 {self.version} 版" + ("" if self.current else "（较早的版本）")
        return f"文件“{file_name}”的内容与已入库规划“{self.title}”（规划键 {self.key}，{which}）完全相同"


def stored_elsewhere(session: Session, sha256: str, key: str) -> StoredCopy | None:
    """The plan (other than the one under key) holding a version with exactly this content; the
    plan whose current version it is comes first, then the oldest."""
    rows = session.execute(
        select(Plan, PlanVersion.number)
        .join(PlanVersion, PlanVersion.plan_id == Plan.id)
        .where(PlanVersion.sha256 == sha256, Plan.key != key)
        .order_by(Plan.id)
    ).all()
    copies = [StoredCopy(p.key, p.title or p.key, n, p.current is not None and p.current.number == n) for p, n in rows]
    if not copies:
        return None
    return sorted(copies, key=lambda c: not c.current)[0]
