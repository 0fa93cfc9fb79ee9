"""考核 (/scorecards): per lead unit and per region, the items owned, reported (on time), approved,
on track and behind, and what is overdue; /scorecards.xlsx is the same as a workbook.

The counts come from duties.scorecards, whose reporting state is read through one seam
(ReportStates); the reporting workflow replaces the default at merge. The public sees the items
of published plans only (publication.visible_plan_ids).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response

from ...duties.assignments import KIND_LABELS
from ...duties.scorecards import scorecard_workbook, scorecards
from ...publication import visible_plan_ids
from ..actors import request_actor
from ..auth import allow
from ..queries import default_year
from ..render import render

router = APIRouter()


def _card(request: Request, year: int | None) -> dict:
    with request.app.state.session_factory() as session:
        chosen = year or default_year(session)
        card = scorecards(session, date.today(), chosen, plan_ids=visible_plan_ids(session, request_actor(request)))
    for item in card["items"]:
        item["kind_label"] = KIND_LABELS.get(item["item_kind"], item["item_kind"])
    return card


@router.get("/scorecards", include_in_schema=False, dependencies=[allow("plans.read")])
def scorecards_page(request: Request, year: Annotated[int | None, Query(ge=1949, le=2200)] = None):
    card = _card(request, year)
    card["xlsx_href"] = f"/scorecards.xlsx?year={card['year']}"
    return render(request, "duties_scorecards.html", card, title="考核",
                  crumbs=[("/", "首页"), (None, "考核")])


@router.get("/scorecards.xlsx", include_in_schema=False, dependencies=[allow("plans.export")])
def scorecards_xlsx(request: Request, year: Annotated[int | None, Query(ge=1949, le=2200)] = None):
    body = scorecard_workbook(_card(request, year))
    name = "考核.xlsx"
    return Response(body, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename=\"scorecards.xlsx\"; filename*=UTF-8''{quote(name)}"})
