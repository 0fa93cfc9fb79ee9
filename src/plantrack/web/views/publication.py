"""发布 (/plans/{key}/publish): the gate before a plan goes to the public, and the forms that
publish and withdraw it.

The page lists what publication.gate() finds (open high-severity self-check findings, indicators
without data in the chosen year) beside the form; publishing with open items needs a reason,
which is stored with the publication. Publishing and withdrawing answer with a redirect to the
plan page (or, with ?format=json, the publication as JSON). The public may neither see the gate
nor post the forms.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse

from ...publication import REPORT_KINDS, PublicationRefused, gate, in_force, publication_json, publications, publish, unpublish
from ..actors import request_actor
from ..queries import find_plan
from ..render import plan_url, render, wants_json
from ..auth import allow, require
from .plan import not_found

router = APIRouter()


def _gate_page(request: Request, key: str, year: int | None, status: int = 200, error: str | None = None,
               form: dict | None = None):
    with request.app.state.session_factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        checked = gate(session, plan.key, year)
        current = in_force(session, plan)
        data = {
            "plan": {"key": plan.key, "title": plan.title or plan.key, "version": plan.current.number},
            "gate": checked.to_json(),
            "publication": publication_json(current) if current else None,
            "history": [publication_json(p) for p in publications(session, plan)],
            "report_kinds": [{"kind": k, "label": v} for k, v in REPORT_KINDS.items()],
            "error": error,
            "form": form or {"report": "", "year": year or "", "acknowledge": ""},
        }
        title = plan.title or plan.key
    return render(request, "publish.html", data, title=f"发布 · {title}", status=status,
                  crumbs=[("/", "首页"), ("/plans", "规划目录"), (plan_url(key), title), (None, "对社会公布")])


@router.get("/plans/{key}/publish", include_in_schema=False, dependencies=[allow("publication.write")])
def publish_page(request: Request, key: str, year: Annotated[int | None, Query(ge=1949, le=2200)] = None):
    return _gate_page(request, key, year)


def _done(request: Request, key: str, row):
    if wants_json(request):
        return JSONResponse({"plan": key, "publication": publication_json(row)})
    return RedirectResponse(f"{plan_url(key)}#publication", status_code=303)


@router.post("/plans/{key}/publish", include_in_schema=False, dependencies=[allow("publication.write")])
def publish_form(
    request: Request,
    key: str,
    report: Annotated[str, Form(max_length=20)] = "",
    year: Annotated[str, Form(max_length=10)] = "",
    acknowledge: Annotated[str, Form(max_length=2000)] = "",
):
    actor = request_actor(request)
    form = {"report": report, "year": year, "acknowledge": acknowledge}
    chosen_year = int(year) if year.strip().isdigit() else None
    if year.strip() and chosen_year is None:
        return _gate_page(request, key, None, 422, f"报告年份“{year}”不是年份。", form)
    factory = request.app.state.session_factory
    with factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        # A planning office publishes the plans of its region and the regions below it.
        require(request, "publication.write", plan.region_code or "", plan.region_name or f"规划“{key}”")
    try:
        with factory.begin() as session:
            row = publish(session, key, actor, report.strip() or None, chosen_year, acknowledge)
    except PublicationRefused as exc:
        return _gate_page(request, key, chosen_year, 422, str(exc), form)
    return _done(request, key, row)


@router.post("/plans/{key}/unpublish", include_in_schema=False, dependencies=[allow("publication.write")])
def unpublish_form(request: Request, key: str, reason: Annotated[str, Form(max_length=2000)] = ""):
    actor = request_actor(request)
    factory = request.app.state.session_factory
    with factory() as session:
        plan = find_plan(session, key)
        if plan is None:
            return not_found(request, key)
        # A planning office publishes the plans of its region and the regions below it.
        require(request, "publication.write", plan.region_code or "", plan.region_name or f"规划“{key}”")
    try:
        with factory.begin() as session:
            row = unpublish(session, key, reason, actor)
    except PublicationRefused as exc:
        return _gate_page(request, key, None, 422, str(exc))
    return _done(request, key, row)
