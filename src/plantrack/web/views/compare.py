"""地区比较 (/compare?concept=森林覆盖率): the regions that track one concept — each plan's target,
the region's latest value and the status in a year — as a table, a bar chart and a map.

Reached from an indicator page (比较各地区) or by choosing a concept here. The chart and map are
drawn in the browser (static/js/compare-chart.js) from the data island, which is this page's JSON
twin's "chart" member: the browser draws, it does not compute.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from ..actors import request_actor
from ..auth import allow
from ..comparison import _regions, comparison_rows, find_concept, map_regions, tracked_concepts
from ..queries import default_year, observation_years
from ..region_maps import area_code, choose_map
from ..render import error_page, render

router = APIRouter()


def _map(rows: list[dict]) -> dict | None:
    regions = map_regions(rows)
    chosen = choose_map([r["code"] for r in regions])
    if chosen is None:
        return None
    names = _regions()
    areas = []
    for r in regions:
        if chosen["areas"] == "city" and r["code"] == chosen["province"]:
            continue  # the province is the whole map, not one of its areas
        code = area_code(r["code"], chosen["areas"])
        area = names.get(code)
        areas.append({**r, "area": area.name if area else r["name"]})
    return {**chosen, "areas_data": areas}


def _bars(rows: list[dict]) -> list[dict]:
    """One bar pair (target, latest) per row, labelled by region; a region with several plans
    tracking the concept gets the plan's kind beside its name, so no two bars share a label."""
    seen: dict[str, int] = {}
    for r in rows:
        seen[r["region"]] = seen.get(r["region"], 0) + 1
    return [{"label": r["region"] if seen[r["region"]] == 1 else f"{r['region']}·{r['plan']['kind_label']}",
             "plan": r["plan"]["title"], "target": r["target"]["value"], "latest": (r["latest"] or {}).get("value"),
             "status": r["status"]} for r in rows]


@router.get("/compare", include_in_schema=False, dependencies=[allow("plans.read")])
def compare(request: Request, concept: Annotated[str | None, Query(max_length=100, title="指标（概念）")] = None,
            year: Annotated[int | None, Query(ge=1949, le=2200, title="年份")] = None):
    found = find_concept(concept)
    with request.app.state.session_factory() as session:
        chosen = year or default_year(session)
        actor = request_actor(request)
        concepts = tracked_concepts(session, actor)
        if concept and found is None:
            return error_page(request, 404, "concept_not_found",
                              f"指标目录中没有“{concept}”。请从本页的列表中选择要比较的指标。")
        rows = comparison_rows(session, actor, found.id, chosen) if found else []
        years = observation_years(session)
    data = {
        "year": chosen,
        "years": sorted({*years, chosen}, reverse=True),
        "concept": {"id": found.id, "name": found.name, "unit": found.unit} if found else None,
        "concepts": concepts,
        "rows": rows,
        "chart": {
            "unit": found.unit if found else None,
            "bars": _bars(rows),
            "map": _map(rows) if rows else None,
        },
    }
    title = f"地区比较 · {found.name}" if found else "地区比较"
    return render(request, "compare.html", data, title=title, crumbs=[("/", "首页"), (None, "地区比较")])
