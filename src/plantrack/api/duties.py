"""/api/units, /api/plans/{key}/assignments …: the accountability data, read-only.

Units, assignments (and those drafted from the plan text), annual targets and the decomposition
of a plan with its check; and the writes the pages make (a unit, an assignment, annual targets,
allocations passed down),
declared as duties.write and scoped to the plan's or unit's region. The same services serve the
CLI imports, the pages and these routes: every row checked, all or nothing, one audit event.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from ..duties import DutyInputError
from ..store.repository import get_plan
from .deps import SessionDep
from .errors import ERROR_RESPONSES, ApiError, error_response
from ..web.actors import request_actor
from ..web.auth import allow, require
from ..web.queries import MEMO

router = APIRouter(prefix="/api", tags=["分工与分解"], responses=ERROR_RESPONSES, dependencies=[allow("plans.read")])
# The writes declare only duties.write: under the readers' plans.read (which lets the public through
# to the CSRF check) an anonymous write would answer 403 for its token instead of 401 "please sign in".
writes = APIRouter(prefix="/api", tags=["分工与分解"], responses=ERROR_RESPONSES)


def _plan(session, key: str):
    plan = get_plan(session, key)
    if plan is None or plan.current is None:
        raise ApiError(404, "plan_not_found", f"没有键为“{key}”的规划。可用 GET /api/plans 查看目录。")
    return plan


@router.get("/units", summary="单位目录")
def units(session: SessionDep,
          region: Annotated[str | None, Query(description="地区名称或代码，只列出该地区的单位")] = None) -> list[dict[str, Any]]:
    from ..duties.units import list_units

    try:
        return list_units(session, region)
    except DutyInputError as exc:
        raise ApiError(404, "region_not_found", str(exc)) from None


@router.get("/plans/{key}/assignments", summary="规划的任务分工（牵头单位、配合单位）")
def assignments(session: SessionDep, key: str,
                all: Annotated[bool, Query(description="包括已撤回的分工")] = False) -> list[dict[str, Any]]:
    from ..duties.assignments import list_assignments

    _plan(session, key)
    return list_assignments(session, key, include_withdrawn=all)


@router.get("/plans/{key}/assignments/proposed", summary="从规划文本中提取的分工建议（未保存）")
def proposed_assignments(session: SessionDep, key: str) -> list[dict[str, Any]]:
    from ..duties.proposals import propose_assignments

    _plan(session, key)
    return propose_assignments(session, key)


@router.get("/plans/{key}/annual-targets", summary="规划指标的年度目标")
def annual_targets(session: SessionDep, key: str) -> list[dict[str, Any]]:
    from ..duties.annual import list_annual_targets

    _plan(session, key)
    return list_annual_targets(session, key)


@router.get("/plans/{key}/decomposition", summary="规划指标分解下达到各地区的目标")
def decomposition(session: SessionDep, key: str) -> list[dict[str, Any]]:
    from ..duties.decomposition import list_allocations

    _plan(session, key)
    return list_allocations(session, key)


@router.get("/plans/{key}/decomposition/check", summary="分解下达是否到位（合计、加权、不低于/不高于）")
def decomposition_check(session: SessionDep, key: str) -> dict[str, Any]:
    from ..duties.decomposition import check_decomposition

    _plan(session, key)
    return check_decomposition(session, key)


@router.get("/plans/{key}/decomposition/matrix", summary="指标×地区矩阵：下达目标、最新观测值、是否达到")
def decomposition_matrix(session: SessionDep, key: str) -> dict[str, Any]:
    from ..duties.decomposition import decomposition_matrix as matrix

    _plan(session, key)
    return matrix(session, key)


# --- writes -------------------------------------------------------------------------------------


class UnitIn(BaseModel):
    region: str = Field(max_length=100, description="所属地区（名称或代码）")
    name: str = Field(max_length=200, description="单位全称")
    short_name: str | None = Field(None, max_length=100, description="简称（规划中常用的写法）")
    kind: str | None = Field(None, max_length=40)


class AssignmentIn(BaseModel):
    item_kind: str = Field(description="indicator、target、task 或 project")
    item: str = Field(max_length=2000, description="事项名称（与规划原文一致），或原文行号 L123，或 #编号")
    lead_unit: str = Field(max_length=200, description="牵头单位（全称或简称）")
    supporting_units: list[str] = Field(default_factory=list, description="配合单位")
    due: str | None = Field(None, max_length=20, description="报送期限，如 2025-12-31")


class AnnualTargetIn(BaseModel):
    indicator: str = Field(max_length=500)
    year: int
    target: str = Field(max_length=50, description="写法同规划：6.5、≥95、5.5左右")


class AnnualTargetsIn(BaseModel):
    targets: list[AnnualTargetIn] = Field(min_length=1, max_length=5000)


class AllocationIn(BaseModel):
    indicator: str = Field(max_length=500, description="上位规划指标名称")
    region: str = Field(max_length=100, description="下级地区（名称或代码）")
    assigned: str = Field(max_length=50, description="下达目标，写法同规划：26、≥26、[14]")
    unit: str | None = Field(None, max_length=50, description="单位，留空则同上位指标")
    rule: str = Field(description="sum、weighted、at_least 或 at_most")
    weight: float | None = Field(None, gt=0, description="权重，按加权平均分解时必填")


class AllocationsIn(BaseModel):
    allocations: list[AllocationIn] = Field(min_length=1, max_length=5000)


def _write(request: Request, write):
    """Run a service write in one transaction; its DutyInputError is a 422 naming every bad row."""
    try:
        with request.app.state.session_factory.begin() as session:
            summary = write(session)
    except DutyInputError as exc:
        return error_response(422, "invalid_rows", "未保存任何数据：" + "；".join(exc.problems),
                              [{"message": p} for p in exc.problems])
    MEMO.clear()
    return {k: v for k, v in summary.items()}


@writes.post("/units", summary="新增单位", dependencies=[allow("duties.write")])
def add_unit(request: Request, session: SessionDep, body: UnitIn) -> Any:
    from ..duties.units import apply_unit_rows, region_resolver

    code = region_resolver(session)(body.region)
    if code is not None:
        require(request, "duties.write", code, body.region)
    rows = [(1, {"region": body.region, "name": body.name, "short_name": body.short_name or "", "kind": body.kind or ""})]
    return _write(request, lambda s: apply_unit_rows(s, rows, "请求", request_actor(request), action="unit.create"))


@writes.post("/plans/{key}/assignments", summary="设置一项任务分工", dependencies=[allow("duties.write")])
def set_assignment(request: Request, session: SessionDep, key: str, body: AssignmentIn) -> Any:
    from ..duties.assignments import apply_assignment_rows

    plan = _plan(session, key)
    require(request, "duties.write", plan.region_code, plan.region_name)
    rows = [(1, {"plan": key, "item_kind": body.item_kind, "item": body.item, "lead_unit": body.lead_unit,
                 "supporting_units": "、".join(body.supporting_units), "due": body.due or ""})]
    return _write(request, lambda s: apply_assignment_rows(s, rows, "请求", request_actor(request), action="assignment.set"))


@writes.post("/plans/{key}/annual-targets", summary="填写年度目标", dependencies=[allow("duties.write")])
def set_annual_targets(request: Request, session: SessionDep, key: str, body: AnnualTargetsIn) -> Any:
    from ..duties.annual import apply_annual_rows

    plan = _plan(session, key)
    require(request, "duties.write", plan.region_code, plan.region_name)
    rows = [(n, {"plan": key, "indicator": t.indicator, "year": str(t.year), "target": t.target})
            for n, t in enumerate(body.targets, start=1)]
    return _write(request, lambda s: apply_annual_rows(s, rows, "请求", request_actor(request), action="annual_targets.set"))


@writes.post("/plans/{key}/decomposition", summary="填写分解下达目标", dependencies=[allow("duties.write")])
def set_allocations(request: Request, session: SessionDep, key: str, body: AllocationsIn) -> Any:
    from ..duties.decomposition import apply_allocation_rows

    plan = _plan(session, key)
    require(request, "duties.write", plan.region_code, plan.region_name)
    rows = [(n, {"parent_plan": key, "indicator": a.indicator, "region": a.region, "assigned": a.assigned,
                 "unit": a.unit or "", "rule": a.rule, "weight": "" if a.weight is None else f"{a.weight:g}"})
            for n, a in enumerate(body.allocations, start=1)]
    return _write(request, lambda s: apply_allocation_rows(s, rows, "请求", request_actor(request),
                                                           action="decomposition.set"))
