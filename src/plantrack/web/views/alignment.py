"""A plan beside the plan it aligns to (/plans/{key}/alignment): matched indicators on one row,
differences marked, every finding with its lines in both texts.

Binding indicators the parent sets and the child drops or weakens are what 规划衔接 review is
for, so rows with high-severity findings come first; within a severity the parent's order holds.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from ... import audit
from ...analysis import align_stored
from ...policy import permission_allowed

from .. import labels
from ..queries import alignment, find_plan, plan_brief
from ..render import plan_url, render
from .plan import not_found
from ..actors import request_actor
from ..auth import allow, require
from ..queries import MEMO

router = APIRouter()

_SIDE_FIELDS = ("category", "name", "unit", "binding", "base_year", "base_text", "target_year", "target_text",
                "annual_growth", "line")


def _side(ind: dict | None) -> dict | None:
    if ind is None:
        return None
    side = {k: ind.get(k) for k in _SIDE_FIELDS}
    side["binding_label"] = labels.label(labels.BINDING, ind.get("binding"), "未标明")
    side["target"] = " / ".join(t for t in (ind.get("target_text"), ind.get("annual_growth") and f"年均{ind['annual_growth']}") if t) or "—"
    return side


def _differences(parent: dict | None, child: dict | None) -> list[str]:
    """Which columns differ between the two sides: binding, unit, target."""
    if not parent or not child:
        return []
    out = []
    if (parent.get("binding") or None) != (child.get("binding") or None):
        out.append("binding")
    if (parent.get("unit") or "").strip() != (child.get("unit") or "").strip():
        out.append("unit")
    if _side(parent)["target"] != _side(child)["target"]:
        out.append("target")
    return out


def _row(row: dict) -> dict:
    parent, child = row.get("parent"), row.get("child")
    found = [
        {**f, "kind_label": labels.label(labels.FINDING_KINDS, f.get("kind")),
         "severity_label": labels.label(labels.SEVERITIES, f.get("severity"))}
        for f in row.get("findings", [])
    ]
    worst = min((labels.SEVERITY_ORDER.get(f.get("severity"), 9) for f in found), default=9)
    if child is None:
        state = "missing"
    elif parent is None:
        state = "child_only"
    elif worst <= labels.SEVERITY_ORDER["low"]:
        state = "issue"
    else:
        state = "ok"
    return {
        "parent": _side(parent), "child": _side(child), "concept": row.get("concept"),
        "match": row.get("match"), "match_label": labels.label(labels.MATCHES, row.get("match"), ""),
        "differences": _differences(parent, child), "findings": found, "state": state, "worst": worst,
    }


@router.get("/plans/{key}/alignment", include_in_schema=False, dependencies=[allow("plans.read")])
def alignment_page(request: Request, key: str):
    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        result = alignment(session, plan)
        children = [{"key": c.key, "title": c.title or c.key} for c in sorted(plan.children, key=lambda c: c.key)]
        data = {
            "child": plan_brief(plan),
            "parent": plan_brief(plan.parent) if plan.parent else None,
            "children": children,
            "summary": [], "rows": [], "projects": [],
            # 重新计算 is a POST with a CSRF token (a GET never writes); offered to whoever may do it
            "may_refresh": permission_allowed(request_actor(request), "analysis.write", plan.region_code),
        }
        if result is not None:
            rows = [_row(r) for r in result.get("rows", [])]
            order = {id(r): i for i, r in enumerate(rows)}
            rows.sort(key=lambda r: (r["worst"], order[id(r)]))
            summary = result.get("summary") or {}
            data["summary"] = [{"key": k, "label": labels.label(labels.ALIGN_SUMMARY, k), "value": v}
                               for k, v in summary.items() if not isinstance(v, dict)]
            data["rows"] = rows
            data["projects"] = sorted(
                ({"parent": p["parent"], "mentions": p.get("child_mentions", [])} for p in result.get("projects", [])),
                key=lambda p: not p["mentions"],
            )
        title = plan.title or plan.key
    return render(request, "alignment.html", data, title=f"规划衔接 · {title}",
                  crumbs=[("/", "首页"), ("/plans", "规划目录"), (plan_url(key), title), (None, "规划衔接")])


@router.post("/plans/{key}/alignment/refresh", include_in_schema=False, dependencies=[allow("analysis.write")])
def refresh_alignment_page(request: Request, key: str):
    """Recompute the alignment and store it (replacing the stored one), audited; back to the page."""
    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        require(request, "analysis.write", plan.region_code, key)
        has_parent = plan.parent is not None
    if has_parent:
        with request.app.state.session_factory.begin() as session:
            align_stored(session, key)
            audit.record(session, request_actor(request), "analysis.refresh", "plan", key, note="规划衔接")
        MEMO.clear()
    return RedirectResponse(f"{plan_url(key)}/alignment", status_code=303)
