"""分解下达 (/plans/{key}/decomposition): a parent plan's indicators passed down to child regions.

The matrix (indicator × region: assigned figure, latest observed value, whether it meets the
figure) from duties.decomposition.decomposition_matrix, beside the check of each indicator's rule
(evaluate/decomposition.py): an indicator whose children's targets fall short of the parent's is
highlighted with its shortfall and the regions that are weaker.

A planning office of the plan's region (or above, or an admin) enters allocations here: one
region's figure, unit, rule and weight in the form, or the XLSX template (the parent's indicators ×
its child regions, prefilled with what is stored) downloaded, filled and uploaded. Both go through
duties.decomposition.apply_allocation_rows — the same checks as `plantrack decomposition import`:
every row checked first, nothing stored if any is bad, a change supersedes the old figure (kept),
an unchanged upload changes nothing, one audit event per write.
"""

from __future__ import annotations

import io
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from ...duties import DutyInputError
from ...duties.decomposition import (TEMPLATE_COLUMNS, allocation_template_rows, apply_allocation_rows,
                                     check_decomposition, child_regions, decomposition_matrix)
from ...evaluate.decomposition import RULE_LABELS
from ..actors import request_actor
from ..auth import allow
from ..queries import find_plan
from ..render import plan_url, render
from .duties_common import can_write, require_plan_scope, run_write, upload_rows
from .plan import not_found

router = APIRouter()


def _page(request: Request, key: str, status: int = 200, problems: list[str] | None = None,
          saved: dict | None = None, form: dict | None = None):
    from ...corrections import effective_indicators

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
        writable = can_write(request, plan.region_code)
        data = {"plan": {"key": plan.key, "title": plan.title or plan.key, "region": plan.region_name,
                         "region_code": plan.region_code},
                "regions": [{"code": c, "name": n} for c, n in sorted(regions.items())],
                "indicators": rows, "flagged": check["flagged"], "checked": check["checked"],
                "can_write": writable, "problems": problems or [], "saved": saved, "form": form or {},
                "columns": list(TEMPLATE_COLUMNS),
                "template_href": f"{plan_url(plan.key)}/decomposition/template.xlsx",
                "rules": [{"code": c, "label": label} for c, label in RULE_LABELS.items()]}
        if writable and not form:  # 修改 from a matrix cell: the form starts from the stored figure
            data["form"] = _prefill(rows, request.query_params.get("indicator"), request.query_params.get("region"))
        if writable:  # what the form offers: the parent's indicators and its child regions
            data["parent_indicators"] = [{"name": i["name"], "unit": i.get("unit"), "target": i.get("target_text")}
                                         for i in effective_indicators(session, plan.current)]
            data["child_regions"] = [{"code": r.code, "name": r.name} for r in child_regions(session, plan)]
        title = f"分解下达 · {plan.title or plan.key}"
        crumbs = [("/", "首页"), ("/plans", "规划目录"), (plan_url(plan.key), plan.title or plan.key), (None, "分解下达")]
    return render(request, "duties_decomposition.html", data, title=title, status=status, crumbs=crumbs)


def _prefill(rows: list[dict], indicator: str | None, region_code: str | None) -> dict:
    for row in rows:
        cell = row["cells"].get(region_code or "") if row["indicator"] == indicator else None
        if cell:
            return {"indicator": indicator, "region": cell["region"], "assigned": cell["assigned"],
                    "unit": row["unit"] or "", "rule": row["rule"],
                    "weight": "" if cell.get("weight") is None else f"{cell['weight']:g}"}
    return {}


@router.get("/plans/{key}/decomposition", include_in_schema=False, dependencies=[allow("plans.read")])
def decomposition_page(request: Request, key: str):
    return _page(request, key)


@router.post("/plans/{key}/decomposition", include_in_schema=False, dependencies=[allow("duties.write")])
def set_allocation(request: Request, key: str, indicator: Annotated[str, Form()] = "",
                   region: Annotated[str, Form()] = "", assigned: Annotated[str, Form()] = "",
                   unit: Annotated[str, Form()] = "", rule: Annotated[str, Form()] = "",
                   weight: Annotated[str, Form()] = ""):
    """One region's figure for one indicator, set or changed from the form."""
    with request.app.state.session_factory() as session:
        if require_plan_scope(request, session, key) is None:
            return not_found(request, key)
    form = {"indicator": indicator.strip(), "region": region.strip(), "assigned": assigned.strip(),
            "unit": unit.strip(), "rule": rule.strip(), "weight": weight.strip()}
    if not form["indicator"] or not form["region"]:
        return _page(request, key, status=422, problems=["请选择指标和地区。"], form=form)
    if not form["assigned"]:
        return _page(request, key, status=422, problems=["请填写下达目标。"], form=form)
    name = f"分解下达（{key}）"
    rows = [(1, {"parent_plan": key, **form})]
    summary, problems = run_write(request, lambda s: apply_allocation_rows(s, rows, name, request_actor(request),
                                                                           action="decomposition.set"))
    problems = [p.replace(f"{name} 第1行：", "") for p in problems]
    return _page(request, key, status=422 if problems else 200, problems=problems, saved=summary,
                 form=form if problems else {})


@router.get("/plans/{key}/decomposition/template.xlsx", include_in_schema=False, dependencies=[allow("plans.export")])
def decomposition_template(request: Request, key: str):
    """The parent's indicators × its child regions, prefilled with the allocations stored so far."""
    from openpyxl import Workbook

    from ...export.formulas import neutralise_workbook

    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        rows = allocation_template_rows(session, plan)
    wb = Workbook()
    ws = wb.active
    ws.title = "分解下达"
    ws.append(list(TEMPLATE_COLUMNS))
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):  # figures stay text as written (≥26, [14])
        for cell in row:
            cell.number_format = "@"
    guide = wb.create_sheet("说明")
    for line in (["rule", "含义"], *[[c, label] for c, label in RULE_LABELS.items()],
                 ["", "下达目标（assigned）写法与规划相同：26、≥26、[14]；不分解给某地区的行留空即可。"],
                 ["", "按加权平均（weighted）分解时须填写 weight（权重，如能源消费量或地区生产总值）。"]):
        guide.append(line)
    neutralise_workbook(wb)
    buf = io.BytesIO()
    wb.save(buf)
    name = f"{plan.key}-分解下达模板.xlsx"
    return Response(buf.getvalue(), media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename=\"decomposition.xlsx\"; filename*=UTF-8''{quote(name)}"})


@router.post("/plans/{key}/decomposition/import", include_in_schema=False, dependencies=[allow("duties.write")])
async def import_decomposition_page(request: Request, key: str, file: Annotated[UploadFile | None, File()] = None):
    """The filled template: every row naming this plan, then all rows checked and stored, or none."""
    with request.app.state.session_factory() as session:
        if require_plan_scope(request, session, key) is None:
            return not_found(request, key)
    try:
        fname, rows = await upload_rows(file, TEMPLATE_COLUMNS[:-1])
    except DutyInputError as exc:
        return _page(request, key, status=422, problems=exc.problems)
    wrong = [f"{fname} 第{n}行：parent_plan（上位规划）应为“{key}”，而不是“{row.get('parent_plan', '')}”"
             for n, row in rows if row.get("parent_plan", "") != key]
    if wrong:
        return _page(request, key, status=422, problems=wrong)
    summary, problems = run_write(request, lambda s: apply_allocation_rows(s, rows, fname, request_actor(request)))
    return _page(request, key, status=422 if problems else 200, problems=problems, saved=summary)
