"""The composite index (规划目标实现综合指数) of a stored plan, or of every plan of a region.

The arithmetic is evaluate/index.py (pure); this module evaluates the plans for the year and
hands their assessments over. A region's index pools the indicators of its own plans (not those
of the regions below it: a city's plans are the city's index).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .evaluate.config import DEFAULT_INDEX, IndexConfig
from .evaluate.index import composite
from .store.models import Plan, Region
from .store.repository import CatalogueError, require_plan
from .tracking import evaluate_plan


def plan_index(session: Session, key: str, year: int, config: IndexConfig = DEFAULT_INDEX) -> dict:
    """The plan's index for `year`, with its areas, indicators, weights and method."""
    plan = require_plan(session, key)
    assessments = evaluate_plan(session, plan.key, year, store=False).assessments
    return {"plan": plan.key, "title": plan.title, "region": plan.region_name, "year": year,
            **composite([{**a, "plan": plan.key} for a in assessments], config)}


def region_index(session: Session, region: str, year: int, config: IndexConfig = DEFAULT_INDEX) -> dict:
    """The index of all current plans of one region, pooled area by area; each plan's own index beside it."""
    from .store.regions import Region as RegionRecord, resolve_region

    records = [RegionRecord(*r) for r in session.execute(select(Region.code, Region.name, Region.level, Region.parent_code))]
    found = resolve_region(region, records)
    if found is None:
        raise CatalogueError(f"行政区划中没有“{region}”。")
    pooled, plans = [], []
    for plan in session.scalars(select(Plan).where(Plan.region_code == found.code).order_by(Plan.key)):
        if plan.current is None:
            continue
        assessments = [{**a, "plan": plan.key} for a in evaluate_plan(session, plan.key, year, store=False).assessments]
        pooled += assessments
        part = composite(assessments, config)
        plans.append({"plan": plan.key, "title": plan.title, "index": part["index"], "coverage": part["coverage"]})
    return {"region": found.name, "region_code": found.code, "year": year, "plans": plans, **composite(pooled, config)}
