"""规划目录: the 三级四类 system as a tree — region (province → city → county) × kind.

Regions come from the gazetteer (region.parent_code), not from the plans' own wording, so a
county plan sits under its city even when the city has no plan loaded yet. Filters go to
list_plans (level, kind, region, a year the period covers); the title filter is a plain
substring, as an office types it. The region filter is read through the gazetteer, so an office
may type the short name (运城, 盐湖), the full name or the code; a name several regions share
(鼓楼区) is not guessed: the page lists the candidates instead.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from ...domain.regions import AmbiguousRegionError, Region as RegionRecord, lookup_region
from ...store.models import Plan, Region
from ...store.repository import list_plans
from .. import labels
from ...publication import visible_plan_ids
from ..actors import request_actor
from ..queries import current_versions, plan_brief
from ..render import render
from ..auth import allow

router = APIRouter()

NO_REGION = "__none__"


def _chain(session, code: str | None, cache: dict) -> list[Region]:
    """The region and its ancestors, top first, without the national root (plans hang below it)."""
    chain: list[Region] = []
    seen = set()
    while code and code not in seen:
        seen.add(code)
        if code not in cache:
            cache[code] = session.get(Region, code)
        region = cache[code]
        if region is None:
            break
        chain.append(region)
        code = region.parent_code
    chain.reverse()
    if len(chain) > 1 and chain[0].level == "national":
        chain = chain[1:]
    return chain


def region_filter(session, text: str | None) -> tuple[str | None, str | None]:
    """(what to pass list_plans as region, a note for the user). A name the gazetteer knows becomes
    its code; an unknown one is passed through (it may still equal a plan's own region wording);
    an ambiguous one gives no filter value and a note naming the candidates."""
    text = (text or "").strip()
    if not text:
        return None, None
    records = [RegionRecord(*r) for r in session.execute(select(Region.code, Region.name, Region.level,
                                                                Region.parent_code))]
    try:
        found = lookup_region(text, records)
    except AmbiguousRegionError as e:
        return None, str(e)
    return (found.code if found else text), None


def _node(code: str, name: str, level: str | None) -> dict:
    return {"code": code, "name": name, "level": level, "level_label": labels.label(labels.LEVELS, level, ""),
            "kinds": {}, "children": {}, "count": 0}


def _finish(node: dict) -> dict:
    """Dict-of-dicts (for building) to ordered lists (for the page and its JSON twin)."""
    kinds = [
        {"kind": k, "label": labels.label(labels.KINDS, k, "未标明类型"), "plans": node["kinds"][k]}
        for k in [*labels.KIND_ORDER, *sorted(set(node["kinds"]) - set(labels.KIND_ORDER))]
        if k in node["kinds"]
    ]
    children = sorted(node["children"].values(), key=lambda n: n["code"])
    return {**{k: node[k] for k in ("code", "name", "level", "level_label")},
            "plans_by_kind": kinds, "count": node["count"], "children": [_finish(c) for c in children]}


def build_tree(session, plans: list[Plan], keys: dict[int, str], children_of: dict[str, list[str]]) -> list[dict]:
    roots: dict[str, dict] = {}
    cache: dict = {}
    for plan in plans:
        chain = _chain(session, plan.region_code, cache)
        if not chain:
            chain_nodes = [(NO_REGION, plan.region_name or "未识别地区", None)]
        else:
            chain_nodes = [(r.code, r.name, r.level) for r in chain]
        level = roots
        node = None
        for code, name, lvl in chain_nodes:
            node = level.setdefault(code, _node(code, name, lvl))
            node["count"] += 1
            level = node["children"]
        brief = plan_brief(plan, keys)
        brief["children"] = children_of.get(plan.key, [])
        node["kinds"].setdefault(plan.kind or "unknown", []).append(brief)
    return [_finish(n) for n in sorted(roots.values(), key=lambda n: (n["code"] == NO_REGION, n["code"]))]


@router.get("/plans", include_in_schema=False, dependencies=[allow("plans.read")])
def catalogue(
    request: Request,
    level: Annotated[Literal["national", "province", "city", "county"] | None, Query()] = None,
    kind: Annotated[Literal["general", "special", "regional", "spatial"] | None, Query()] = None,
    region: Annotated[str | None, Query(max_length=100)] = None,
    year: Annotated[int | None, Query(ge=1949, le=2200)] = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
):
    with request.app.state.session_factory() as session:
        shown = visible_plan_ids(session, request_actor(request))  # None: everything
        versions = {pid: v for pid, v in current_versions(session).items() if shown is None or pid in shown}
        everything = [p for p in session.scalars(select(Plan)) if shown is None or p.id in shown]
        keys = {p.id: p.key for p in everything}
        titles = {p.key: p.title or p.key for p in everything}
        children_of: dict[str, list[str]] = {}
        for p in sorted(everything, key=lambda p: p.key):
            if p.parent_id in keys:
                children_of.setdefault(keys[p.parent_id], []).append(p.key)
        region_value, region_note = region_filter(session, region)
        plans, _ = list_plans(session, level=level, kind=kind, region=region_value, period=year)
        plans = [p for p in plans if p.id in versions and not region_note]
        if q and q.strip():
            needle = q.strip()
            plans = [p for p in plans if needle in (p.title or "") or needle in p.key]
        data = {
            "filters": {"level": level, "kind": kind, "region": region, "year": year, "q": q},
            "region_code": region_value if region_value and region_value.isdigit() else None,
            "region_note": region_note,
            "total": len(plans),
            "all_plans": len(versions),
            "titles": titles,
            "tree": build_tree(session, plans, keys, children_of),
            "upload_url": "/plans/new",  # 规划入库 (views/plan_upload.py)
        }
    return render(request, "catalogue.html", data, title="规划目录", crumbs=[("/", "首页"), (None, "规划目录")])
