"""Assignments drafted from a plan's text, for a person to confirm: nothing here is stored.

The parser already finds measures with their lead and supporting units (ingest/tasks.py, in the
stored document's `tasks`) and 任务分工 tables (ingest/duties.py, under `duties`); each becomes a
proposal naming the item, its source line, the units as written and, where the catalogue knows
them, the units' ids and the catalogue entry each name matched (`lead_matches`, `supporting_matches`):
a plan reposted in traditional script writes 省發展改革委, kept as written for display, and matches
the catalogue's 省发展改革委 (`by_script` says the match went across scripts).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..store.repository import require_plan
from .units import UnitFinder


def propose_assignments(session: Session, plan_key: str) -> list[dict]:
    plan = require_plan(session, plan_key)
    document = plan.current.document
    finder = UnitFinder(session)

    def match(name: str) -> dict:
        hits = finder.find(name, plan.region_code)
        if len(hits) != 1:
            return {"written": name, "unit_id": None, "unit": None, "full_name": None, "by_script": False,
                    "ambiguous": len(hits) > 1}
        u = hits[0]
        return {"written": name, "unit_id": u.id, "unit": u.short_name or u.name, "full_name": u.name,
                "by_script": name not in (u.name, u.short_name), "ambiguous": False}

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
        p["lead_matches"] = [match(u) for u in p["lead_units"]]
        p["supporting_matches"] = [match(u) for u in p["supporting_units"]]
        p["lead_unit_ids"] = [m["unit_id"] for m in p["lead_matches"]]
        p["supporting_unit_ids"] = [m["unit_id"] for m in p["supporting_matches"]]
    return sorted(out, key=lambda p: p["line"])
