"""/api/plans/{key}/corrections: people's corrections of the indicator table, read and written.

The same service as the 人工修正 page and `plantrack corrections` (corrections.py): a table sent
back becomes corrections (all or nothing, every bad row named in the error's details); the
parser's rows are never changed. Every write takes `name` (who) while the request's actor is the
public; once accounts set request.state.actor, the account is who.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from ..corrections import CorrectionError, corrections_view, effective_indicators, plan_checks, submit_table, withdraw
from ..store.repository import CatalogueError, get_plan
from ..web.actors import request_actor
from ..web.auth import allow
from ..web.queries import MEMO
from .errors import ERROR_RESPONSES, ApiError, error_response

router = APIRouter(prefix="/api/plans", tags=["规划"], responses=ERROR_RESPONSES)

KeyPath = Annotated[str, Path(title="规划的键", max_length=200)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TableRow(BaseModel):
    """One row of the indicator table as sent back: its ref (which row it was; none for a new row)."""

    model_config = ConfigDict(extra="ignore")
    ref: str | None = Field(None, description="行键：p<序号> 解析行，c<编号> 修正行，p3+p4 合并；新增行留空")
    category: str | None = None
    name: str | None = None
    unit: str | None = None
    tag: str | None = None
    base_year: int | str | None = None
    base_text: str | None = None
    target_year: int | str | None = None
    target_text: str | None = None
    annual_growth: str | None = None
    binding: str | None = None
    line: int | str | None = None


class TableIn(BaseModel):
    rows: list[TableRow] = Field(description="修正后的整张指标表（GET 返回的 rows，改动后原样发回）")
    name: str | None = Field(None, max_length=100, description="修正人姓名（尚未登录时必填）")
    why: str | None = Field(None, max_length=500, description="修正原因")


class WithdrawIn(BaseModel):
    name: str | None = Field(None, max_length=100, description="撤回人姓名（尚未登录时必填）")
    why: str | None = Field(None, max_length=500)


def _refused(exc: CorrectionError):
    return error_response(400, "invalid_corrections", "未保存任何修正：" + "；".join(exc.problems),
                          [{"message": p} for p in exc.problems])


@router.get("/{key}/corrections", summary="人工修正",
            description="规划当前版本的指标表（解析结果加上生效的人工修正，每行带行键 ref）、解析检查和全部修正记录（含已撤回、未匹配）。",
            dependencies=[allow("plans.read")])
def plan_corrections(request: Request, key: KeyPath):
    with request.app.state.session_factory() as session:
        plan = get_plan(session, key)
        if plan is None or plan.current is None:
            raise ApiError(404, "plan_not_found", f"没有键为“{key}”的规划。可用 GET /api/plans 查看目录。")
        rows = effective_indicators(session, plan.current)
        return {**corrections_view(session, key), "checks": plan_checks(plan.current),
                "rows": [{k: v for k, v in r.items() if k != "indicator_id"} for r in rows]}


@router.get("/{key}/corrections.xlsx", summary="下载指标表（Excel）", response_class=Response,
            description="可修改后用 POST /api/plans/{key}/corrections 或页面上传；原样上传不产生修正。",
            dependencies=[allow("plans.export")])
def plan_corrections_xlsx(request: Request, key: KeyPath):
    from ..export.corrections_xlsx import table_workbook

    with request.app.state.session_factory() as session:
        plan = get_plan(session, key)
        if plan is None or plan.current is None:
            raise ApiError(404, "plan_not_found", f"没有键为“{key}”的规划。")
        data = table_workbook(effective_indicators(session, plan.current))
    return Response(data, media_type=XLSX, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(key + '-指标表.xlsx')}"})


@router.post("/{key}/corrections", summary="保存人工修正",
             description="发回修改后的整张指标表：改动的行记为修改，行键重复为拆分，行键用 + 连接为合并，缺少的行为删除，无行键的行为新增。全部无误才保存。",
             dependencies=[allow("corrections.write")])
def save_corrections(request: Request, key: KeyPath, body: TableIn):
    try:
        with request.app.state.session_factory.begin() as session:
            made = submit_table(session, key, [r.model_dump() for r in body.rows], actor=request_actor(request),
                                name=body.name, why=body.why)
            saved = [{"id": c.id, "action": c.action, "rows": c.rows, "originals": c.originals} for c in made]
    except CatalogueError as exc:
        raise ApiError(404, "plan_not_found", str(exc)) from None
    except CorrectionError as exc:
        return _refused(exc)
    MEMO.clear()
    return {"plan": key, "saved": saved}


@router.post("/{key}/corrections/{correction_id}/withdraw", summary="撤回人工修正",
             description="撤回后该行恢复为解析结果；修正记录保留，状态为已撤回。",
             dependencies=[allow("corrections.write")])
def withdraw_correction(request: Request, key: KeyPath, correction_id: int, body: WithdrawIn):
    try:
        with request.app.state.session_factory.begin() as session:
            c = withdraw(session, key, correction_id, actor=request_actor(request), name=body.name, why=body.why)
            out = {"id": c.id, "status": c.status}
    except CatalogueError as exc:
        raise ApiError(404, "plan_not_found", str(exc)) from None
    except CorrectionError as exc:
        return _refused(exc)
    MEMO.clear()
    return out
