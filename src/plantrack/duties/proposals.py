"""Assignments drafted from a plan's text, for a person to confirm: nothing here is stored.

The parser already finds measures with their lead and supporting units (ingest/tasks.py, in the
stored document's `tasks`) and 任务分工 tables (ingest/duties.py, under `duties`); each becomes a
proposal naming the item, its source line, the units as written and, where the catalogue knows
them, the units' ids.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..store.repository import require_plan
from .units import UnitFinder


def propose_assignments(session: Session, plan_key: str) -> list[dict]:
    plan = require_plan(session, plan_key)
    document = plan.current.document
    finder = UnitFinder(session)

    def known(name: str) -> int | None:
        hits = finder.find(name, plan.region_code)
        return hits[0].id if len(hits) == 1 else None

    out = []
    for task in document.get("tasks", []):
        out.append({"item_kind": "task", "item": task["text"], "line": task["line"],
                    "lead_units": list(task.get("lead_units") or []),
                    "supporting_units": list(task.get("partner_units") or []), "source": task.get("rule", "text")})
    for row in document.get("duties", []):
        out.append({"item_kind": row.get("item_kind", "task"), "item": row["item"], "line": row["line"],
                    "lead_units": list(row["lead_units"]), "supporting_units": list(row["supporting_units"]),
                    "source": "table"})
    for p in out:
        p["lead_unit_ids"] = [known(u) for u in p["lead_units"]]
        p["supporting_unit_ids"] = [known(u) for u in p["supporting_units"]]
    return sorted(out, key=lambda p: p["line"])
