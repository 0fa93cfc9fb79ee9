"""/api/regions: the gazetteer of administrative divisions (GB/T 2260 codes) plans are filed under."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from ..store.models import Plan, Region
from ..publication import visible_plan_ids
from ..web.actors import request_actor
from .deps import MAX_PAGE, SessionDep
from .errors import ERROR_RESPONSES, ApiError
from ..web.auth import allow

router = APIRouter(prefix="/api/regions", tags=["行政区划"], responses=ERROR_RESPONSES, dependencies=[allow("plans.read")])

MAX_PER_PAGE = 1000  # larger than for plans: a client often wants a whole province's counties at once


class RegionOut(BaseModel):
    code: str = Field(description="行政区划代码")
    name: str = Field(description="名称")
    level: str = Field(description="级别")
    parent_code: str | None = Field(description="上级区划代码")


class RegionPage(BaseModel):
    total: int
    page: int
    per_page: int
    items: list[RegionOut]


class RegionDetail(RegionOut):
    parent: RegionOut | None = Field(description="上级区划")
    children: list[RegionOut] = Field(description="直接下级区划")
    plans: list[str] = Field(description="该地区规划的键")


def _out(r: Region) -> dict:
    return {"code": r.code, "name": r.name, "level": r.level, "parent_code": r.parent_code}


@router.get("", response_model=RegionPage, summary="行政区划列表", description="按上级区划、级别筛选，按代码排序、分页返回。")
def regions_index(
    session: SessionDep,
    parent: Annotated[str | None, Query(title="上级区划代码", description="只列出该区划的直接下级", max_length=12)] = None,
    level: Annotated[str | None, Query(title="级别", description="如 province / city / county", max_length=12)] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, title="页码", description=f"从 1 开始，不超过 {MAX_PAGE}")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, title="每页条数", description=f"1–{MAX_PER_PAGE}")] = 100,
):
    q = select(Region)
    if parent:
        q = q.where(Region.parent_code == parent)
    if level:
        q = q.where(Region.level == level)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = session.scalars(q.order_by(Region.code).offset((page - 1) * per_page).limit(per_page))
    return {"total": total, "page": page, "per_page": per_page, "items": [_out(r) for r in rows]}


@router.get("/{code}", response_model=RegionDetail, summary="行政区划详情", description="一个区划及其上级、直接下级和该地区的规划。")
def region_detail(request: Request, code: Annotated[str, Path(title="行政区划代码", description="6 位 GB/T 2260 代码")],
                  session: SessionDep):
    region = session.get(Region, code)
    if region is None:
        raise ApiError(404, "region_not_found", f"没有代码为“{code}”的行政区划。")
    parent = session.get(Region, region.parent_code) if region.parent_code else None
    children = session.scalars(select(Region).where(Region.parent_code == code).order_by(Region.code))
    shown = visible_plan_ids(session, request_actor(request))  # None: everything
    plans = [k for i, k in session.execute(select(Plan.id, Plan.key).where(Plan.region_code == code).order_by(Plan.key))
             if shown is None or i in shown]
    return {
        **_out(region),
        "parent": _out(parent) if parent else None,
        "children": [_out(c) for c in children],
        "plans": list(plans),
    }
