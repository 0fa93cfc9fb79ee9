"""首页: the catalogue at a glance, indicator statuses for a year, warnings, recent changes.

The year defaults to the latest year with observations: that is the year an office is asking
about, and the year with the most to show. Binding-indicator warnings come first because they
are the ones assessment (考核) acts on.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from ...store.models import ObservationImport, Plan, PlanVersion
from .. import labels
from ...publication import visible_plan_ids
from ..actors import request_actor
from ..queries import current_versions, data_state, default_year, evaluation, observation_years, plan_brief
from ..render import query_url, render
from ..auth import allow
from .reporting import overdue_block

router = APIRouter()

RECENT = 8


def _matrix(plans: list[Plan]) -> dict:
    """Plans counted by level (rows) and kind (columns), only the levels and kinds present."""
    counts: dict[tuple[str, str], int] = {}
    for p in plans:
        cell = (p.level or "unknown", p.kind or "unknown")
        counts[cell] = counts.get(cell, 0) + 1
    levels = [lv for lv in labels.LEVEL_ORDER if any(c[0] == lv for c in counts)]
    levels += sorted({c[0] for c in counts} - set(levels))
    kinds = [k for k in labels.KIND_ORDER if any(c[1] == k for c in counts)]
    kinds += sorted({c[1] for c in counts} - set(kinds))
    return {
        "levels": [{"code": lv, "label": labels.label(labels.LEVELS, lv, "未标明")} for lv in levels],
        "kinds": [{"code": k, "label": labels.label(labels.KINDS, k, "未标明")} for k in kinds],
        "cells": [
            {"level": lv, "kind": k, "count": counts.get((lv, k), 0)} for lv in levels for k in kinds
        ],
        "total": len(plans),
    }


def _indicator_ids(assessments: list[dict]) -> dict[tuple, int]:
    """(name, source line) -> indicator id: a warning carries the row it is about, not its id."""
    return {((a.get("indicator") or {}).get("name"), (a.get("indicator") or {}).get("line")): a.get("indicator_id")
            for a in assessments if a.get("indicator_id")}


def _warning(plan: Plan, w: dict, ids: dict[tuple, int] | None = None) -> dict:
    ind = w.get("indicator") or {}
    return {
        "plan": plan.key,
        "indicator_id": (ids or {}).get((ind.get("name"), ind.get("line"))),
        "plan_title": plan.title or plan.key,
        "indicator": ind.get("name"),
        "line": ind.get("line"),
        "binding": bool(w.get("binding")),
        "kind": w.get("kind"),
        "label": w.get("label"),
        "status": w.get("status"),
        "message": w.get("message"),
    }


def _recent(session) -> list[dict]:
    """The newest plan versions and observation imports, newest first."""
    items = []
    rows = session.execute(
        select(Plan.key, Plan.title, PlanVersion.number, PlanVersion.created_at)
        .join(PlanVersion, PlanVersion.plan_id == Plan.id)
        .order_by(PlanVersion.created_at.desc(), PlanVersion.id.desc())
        .limit(RECENT)
    )
    for key, title, number, created in rows:
        what = "入库" if number == 1 else f"更新为第 {number} 版"
        items.append({"type": "plan_version", "at": created, "plan": key, "title": title or key, "version": number,
                      "text": f"规划{what}"})
    imports = session.scalars(select(ObservationImport).order_by(ObservationImport.created_at.desc(),
                                                                  ObservationImport.id.desc()).limit(RECENT))
    for imp in imports:
        items.append({"type": "observation_import", "at": imp.created_at, "file": imp.file_name, "rows": imp.rows,
                      "text": f"导入观测值文件（{imp.rows} 行）"})
    items.sort(key=lambda i: i["at"].timestamp() if i["at"] else 0, reverse=True)
    return items[:RECENT]


@router.get("/", include_in_schema=False, dependencies=[allow("plans.read")])
def dashboard(
    request: Request,
    year: Annotated[int | None, Query(ge=1949, le=2200, title="年份")] = None,
):
    with request.app.state.session_factory() as session:
        chosen = year or default_year(session)
        versions = current_versions(session)
        shown = visible_plan_ids(session, request_actor(request))  # None: everything
        plans = [p for p in session.scalars(select(Plan).order_by(Plan.key)) if p.id in versions and (shown is None or p.id in shown)]
        keys = {p.id: p.key for p in plans}
        state = data_state(session)
        totals = {s: 0 for s in labels.STATUS_ORDER}
        per_plan, warnings = [], []
        from ...evaluate.index import composite, method_text

        for plan in plans:
            ev = evaluation(session, plan, chosen, state)
            counts = {s: ev["counts"].get(s, 0) for s in labels.STATUS_ORDER}
            for s, n in ev["counts"].items():
                totals[s] = totals.get(s, 0) + n
            composite_index = composite(ev["assessments"])
            per_plan.append({**plan_brief(plan, keys), "indicators": len(ev["assessments"]), "counts": counts,
                             "index": composite_index["index"], "index_coverage": composite_index["coverage"]})
            ids = _indicator_ids(ev["assessments"])
            warnings += [_warning(plan, w, ids) for w in ev["warnings"]]
        warnings.sort(key=lambda w: (not w["binding"], w["plan"]))
        level_rank = {lv: i for i, lv in enumerate(labels.LEVEL_ORDER)}
        per_plan.sort(key=lambda p: (level_rank.get(p["level"], 9), p["region_code"] or "", p["key"]))
        years = observation_years(session)
        if chosen not in years:
            years = sorted({*years, chosen}, reverse=True)
        data = {
            "year": chosen,
            "index_method": method_text(),
            "years": years,
            "plans": _matrix(plans),
            "status_counts": [{"status": s, "count": totals.get(s, 0), "href": query_url("/indicators", year=chosen, status=s)}
                              for s in totals],
            "indicators_href": query_url("/indicators", year=chosen),
            "indicators_total": sum(totals.values()),
            "by_plan": per_plan,
            "warnings": warnings,
            "recent": [i for i in _recent(session)
                       if shown is None or (i["type"] == "plan_version" and i["plan"] in keys.values())],
            "overdue": overdue_block(session, request_actor(request)),  # None: not the actor's to see
        }
    return render(request, "dashboard.html", data, title="首页")
