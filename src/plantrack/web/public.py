"""What the anonymous public may open: a plan's pages and API answers only while it is published.

One dependency on every route (installed by api/app.py) answers a plan's page, source, indicator,
alignment and report addresses, and its /api/plans/{key}/… twins, exactly as for a plan that does
not exist (404, same code and message) when the asker is the public and the plan is not published,
so the public cannot even learn which unpublished plans exist. The published report (its kind and
year) is the only report the public may download. Lists (catalogue, dashboard, search, the API's
lists) filter with publication.visible_plan_ids in their own views.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from ..publication import may_download_report, may_see
from ..store.repository import get_plan
from .actors import request_actor
from .render import error_page

_PLAN_PREFIXES = ("/plans/", "/api/plans/")


class HiddenFromPublic(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def public_view(request: Request) -> None:
    """Raise HiddenFromPublic when the public asks for an unpublished plan (or an unpublished report)."""
    key = request.path_params.get("key")
    if key is None or not request.url.path.startswith(_PLAN_PREFIXES):
        return
    actor = request_actor(request)
    if not actor.is_public:
        return
    with request.app.state.session_factory() as session:
        plan = get_plan(session, key)
        if plan is None:
            return  # the route says it does not exist
        if not may_see(session, actor, plan):
            raise HiddenFromPublic(key)
        if request.url.path.endswith("/alignment") and plan.parent is not None and not may_see(session, actor, plan.parent):
            raise HiddenFromPublic(key)  # the alignment shows the parent's indicators and text
        if request.url.path.endswith("/report"):
            year = request.query_params.get("year")
            kind = request.query_params.get("kind") or None  # none named: the published one's
            if not may_download_report(session, actor, plan, kind, int(year) if (year or "").isdigit() else None):
                raise HiddenFromPublic(key)


async def _hidden(request: Request, exc: HiddenFromPublic):
    if request.url.path.startswith("/api/"):
        message = f"没有键为“{exc.key}”的规划。可用 GET /api/plans 查看目录。"  # as api/plans.load_plan says it
        return JSONResponse({"error": {"code": "plan_not_found", "message": message}}, status_code=404)
    return error_page(request, 404, "plan_not_found", f"没有键为“{exc.key}”的规划。请在规划目录中查看已入库的规划。")


def install_public_view(app: FastAPI) -> None:
    """The answer to HiddenFromPublic (the dependency itself is declared on the app)."""
    app.add_exception_handler(HiddenFromPublic, _hidden)
