"""分解下达 (/plans/{key}/decomposition): a parent plan's indicators passed down to child regions.

The matrix (indicator × region: assigned figure, latest observed value, whether it meets the
figure) from duties.decomposition.decomposition_matrix, beside the check of each indicator's rule
(evaluate/decomposition.py): an indicator whose children's targets fall short of the parent's is
highlighted with its shortfall and the regions that are weaker. Read-only: allocations are loaded
with `plantrack decomposition import`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from ...duties.decomposition import check_decomposition, decomposition_matrix
from ...evaluate.decomposition import RULE_LABELS
from ..auth import allow
from ..queries import find_plan
from ..render import plan_url, render
from .plan import not_found

router = APIRouter()


@router.get("/plans/{key}/decomposition", include_in_schema=False, dependencies=[allow("plans.read")])
def decomposition_page(request: Request, key: str):
    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        matrix = decomposition_matrix(session, plan.key)
        check = check_decomposition(session, plan.key)
        verdicts = {c["indicator"]: c for c in check["indicators"]}
        regions: dict[str, str] = {}
        rows = []
        for row in matrix["indicators"]:
            verdict = verdicts.get(row["indicator"], {})
            weaker = {w["region"] for w in verdict.get("weaker") or []}
            cells = {}
            for r in row["regions"]:
                regions.setdefault(r["region_code"], r["region"] or r["region_code"])
                cells[r["region_code"]] = {**r, "weaker": (r["region"] or r["region_code"]) in weaker}
            rows.append({**row, "rule_label": RULE_LABELS.get(row["rule"], row["rule"]), "cells": cells,
                         "ok": verdict.get("ok"), "message": verdict.get("message"),
                         "shortfall": verdict.get("shortfall"), "parent_target": verdict.get("parent_target")})
        data = {"plan": {"key": plan.key, "title": plan.title or plan.key, "region": plan.region_name},
                "regions": [{"code": c, "name": n} for c, n in sorted(regions.items())],
                "indicators": rows, "flagged": check["flagged"], "checked": check["checked"]}
        title = f"分解下达 · {plan.title or plan.key}"
        crumbs = [("/", "首页"), ("/plans", "规划目录"), (plan_url(plan.key), plan.title or plan.key), (None, "分解下达")]
    return render(request, "duties_decomposition.html", data, title=title, crumbs=crumbs)
