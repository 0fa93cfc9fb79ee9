"""/api/units, /api/plans/{key}/assignments …: the accountability data, read-only.

Units, assignments (and those drafted from the plan text), annual targets and the decomposition
of a plan with its check. Writes come with the reporting workflow (accounts and roles); until then
they are made by the CLI imports. The same services serve both.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ..duties import DutyInputError
from ..store.repository import get_plan
from .deps import SessionDep
from .errors import ERROR_RESPONSES, ApiError
from ..web.auth import allow

router = APIRouter(prefix="/api", tags=["分工与分解"], responses=ERROR_RESPONSES, dependencies=[allow("plans.read")])


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
