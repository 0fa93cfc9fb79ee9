"""/api/plans: the catalogue, one plan with its outline, the contract objects of a version, exports.

A plan's data belongs to a version (store/models.py); every per-plan route reads the current
version unless ?version=N asks for an earlier one, so a link to an old version stays valid after
the plan is re-ingested. Contract objects are returned as parsed, plus their stored row id, so a
client can refer to one row (for observations, comments) without guessing by position.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import plan as contract
from ..domain.sources import source_file_name, without_server_paths
from ..export import EXPORTERS, exporter_for
from ..publication import visible_plan_ids
from ..store.models import Plan, PlanVersion, Project, ReviewRow, Target, Task
from ..store.repository import get_plan, list_plans
from .deps import PagingDep, SessionDep
from .errors import ERROR_RESPONSES, ApiError
from .times import UtcDatetime
from ..web.actors import request_actor
from ..web.auth import allow

router = APIRouter(prefix="/api/plans", tags=["规划"], responses=ERROR_RESPONSES, dependencies=[allow("plans.read")])

Level = Literal["national", "province", "city", "county"]
Kind = Literal["general", "special", "regional", "spatial"]


# --- response models -----------------------------------------------------------------------------


class Period(BaseModel):
    start: int | None = Field(None, description="规划期起始年")
    end: int | None = Field(None, description="规划期结束年")


class PlanSummary(BaseModel):
    key: str = Field(description="规划的键（入库时指定，唯一）")
    title: str | None = Field(description="规划名称")
    level: str | None = Field(description="层级：national 国家 / province 省 / city 市 / county 县")
    kind: str | None = Field(description="类型：general 总体 / special 专项 / regional 区域 / spatial 国土空间")
    region: str | None = Field(description="地区名称（规划文本所写）")
    region_code: str | None = Field(description="地区的行政区划代码（GB/T 2260），未能识别时为 null")
    period: Period
    horizon: int | None = Field(description="远景目标年")
    parent: str | None = Field(description="所衔接的上级规划的键")
    children: list[str] = Field(description="衔接本规划的下级规划的键")
    versions: int = Field(description="已入库的版本数")
    current_version: int | None = Field(description="当前版本号")


class PlanPage(BaseModel):
    total: int = Field(description="符合条件的规划总数")
    page: int
    per_page: int
    items: list[PlanSummary]


class SourceInfo(BaseModel):
    path: str = Field(description="源文件名（入库时用户给出的文件名，不含服务器上的目录）")
    sha256: str
    encoding: str = Field(description="源文件编码")
    lines: int = Field(description="源文件行数")


class VersionInfo(BaseModel):
    number: int
    sha256: str
    created_at: UtcDatetime


class PlanDetail(PlanSummary):
    issuer: str | None = Field(description="发布机关")
    doc_number: str | None = Field(description="文号")
    issued_on: str | None = Field(description="发布日期（ISO 格式）")
    version: int = Field(description="本响应所示的版本号")
    source: SourceInfo
    outline: list[contract.OutlineNode] = Field(description="该版本的目录树")
    version_history: list[VersionInfo] = Field(description="全部版本，按版本号排列")


class IndicatorCorrectionOut(BaseModel):
    """The person's edit an effective row comes from, with the parser's original rows beside it."""

    label: str = Field("人工修正", description="固定为“人工修正”")
    id: int = Field(description="修正记录 id")
    action: str = Field(description="edit / add / split / merge / delete")
    action_label: str | None = None
    who: str | None = None
    why: str | None = None
    created_at: str | None = None
    originals: list[dict] = Field(default_factory=list, description="解析器给出的原始行（新增行为空）")


class IndicatorOut(contract.Indicator):
    id: int | None = Field(description="存储行 id（人工新增、拆分或合并的行为 null）")
    ref: str = Field(description="行键：p序号为解析行，c修正号为人工修正行")
    correction: IndicatorCorrectionOut | None = Field(None, description="人工修正；null 为解析结果原样")


class ReviewRowOut(contract.ReviewRow):
    id: int = Field(description="存储行 id")


class ReviewOut(BaseModel):
    title: str
    line: int
    rows: list[ReviewRowOut]


class TargetOut(contract.Target):
    id: int = Field(description="存储行 id")


class ProjectOut(contract.Project):
    id: int = Field(description="存储行 id")


class TaskOut(contract.Task):
    id: int = Field(description="存储行 id")


class _VersionItems(BaseModel):
    key: str = Field(description="规划的键")
    version: int = Field(description="版本号")
    total: int = Field(description="条目数")


class IndicatorList(_VersionItems):
    items: list[IndicatorOut]


class ReviewList(_VersionItems):
    items: list[ReviewOut]


class TargetList(_VersionItems):
    items: list[TargetOut]


class ProjectList(_VersionItems):
    items: list[ProjectOut]


class TaskList(_VersionItems):
    items: list[TaskOut]


# --- loading -------------------------------------------------------------------------------------

KeyPath = Annotated[str, Path(title="规划的键", description="入库时为规划指定的键，见 GET /api/plans")]
VersionQuery = Annotated[
    int | None, Query(ge=1, title="版本号", description="要查看的版本号；省略时为当前（最新）版本")
]


def load_plan(session: Session, key: str) -> Plan:
    plan = get_plan(session, key)
    if plan is None:
        raise ApiError(404, "plan_not_found", f"没有键为“{key}”的规划。可用 GET /api/plans 查看目录。")
    return plan


def load_version(session: Session, plan: Plan, number: int | None) -> PlanVersion:
    """The numbered version of plan, or its newest; a 404 names the versions that exist."""
    numbers = list(session.scalars(select(PlanVersion.number).where(PlanVersion.plan_id == plan.id).order_by(PlanVersion.number)))
    if not numbers:
        raise ApiError(404, "version_not_found", f"规划“{plan.key}”还没有任何版本。")
    wanted = numbers[-1] if number is None else number
    if wanted not in numbers:
        have = "、".join(str(n) for n in numbers)
        raise ApiError(404, "version_not_found", f"规划“{plan.key}”没有第 {wanted} 版；现有版本：{have}。")
    return session.scalar(select(PlanVersion).where(PlanVersion.plan_id == plan.id, PlanVersion.number == wanted))


def summaries(session: Session, plans: list[Plan]) -> list[dict]:
    """Summaries of many plans in four queries, whatever their number (no per-plan round trips)."""
    ids = [p.id for p in plans]
    if not ids:
        return []
    counts = {
        pid: (n, top)
        for pid, n, top in session.execute(
            select(PlanVersion.plan_id, func.count(), func.max(PlanVersion.number))
            .where(PlanVersion.plan_id.in_(ids))
            .group_by(PlanVersion.plan_id)
        )
    }
    children: dict[int, list[str]] = defaultdict(list)
    for parent_id, key in session.execute(
        select(Plan.parent_id, Plan.key).where(Plan.parent_id.in_(ids)).order_by(Plan.key)
    ):
        children[parent_id].append(key)
    parent_ids = {p.parent_id for p in plans if p.parent_id is not None}
    parent_keys = {i: k for i, k in session.execute(select(Plan.id, Plan.key).where(Plan.id.in_(parent_ids)))} if parent_ids else {}
    return [
        {
            "key": p.key,
            "title": p.title,
            "level": p.level,
            "kind": p.kind,
            "region": p.region_name,
            "region_code": p.region_code,
            "period": {"start": p.period_start, "end": p.period_end},
            "horizon": p.horizon,
            "parent": parent_keys.get(p.parent_id),
            "children": children.get(p.id, []),
            "versions": counts.get(p.id, (0, None))[0],
            "current_version": counts.get(p.id, (0, None))[1],
        }
        for p in plans
    ]


def _rows(session: Session, model, version: PlanVersion) -> list[dict]:
    rows = session.scalars(select(model).where(model.version_id == version.id).order_by(model.ordinal))
    return [{**row.data, "id": row.id} for row in rows]


# --- routes --------------------------------------------------------------------------------------


@router.get("", response_model=PlanPage, summary="规划目录", description="按层级、类型、地区、年份筛选规划，分页返回。")
def plans_index(
    request: Request,
    session: SessionDep,
    paging: PagingDep,
    level: Annotated[Level | None, Query(title="层级", description="national / province / city / county")] = None,
    kind: Annotated[Kind | None, Query(title="类型", description="general / special / regional / spatial")] = None,
    region: Annotated[str | None, Query(title="地区", description="行政区划代码或地区名称", max_length=100)] = None,
    period: Annotated[int | None, Query(ge=1949, le=2200, title="年份", description="规划期覆盖该年份的规划")] = None,
):
    plans, total = list_plans(
        session, level=level, kind=kind, region=region, period=period, offset=paging.offset, limit=paging.per_page,
        only_ids=visible_plan_ids(session, request_actor(request)),
    )
    return {"total": total, "page": paging.page, "per_page": paging.per_page, "items": summaries(session, plans)}


@router.get("/{key}", response_model=PlanDetail, summary="规划详情", description="规划的元数据、来源文件、目录树和版本列表。")
def plan_detail(key: KeyPath, session: SessionDep, version: VersionQuery = None):
    plan = load_plan(session, key)
    ver = load_version(session, plan, version)
    history = session.execute(
        select(PlanVersion.number, PlanVersion.sha256, PlanVersion.created_at)
        .where(PlanVersion.plan_id == plan.id)
        .order_by(PlanVersion.number)
    )
    return {
        **summaries(session, [plan])[0],
        "issuer": plan.issuer,
        "doc_number": plan.doc_number,
        "issued_on": plan.issued_on,
        "version": ver.number,
        "source": {"path": source_file_name(ver.source_path), "sha256": ver.sha256, "encoding": ver.encoding, "lines": ver.line_count},
        "outline": ver.document.get("outline", []),
        "version_history": [{"number": n, "sha256": s, "created_at": c} for n, s, c in history],
    }


def _listing(session: Session, key: str, version: int | None, model) -> tuple[PlanVersion, list[dict]]:
    ver = load_version(session, load_plan(session, key), version)
    return ver, _rows(session, model, ver)


def _page(key: str, ver: PlanVersion, items: list) -> dict:
    return {"key": key, "version": ver.number, "total": len(items), "items": items}


@router.get("/{key}/indicators", response_model=IndicatorList, summary="主要指标", description="该版本指标表中的全部指标：解析结果加上生效的人工修正（修正行带“人工修正”和解析原行）。")
def plan_indicators(key: KeyPath, session: SessionDep, version: VersionQuery = None):
    """The EFFECTIVE rows, as the plan page, tracking and evaluation read them: the parser's rows
    with people's active corrections applied, each corrected row carrying 人工修正 and the parser's
    original rows (corrections.effective_indicators is the one place that applies them)."""
    from ..corrections import effective_indicators

    ver = load_version(session, load_plan(session, key), version)
    return _page(key, ver, [_effective_row(r) for r in effective_indicators(session, ver)])


def _effective_row(row: dict) -> dict:
    out = {k: v for k, v in row.items() if k not in ("indicator_id", "correction")}
    out["id"] = row.get("indicator_id")
    c = row.get("correction")
    out["correction"] = {"label": "人工修正", **{k: c.get(k) for k in (
        "id", "action", "action_label", "who", "why", "created_at")}, "originals": c.get("originals") or []} if c else None
    return out


@router.get("/{key}/targets", response_model=TargetList, summary="文中量化目标", description="正文中陈述的量化目标。")
def plan_targets(key: KeyPath, session: SessionDep, version: VersionQuery = None):
    ver, items = _listing(session, key, version, Target)
    return _page(key, ver, items)


@router.get("/{key}/projects", response_model=ProjectList, summary="专栏项目", description="专栏和重大项目表中的条目。")
def plan_projects(key: KeyPath, session: SessionDep, version: VersionQuery = None):
    ver, items = _listing(session, key, version, Project)
    return _page(key, ver, items)


@router.get("/{key}/tasks", response_model=TaskList, summary="重点任务", description="重点任务及其牵头单位。")
def plan_tasks(key: KeyPath, session: SessionDep, version: VersionQuery = None):
    ver, items = _listing(session, key, version, Task)
    return _page(key, ver, items)


@router.get(
    "/{key}/reviews", response_model=ReviewList, summary="上期规划实施情况", description="回顾上一期规划指标完成情况的表格，每表含各行。"
)
def plan_reviews(key: KeyPath, session: SessionDep, version: VersionQuery = None):
    ver = load_version(session, load_plan(session, key), version)
    rows = session.scalars(
        select(ReviewRow).where(ReviewRow.version_id == ver.id).order_by(ReviewRow.review_line, ReviewRow.ordinal)
    )
    tables: dict[tuple[int, str], dict] = {}
    for row in rows:
        table = tables.setdefault((row.review_line, row.review_title), {"title": row.review_title, "line": row.review_line, "rows": []})
        table["rows"].append({**row.data, "id": row.id})
    return _page(key, ver, list(tables.values()))


@router.get(
    "/{key}/export",
    dependencies=[allow("plans.export")],
    summary="导出规划",
    description="以 JSON（契约格式）、CSV（主要指标，带 BOM 的 UTF-8）或 XLSX（规划信息、主要指标和各回顾表）下载该版本。",
    response_class=Response,
    responses={200: {"content": {e.media_type: {}for e in EXPORTERS.values()}, "description": "导出的文件"}},
)
def plan_export(
    key: KeyPath,
    session: SessionDep,
    format: Annotated[Literal["json", "csv", "xlsx"], Query(title="格式", description="json / csv / xlsx")] = "json",
    version: VersionQuery = None,
):
    ver = load_version(session, load_plan(session, key), version)
    exporter = exporter_for(format)
    filename = f"{key}-v{ver.number}{exporter.suffix}"
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    from ..corrections import effective_document  # people's corrections applied, and listed

    return Response(exporter.to_bytes(without_server_paths(effective_document(session, ver))), media_type=exporter.media_type,
                    headers={"Content-Disposition": disposition})
