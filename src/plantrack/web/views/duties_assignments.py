"""分工 (/plans/{key}/assignments): a plan's items with their lead and supporting units and due dates.

Items are the plan's indicators, prose targets, tasks and 专栏 projects as stored for its current
version. A planning office assigns one item in the page, downloads an XLSX template listing every
item (with what is assigned now), fills and uploads it, or confirms the assignments drafted from
the plan text (duties/proposals.py), correcting the units first where the text got them wrong.
All three go through duties.assignments.apply_assignment_rows: the same checks, all rows or none,
one audit event per write.
"""

from __future__ import annotations

import io
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from sqlalchemy import select

from ...duties.assignments import (ASSIGNMENT_COLUMNS, ITEM_KINDS, KIND_LABELS, apply_assignment_rows, find_item,
                                   list_assignments)
from ...duties.proposals import propose_assignments
from ...duties.units import UnitFinder
from ...store.models import Unit
from ..actors import request_actor
from ..auth import allow
from ..queries import find_plan
from ..render import plan_url, render
from .duties_common import can_write, import_plan_template, require_plan_scope, run_write
from .plan import not_found

router = APIRouter()
KIND_ORDER = ("indicator", "target", "task", "project")


def _items(session, plan, assigned: list[dict]) -> list[dict]:
    """Every item of the current version, with its active assignment (matched by name and line,
    as the import matches them) and the reference a template row names it by."""
    current = {(a["item_kind"], a["item"], a["line"]): a for a in assigned}
    out = []
    for kind in KIND_ORDER:
        model, attr = ITEM_KINDS[kind]
        rows = list(session.scalars(select(model).where(model.version_id == plan.current.id).order_by(model.ordinal)))
        names: dict[str, int] = {}
        for r in rows:
            names[getattr(r, attr)] = names.get(getattr(r, attr), 0) + 1
        lines: dict[int, int] = {}
        for r in rows:
            lines[r.line] = lines.get(r.line, 0) + 1
        for r in rows:
            name = getattr(r, attr)
            if kind != "task" and names[name] == 1:
                ref = name
            elif lines[r.line] == 1:
                ref = f"L{r.line}"
            else:
                ref = name
            a = current.get((kind, name, r.line))
            out.append({"kind": kind, "kind_label": KIND_LABELS[kind], "id": r.id, "key": f"{kind}:{r.id}",
                        "name": name, "line": r.line, "ref": ref, "assignment": a})
    return out


def _units(session, plan) -> list[dict]:
    """The units a plan's items may be given to: those of its region and the regions above it."""
    finder = UnitFinder(session)
    chain = [c for c in finder._chain(plan.region_code) if c]
    units = session.scalars(select(Unit).where(Unit.region_code.in_(chain)).order_by(Unit.region_code, Unit.id)) if chain \
        else session.scalars(select(Unit).order_by(Unit.id))
    return [{"id": u.id, "name": u.name, "short_name": u.short_name, "label": u.short_name or u.name} for u in units]


def _proposals(session, plan) -> list[dict]:
    out = []
    for i, p in enumerate(propose_assignments(session, plan.key)):
        kind = p["item_kind"] if p["item_kind"] in ITEM_KINDS else "task"
        found = find_item(session, plan, kind, f"L{p['line']}")
        if len(found) > 1:
            attr = ITEM_KINDS[kind][1]
            found = [r for r in found if getattr(r, attr) == p["item"]] or found
        ref = f"#{found[0].id}" if len(found) == 1 else p["item"]
        leads = p["lead_units"]
        out.append({**p, "index": i, "item_kind": kind, "kind_label": KIND_LABELS[kind], "ref": ref,
                    "stored": len(found) == 1,
                    "lead_unit": leads[0] if leads else "",
                    "supporting_text": "、".join([*leads[1:], *p["supporting_units"]])})
    return out


def _page(request: Request, key: str, status: int = 200, selected: str | None = None, **extra):
    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        assigned = list_assignments(session, plan.key)
        items = _items(session, plan, assigned)
        writable = can_write(request, plan.region_code)
        data = {
            "plan": {"key": plan.key, "title": plan.title or plan.key, "region_code": plan.region_code,
                     "region": plan.region_name},
            "counts": {k: {"items": sum(1 for i in items if i["kind"] == k),
                           "assigned": sum(1 for i in items if i["kind"] == k and i["assignment"])} for k in KIND_ORDER},
            "items": items,
            "units": _units(session, plan),
            "proposals": _proposals(session, plan),
            "can_write": writable,
            "selected": selected or request.query_params.get("item", ""),
            "template_href": f"{plan_url(plan.key)}/assignments/template.xlsx",
            "columns": list(ASSIGNMENT_COLUMNS),
            "problems": [], "saved": None, "form": {},
            **extra,
        }
        title = f"任务分工 · {plan.title or plan.key}"
        crumbs = [("/", "首页"), ("/plans", "规划目录"), (plan_url(plan.key), plan.title or plan.key), (None, "任务分工")]
    return render(request, "duties_assignments.html", data, title=title, status=status, crumbs=crumbs)


@router.get("/plans/{key}/assignments", include_in_schema=False, dependencies=[allow("plans.read")])
def assignments_page(request: Request, key: str):
    return _page(request, key)


@router.get("/plans/{key}/assignments/template.xlsx", include_in_schema=False, dependencies=[allow("plans.export")])
def assignments_template(request: Request, key: str):
    """Every item of the plan as a row of the import template, with its assignment so far."""
    from openpyxl import Workbook

    from ...export.formulas import neutralise_workbook

    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        items = _items(session, plan, list_assignments(session, plan.key))
        units = _units(session, plan)
    wb = Workbook()
    ws = wb.active
    ws.title = "分工"
    ws.append([*ASSIGNMENT_COLUMNS, "说明"])
    for i in items:
        a = i["assignment"] or {}
        ws.append([plan.key, i["kind"], i["ref"], a.get("lead_unit") or "", "、".join(a.get("supporting_units") or []),
                   a.get("due") or "", f"{i['kind_label']} · 原文第{i['line']}行 · {i['name'][:60]}"])
    guide = wb.create_sheet("单位")
    guide.append(["单位全称", "简称"])
    for u in units:
        guide.append([u["name"], u["short_name"] or ""])
    neutralise_workbook(wb)
    buf = io.BytesIO()
    wb.save(buf)
    name = f"{plan.key}-任务分工模板.xlsx"
    return Response(buf.getvalue(), media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename=\"assignments.xlsx\"; filename*=UTF-8''{quote(name)}"})


@router.post("/plans/{key}/assignments", include_in_schema=False, dependencies=[allow("duties.write")])
def assign_one(request: Request, key: str, item: Annotated[str, Form()] = "", lead_unit: Annotated[str, Form()] = "",
               supporting_units: Annotated[str, Form()] = "", due: Annotated[str, Form()] = ""):
    with request.app.state.session_factory() as session:
        plan = require_plan_scope(request, session, key)
        if plan is None:
            return not_found(request, key)
    kind, _, item_id = item.partition(":")
    form = {"item": item, "lead_unit": lead_unit, "supporting_units": supporting_units, "due": due}
    if kind not in ITEM_KINDS or not item_id.isdigit():
        return _page(request, key, status=422, problems=["请选择要分工的事项。"], form=form, selected=item)
    rows = [(1, {"plan": key, "item_kind": kind, "item": f"#{item_id}", "lead_unit": lead_unit.strip(),
                 "supporting_units": supporting_units.strip(), "due": due.strip()})]
    summary, problems = run_write(request, lambda s: apply_assignment_rows(
        s, rows, f"任务分工（{key}）", request_actor(request), action="assignment.set"))
    problems = [p.replace(f"任务分工（{key}） 第1行：", "") for p in problems]
    return _page(request, key, status=422 if problems else 200, problems=problems, saved=summary,
                 form=form if problems else {}, selected=item)


@router.post("/plans/{key}/assignments/import", include_in_schema=False, dependencies=[allow("duties.write")])
async def import_assignments_page(request: Request, key: str, file: Annotated[UploadFile | None, File()] = None):
    return await import_plan_template(request, key, file, ASSIGNMENT_COLUMNS, apply_assignment_rows, _page)


@router.post("/plans/{key}/assignments/confirm", include_in_schema=False, dependencies=[allow("duties.write")])
async def confirm_proposals(request: Request, key: str):
    """The picked proposals, with the units as the person left them, stored all together or not at all."""
    form = await request.form(max_fields=20_000)
    with request.app.state.session_factory() as session:
        if require_plan_scope(request, session, key) is None:
            return not_found(request, key)
    picked = [p for p in form.getlist("pick") if isinstance(p, str) and p.isdigit()]
    if not picked:
        return _page(request, key, status=422, problems=["请至少勾选一条分工建议。"])

    def text(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    rows = [(int(i) + 1, {"plan": key, "item_kind": text(f"kind_{i}"), "item": text(f"ref_{i}"),
                          "lead_unit": text(f"lead_{i}"), "supporting_units": text(f"supporting_{i}"),
                          "due": text(f"due_{i}")}) for i in picked]
    summary, problems = run_write(request, lambda s: apply_assignment_rows(
        s, rows, "分工建议", request_actor(request), action="assignments.confirm"))
    problems = [p.replace("分工建议 第", "第").replace("行：", "条建议：", 1) for p in problems]
    return _page(request, key, status=422 if problems else 200, problems=problems, saved=summary)
