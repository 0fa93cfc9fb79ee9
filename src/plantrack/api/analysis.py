"""/api/plans/{key}/alignment, /findings and /evaluation: the results of alignment, self-checks and
progress evaluation, as JSON or XLSX.

A GET never writes (issue 12): it answers with the stored result, or computes one in memory
(web/queries.py keeps it, keyed on the data it depends on) without storing it. Storing a fresh
result is a write like any other: POST …/refresh, under the policy action analysis.write, audited.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response

from .. import audit
from ..analysis import align_stored, check_stored
from ..export.analysis_xlsx import alignment_workbook, findings_workbook
from ..store.repository import CatalogueError
from ..web import queries
from ..web.actors import request_actor
from .errors import ERROR_RESPONSES, ApiError, ErrorResponse
from ..web.auth import allow, require

router = APIRouter(prefix="/api/plans", tags=["规划"], responses=ERROR_RESPONSES)
READ = [allow("plans.read")]

KeyPath = Annotated[str, Path(title="规划的键", max_length=200)]
Format = Annotated[Literal["json", "xlsx"], Query(title="格式", description="json 或 xlsx")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# OpenAPI: format=xlsx answers with a workbook, so 200 documents both media types.
JSON_OR_XLSX = {200: {"content": {"application/json": {}, XLSX: {"schema": {"type": "string", "format": "binary"}}},
                      "description": "JSON，或 format=xlsx 时的 XLSX 工作簿"}}
NO_PARENT = {409: {"model": ErrorResponse, "description": "规划没有衔接的上位规划"}}


def _plan(session, key: str):
    plan = queries.find_plan(session, key)
    if plan is None:
        raise ApiError(404, "plan_not_found", f"没有键为“{key}”的规划。可用 GET /api/plans 查看目录。")
    return plan


def _xlsx(data: bytes, filename: str) -> Response:
    return Response(data, media_type=XLSX, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@router.get("/{key}/alignment", dependencies=READ, responses={**JSON_OR_XLSX, **NO_PARENT}, summary="规划衔接", description="本规划与所衔接上位规划的逐项比对（指标、约束性、目标、单位、重大项目），每条问题引用双方原文行号。保存的结果优先；没有时当场计算（不保存）。重新计算并保存用 POST …/alignment/refresh。")
def plan_alignment(request: Request, key: KeyPath, format: Format = "json"):
    with request.app.state.session_factory() as session:
        plan = _plan(session, key)
        result = queries.alignment(session, plan)
        if result is None:
            raise ApiError(409, "no_parent", f"规划“{key}”没有衔接的上位规划；请先用 plantrack link 设置。")
    if format == "xlsx":
        return _xlsx(alignment_workbook(result), f"{key}-衔接.xlsx")
    return result


@router.post("/{key}/alignment/refresh", responses=NO_PARENT, summary="重新计算规划衔接",
             description="按当前版本、上位规划和匹配确认重新比对，并保存结果（替换旧结果）。",
             dependencies=[allow("analysis.write")])
def refresh_alignment(request: Request, key: KeyPath):
    with request.app.state.session_factory() as session:
        require(request, "analysis.write", _plan(session, key).region_code, key)
    try:
        with request.app.state.session_factory.begin() as session:
            result = align_stored(session, key)
            audit.record(session, request_actor(request), "analysis.refresh", "plan", key, note="规划衔接")
    except CatalogueError as exc:
        raise ApiError(409, "no_parent", str(exc)) from None
    queries.MEMO.clear()
    return result


@router.get("/{key}/findings", dependencies=READ, responses=JSON_OR_XLSX, summary="规划自查", description="规划文本自身的问题：表内目标与正文不一致、指标数量不符、目标低于基期、单位与数值或名称不符。保存的结果优先；没有时当场检查（不保存）。重新检查并保存用 POST …/findings/refresh。")
def plan_findings(request: Request, key: KeyPath, format: Format = "json"):
    with request.app.state.session_factory() as session:
        findings = queries.findings(session, _plan(session, key))
    if format == "xlsx":
        return _xlsx(findings_workbook(key, findings), f"{key}-自查.xlsx")
    return {"plan": key, "findings": findings}


@router.post("/{key}/findings/refresh", summary="重新检查规划",
             description="按当前版本和人工修正重新自查，并保存结果（替换旧结果）。",
             dependencies=[allow("analysis.write")])
def refresh_findings(request: Request, key: KeyPath):
    with request.app.state.session_factory() as session:
        require(request, "analysis.write", _plan(session, key).region_code, key)
    with request.app.state.session_factory.begin() as session:
        findings = check_stored(session, key)
        audit.record(session, request_actor(request), "analysis.refresh", "plan", key, note="规划自查")
    queries.MEMO.clear()
    return {"plan": key, "findings": findings}


@router.get("/{key}/evaluation", dependencies=READ, summary="指标进展评估", description="各项指标在某年的状态及其背后的数值：方法、基期、序时进度、观测值与比率，以及预警。当场计算，不保存。")
def plan_evaluation(request: Request, key: KeyPath,
                    year: Annotated[int, Query(ge=1949, le=2100, title="评估年份")]):
    with request.app.state.session_factory() as session:
        return queries.evaluation(session, _plan(session, key), year)


@router.get("/{key}/index", dependencies=READ, summary="规划目标实现综合指数",
            description="按领域加权的规划目标实现综合指数：各领域、各指标的达成度与权重、覆盖率（计入/全部指标）及计算方法。")
def plan_composite_index(request: Request, key: KeyPath,
                         year: Annotated[int, Query(ge=1949, le=2100, title="评估年份")]):
    from ..indexing import plan_index

    factory = request.app.state.session_factory
    with factory() as session:
        _plan(session, key)
        return plan_index(session, key, year)
