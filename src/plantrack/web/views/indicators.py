"""指标一览 (/indicators): every indicator a reader may see, filtered by status, binding, region
or plan, with its status in a year; and the same rows as one workbook (/indicators.xlsx).

The dashboard's status cards and the plan page's filters lead here, so no count is a dead end:
滞后 5 opens the five lagging indicators, each one link away from its chart.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ..actors import request_actor
from ..auth import allow
from ..indicator_list import IndicatorFilter, indicator_rows, status_counts
from ..queries import default_year, observation_years
from ..render import query_url, render

router = APIRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Status = Literal["提前实现", "快于预期", "基本符合预期", "滞后", "无数据", "需人工评估"]
Binding = Literal["binding", "expected"]
Year = Annotated[int | None, Query(ge=1949, le=2200, title="年份")]
Region = Annotated[str | None, Query(pattern=r"^\d{6}$", title="行政区划代码")]


def _filter(status, binding, region, plan) -> IndicatorFilter:
    return IndicatorFilter(status=status, binding=binding, region=region, plan=plan or None)


@router.get("/indicators", include_in_schema=False, dependencies=[allow("plans.read")])
def indicator_list(request: Request, year: Year = None, status: Status | None = None, binding: Binding | None = None,
                   region: Region = None, plan: str | None = None):
    wanted = _filter(status, binding, region, plan)
    with request.app.state.session_factory() as session:
        chosen = year or default_year(session)
        # the status links count every status, so the rows are gathered once and then narrowed
        everything = indicator_rows(session, request_actor(request), chosen,
                                    IndicatorFilter(region=region, plan=plan or None))
        rows = [r for r in everything if wanted.keeps_row(r)]
        years = observation_years(session)
    params = {"year": chosen, "region": region, "plan": plan}
    data = {
        "year": chosen,
        "years": sorted({*years, chosen}, reverse=True),
        "filter": {"status": status, "binding": binding, "region": region, "plan": plan},
        "status_counts": [{**s, "href": query_url("/indicators", **params, binding=binding, status=s["status"])}
                          for s in status_counts(everything)],
        "total": len(rows),
        "indicators": rows,
        "export_href": query_url("/indicators.xlsx", **params, status=status, binding=binding),
    }
    what = f"{status}指标" if status else "指标一览"
    return render(request, "indicators.html", data, title=f"{chosen} 年{what}",
                  crumbs=[("/", "首页"), (None, "指标一览")])


@router.get("/indicators.xlsx", include_in_schema=False, dependencies=[allow("plans.export")])
def indicator_workbook(request: Request, year: Year = None, status: Status | None = None,
                       binding: Binding | None = None, region: Region = None, plan: str | None = None):
    from ...export.indicators_xlsx import indicators_workbook

    with request.app.state.session_factory() as session:
        chosen = year or default_year(session)
        rows = indicator_rows(session, request_actor(request), chosen, _filter(status, binding, region, plan))
    name = f"指标最新状态-{chosen}{'-' + region if region else ''}.xlsx"
    return Response(indicators_workbook(rows, chosen), media_type=XLSX,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})

