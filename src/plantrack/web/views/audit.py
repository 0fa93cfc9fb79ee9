"""操作记录 (/audit): every write, newest first, filterable by user, object, action and time, paged;
?format=json is its twin and ?format=xlsx the same filtered list as an Excel workbook.

Who may read it is the policy's "audit.read" (administrators and planning offices); the public
never sees the trail (it names people and their addresses).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy import select

from ... import audit
from ...store.models import AuditEvent
from ..render import error_page, query_url, render
from ..auth import allow

router = APIRouter()

PER_PAGE = 50
EXPORT_LIMIT = 50_000


@router.get("/audit", include_in_schema=False, dependencies=[allow("audit.read")])
def audit_page(
    request: Request,
    user: Annotated[str | None, Query(max_length=200)] = None,
    object: Annotated[str | None, Query(max_length=300)] = None,  # noqa: A002
    action: Annotated[str | None, Query(max_length=50)] = None,
    since: Annotated[str | None, Query(max_length=40)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    format: Annotated[str | None, Query(max_length=10)] = None,  # noqa: A002
):
    filters = {"user": (user or "").strip() or None, "object": (object or "").strip() or None,
               "action": (action or "").strip() or None, "since": (since or "").strip() or None}
    with request.app.state.session_factory() as session:
        try:
            since_at = audit.parse_since(filters["since"])
        except audit.SinceError as exc:
            return error_page(request, 400, "bad_since", str(exc))
        query = dict(user=filters["user"], object=filters["object"], action=filters["action"], since=since_at)
        if format == "xlsx":
            from ...export.audit_xlsx import audit_workbook

            rows = [audit.event_json(e) for e in audit.events(session, **query, limit=EXPORT_LIMIT).events]
            body = audit_workbook(rows)
            name = "操作记录.xlsx"
            return Response(body, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            headers={"Content-Disposition": f"attachment; filename=\"audit.xlsx\"; filename*=UTF-8''{quote(name)}"})
        found = audit.events(session, **query, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
        users = list(session.scalars(select(AuditEvent.actor_name).distinct().order_by(AuditEvent.actor_name)))
    data = {
        "filters": filters,
        "page": page,
        "per_page": PER_PAGE,
        "total": found.total,
        "pages": (found.total + PER_PAGE - 1) // PER_PAGE,
        "events": [audit.brief(e) for e in found.events],
        "users": users,
        "actions": [{"action": k, "label": v} for k, v in audit.ACTIONS.items()],
        "xlsx_href": query_url("/audit", **filters, format="xlsx"),
    }
    return render(request, "audit.html", data, title="操作记录", crumbs=[("/", "首页"), (None, "操作记录")])
