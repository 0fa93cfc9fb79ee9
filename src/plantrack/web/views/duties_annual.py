"""年度目标 (/plans/{key}/annual-targets): the indicator × year grid of a plan's annual targets.

A planning office fills the grid in the page, imports an XLSX/CSV (plan, indicator, year, target),
or asks for targets drafted from the plan's own figures (linear path from base to target, compound
path of an average growth rate, the same rate each year: duties/annual.propose_annual_targets),
corrects them and confirms. All three go through duties.annual.apply_annual_rows: every row
checked, all or nothing, a changed target supersedes the old one (kept), one audit event.
An emptied cell deletes nothing (nothing is hard-deleted); a target is changed, not removed.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile

from ...duties.annual import ANNUAL_COLUMNS, annual_targets, apply_annual_rows, propose_annual_targets
from ..actors import request_actor
from ..auth import allow
from ..queries import find_plan
from ..render import plan_url, render
from .duties_common import can_write, import_plan_template, require_plan_scope, run_write
from .plan import not_found

router = APIRouter()
METHOD_LABELS = {"linear": "线性路径", "compound": "复合增长路径", "same_rate": "每年同一增速"}


def _years(plan) -> list[int]:
    start, end = plan.period_start or 2021, plan.period_end or 2025
    return list(range(start, end + 1))


def _page(request: Request, key: str, status: int = 200, **extra):
    from ...corrections import effective_indicators

    propose = request.query_params.get("propose") == "1"
    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        years = _years(plan)
        stored = annual_targets(session, plan.id)
        indicators = effective_indicators(session, plan.current)
        grid = [{"row": n, "indicator": i["name"], "unit": i.get("unit"), "line": i.get("line"),
                 "base": i.get("base_text"), "target": i.get("target_text"),
                 "years": [{"year": y, "target": stored.get((i["name"], y))} for y in years]}
                for n, i in enumerate(indicators)]
        proposals = []
        if propose:
            proposals = [{**p, "index": n, "method_label": METHOD_LABELS.get(p["method"], p["method"]),
                          "current": stored.get((p["indicator"], p["year"]))}
                         for n, p in enumerate(propose_annual_targets(session, plan.key))]
        data = {"plan": {"key": plan.key, "title": plan.title or plan.key, "region_code": plan.region_code,
                         "region": plan.region_name},
                "years": years, "grid": grid, "set": len(stored), "can_write": can_write(request, plan.region_code),
                "proposing": propose, "proposals": proposals, "columns": list(ANNUAL_COLUMNS),
                "problems": [], "saved": None, **extra}
        title = f"年度目标 · {plan.title or plan.key}"
        crumbs = [("/", "首页"), ("/plans", "规划目录"), (plan_url(plan.key), plan.title or plan.key), (None, "年度目标")]
    return render(request, "duties_annual.html", data, title=title, status=status, crumbs=crumbs)


@router.get("/plans/{key}/annual-targets", include_in_schema=False, dependencies=[allow("plans.read")])
def annual_page(request: Request, key: str):
    return _page(request, key)


def _cell_rows(form, key: str, stored: dict) -> list[tuple[int, dict[str, str]]]:
    """The grid's filled cells that differ from what is stored, as template rows numbered in order."""
    rows = []
    for field, value in form.multi_items():
        if not field.startswith("t_") or not isinstance(value, str) or not value.strip():
            continue
        row, _, year = field[2:].partition("_")
        name = form.get(f"name_{row}")
        if not isinstance(name, str) or not year.isdigit():
            continue
        if stored.get((name, int(year))) == value.strip():
            continue
        rows.append((len(rows) + 1, {"plan": key, "indicator": name, "year": year, "target": value.strip()}))
    return rows


@router.post("/plans/{key}/annual-targets", include_in_schema=False, dependencies=[allow("duties.write")])
async def save_grid(request: Request, key: str):
    form = await request.form(max_fields=20_000)
    with request.app.state.session_factory() as session:
        plan = require_plan_scope(request, session, key)
        if plan is None:
            return not_found(request, key)
        rows = _cell_rows(form, key, annual_targets(session, plan.id))
    if not rows:
        return _page(request, key, status=422, problems=["没有新填写或修改的年度目标。"])
    summary, problems = run_write(request, lambda s: apply_annual_rows(s, rows, "年度目标表", request_actor(request),
                                                                       action="annual_targets.set"))
    problems = [p.replace("年度目标表 第", "第").replace("行：", "处：", 1) for p in problems]
    return _page(request, key, status=422 if problems else 200, problems=problems, saved=summary)


@router.post("/plans/{key}/annual-targets/import", include_in_schema=False, dependencies=[allow("duties.write")])
async def import_annual_page(request: Request, key: str, file: Annotated[UploadFile | None, File()] = None):
    return await import_plan_template(request, key, file, ANNUAL_COLUMNS, apply_annual_rows, _page)


@router.post("/plans/{key}/annual-targets/confirm", include_in_schema=False, dependencies=[allow("duties.write")])
async def confirm_annual(request: Request, key: str):
    """The picked proposals, as the person left their figures, stored together or not at all."""
    form = await request.form(max_fields=20_000)
    with request.app.state.session_factory() as session:
        if require_plan_scope(request, session, key) is None:
            return not_found(request, key)

    def text(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    picked = [p for p in form.getlist("pick") if isinstance(p, str) and p.isdigit()]
    if not picked:
        return _page(request, key, status=422, problems=["请至少勾选一条年度目标建议。"])
    rows = [(int(i) + 1, {"plan": key, "indicator": text(f"indicator_{i}"), "year": text(f"year_{i}"),
                          "target": text(f"target_{i}")}) for i in picked]
    summary, problems = run_write(request, lambda s: apply_annual_rows(s, rows, "年度目标建议", request_actor(request),
                                                                       action="annual_targets.confirm"))
    problems = [p.replace("年度目标建议 第", "第").replace("行：", "条建议：", 1) for p in problems]
    return _page(request, key, status=422 if problems else 200, problems=problems, saved=summary)
