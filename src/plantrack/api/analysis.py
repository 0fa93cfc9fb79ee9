"""/api/plans/{key}/alignment, /findings and /evaluation: the results of alignment, self-checks and
progress evaluation, computed on first request and kept, as JSON or XLSX.

Reading routes share a read-only session; computing one needs a write, so it runs in its own
transaction on the app's session factory and the result is stored for the next reader.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response

from ..analysis import align_stored, check_stored, stored_alignment, stored_findings
from ..export.analysis_xlsx import alignment_workbook, findings_workbook
from ..store.repository import CatalogueError, get_plan
from ..tracking import evaluate_plan
from .errors import ERROR_RESPONSES, ApiError, ErrorResponse
from ..web.auth import allow

router = APIRouter(prefix="/api/plans", tags=["规划"], responses=ERROR_RESPONSES, dependencies=[allow("plans.read")])

KeyPath = Annotated[str, Path(title="规划的键", max_length=200)]
Format = Annotated[Literal["json", "xlsx"], Query(title="格式", description="json 或 xlsx")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# OpenAPI: format=xlsx answers with a workbook, so 200 documents both media types.
JSON_OR_XLSX = {200: {"content": {"application/json": {}, XLSX: {"schema": {"type": "string", "format": "binary"}}},
                      "description": "JSON，或 format=xlsx 时的 XLSX 工作簿"}}
NO_PARENT = {409: {"model": ErrorResponse, "description": "规划没有衔接的上位规划"}}


def _require(session, key: str) -> None:
    if get_plan(session, key) is None:
        raise ApiError(404, "plan_not_found", f"没有键为“{key}”的规划。可用 GET /api/plans 查看目录。")


def _xlsx(data: bytes, filename: str) -> Response:
    return Response(data, media_type=XLSX, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@router.get("/{key}/alignment", responses={**JSON_OR_XLSX, **NO_PARENT}, summary="规划衔接", description="本规划与所衔接上位规划的逐项比对（指标、约束性、目标、单位、重大项目），每条问题引用双方原文行号。")
def plan_alignment(request: Request, key: KeyPath, format: Format = "json",
                   refresh: Annotated[bool, Query(title="重新计算")] = False):
    factory = request.app.state.session_factory
    with factory() as session:
        _require(session, key)
        result = None if refresh else stored_alignment(session, key)
    if result is None:
        try:
            with factory.begin() as session:
                result = align_stored(session, key)
        except CatalogueError as exc:
            raise ApiError(409, "no_parent", str(exc)) from None
    if format == "xlsx":
        return _xlsx(alignment_workbook(result), f"{key}-衔接.xlsx")
    return result


@router.get("/{key}/findings", responses=JSON_OR_XLSX, summary="规划自查", description="规划文本自身的问题：表内目标与正文不一致、指标数量不符、目标低于基期、单位与数值或名称不符。")
def plan_findings(request: Request, key: KeyPath, format: Format = "json",
                  refresh: Annotated[bool, Query(title="重新计算")] = False):
    factory = request.app.state.session_factory
    with factory() as session:
        _require(session, key)
        findings = None if refresh else stored_findings(session, key)
    if findings is None:
        with factory.begin() as session:
            findings = check_stored(session, key)
    if format == "xlsx":
        return _xlsx(findings_workbook(key, findings), f"{key}-自查.xlsx")
    return {"plan": key, "findings": findings}


@router.get("/{key}/evaluation", summary="指标进展评估", description="各项指标在某年的状态及其背后的数值：方法、基期、序时进度、观测值与比率，以及预警。")
def plan_evaluation(request: Request, key: KeyPath,
                    year: Annotated[int, Query(ge=1949, le=2100, title="评估年份")]):
    factory = request.app.state.session_factory
    with factory() as session:
        _require(session, key)
    with factory.begin() as session:
        return evaluate_plan(session, key, year).to_json()


@router.get("/{key}/index", summary="规划目标实现综合指数",
            description="按领域加权的规划目标实现综合指数：各领域、各指标的达成度与权重、覆盖率（计入/全部指标）及计算方法。")
def plan_composite_index(request: Request, key: KeyPath,
                         year: Annotated[int, Query(ge=1949, le=2100, title="评估年份")]):
    from ..indexing import plan_index

    factory = request.app.state.session_factory
    with factory() as session:
        _require(session, key)
        return plan_index(session, key, year)
