"""Evaluation report downloads (/plans/{key}/report?format=…&year=…), when plantrack.report exists.

The report package is built separately; the web only lays its writers' bytes on the wire. When
the package is not installed the plan page shows no report links and this route says so (404),
instead of the platform failing to start.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response

from ...publication import public_report_kind, public_report_year
from ...store.repository import CatalogueError
from ..actors import request_actor
from ..queries import default_year
from ..render import error_page
from .plan import report_formats
from ..auth import allow

router = APIRouter()


@router.get("/plans/{key}/report", include_in_schema=False, dependencies=[allow("plans.export")])
def report_download(
    request: Request,
    key: str,
    format: Annotated[str, Query(max_length=10)] = "html",
    year: Annotated[int | None, Query(ge=1949, le=2200)] = None,
    kind: Annotated[str | None, Query(max_length=20)] = None,
):
    formats = dict(report_formats())
    if not formats:
        return error_page(request, 404, "report_unavailable", "本平台未安装评估报告组件，暂不能生成评估报告。")
    if format not in formats:
        return error_page(request, 400, "bad_format", f"不支持的报告格式“{format}”；可用格式：{'、'.join(formats)}。")
    from ...report import ReportError, build_report, writer_for

    factory = request.app.state.session_factory
    try:
        with factory.begin() as session:  # a report stores the evaluation it reports, as the CLI does
            chosen = year or public_report_year(session, request_actor(request), key) or default_year(session)
            if kind is None:  # the published report's, else the evaluation the year stands for
                from ...evaluate.years import evaluation_kind
                from ...store.repository import require_plan

                plan = require_plan(session, key)
                kind = (public_report_kind(session, request_actor(request), key)
                        or evaluation_kind(chosen, plan.period_start, plan.period_end))
            model = build_report(session, key, chosen, kind)
    except CatalogueError as exc:
        return error_page(request, 404, "plan_not_found", str(exc))
    except ReportError as exc:
        return error_page(request, 400, "report_error", str(exc))
    writer = writer_for(format)
    body = writer.to_bytes(model)
    filename = f"{key}-{kind}-{chosen}{writer.suffix}"
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    if format == "html":
        disposition = disposition.replace("attachment", "inline", 1)
    return Response(body, media_type=writer.media_type, headers={"Content-Disposition": disposition})
