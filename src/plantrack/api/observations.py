"""/api/observations: observed values sent by a script, through the same checks as a file.

The rows are what a CSV row holds (region, indicator, unit, year, value, source …); they go through
importer.check_cells (row checks and the plausibility checks of observations/plausibility.py), the
actor's scope on every row's region, and are stored all or nothing with one audit event, like a
file import. `check_only` answers what would be stored without storing it. A refused request
names every bad row (numbered from 1, in the order sent) in the error's details.
"""

from __future__ import annotations

import hashlib
import json

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from ..align.catalogue import default_catalogue
from ..observations.importer import ImportRejected, check_cells, record_import
from ..policy import permission_allowed
from ..store.db import write_transaction
from ..store.observations import save_observations
from ..web.actors import request_actor
from ..web.auth import actor_of, allow
from ..web.queries import MEMO
from .errors import ERROR_RESPONSES, ApiError, error_response

router = APIRouter(prefix="/api/observations", tags=["观测值"], responses=ERROR_RESPONSES)
SOURCE_NAME = "接口提交"


class ObservationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    region: str = Field(max_length=100, description="地区名称或代码")
    indicator: str = Field(max_length=200, description="指标名称")
    unit: str = Field("", max_length=50)
    year: int | str = Field(description="年份")
    value: float | str = Field(description="数值")
    source_url: str = Field("", max_length=2000)
    source_title: str = Field("", max_length=500, description="来源名称；确无来源时写“暂无来源”")
    quote: str = Field("", max_length=2000)
    series: str = Field("", max_length=100)
    flags: str = Field("", max_length=200)
    note: str = Field("", max_length=1000)
    confirm_reason: str = Field("", max_length=500, description="数值与相邻年份相差过大时的确认理由")


class ObservationsIn(BaseModel):
    rows: list[ObservationIn] = Field(min_length=1, max_length=5000)
    check_only: bool = Field(False, description="只检查、不保存")


@router.post("", summary="提交观测值",
             description="与上传文件相同的检查（含合理性检查：比例 0—100、总量非负、规划期年份、重复行、地区名称须准确、须有来源）；"
                         "全部无误才保存，并记入操作记录。",
             dependencies=[allow("observations.write")])
def post_observations(request: Request, body: ObservationsIn):
    rows = [(i, {k: ("" if v is None else (repr(v) if isinstance(v, float) else str(v))).strip()
                 for k, v in r.model_dump().items()}) for i, r in enumerate(body.rows, start=1)]
    data = json.dumps([c for _, c in rows], ensure_ascii=False, sort_keys=True).encode("utf-8")
    actor = actor_of(request)
    catalogue = default_catalogue()

    def require_scope(records):
        outside = [r for r in records if not permission_allowed(actor, "observations.write", r.region_code)]
        if outside:
            raise ApiError(403, "forbidden", f"您的帐号（{actor.name}）无权填报这些地区的数据："
                           + "；".join(f"第 {r.row} 行（{r.region_code}）" for r in outside[:10]) + "。未保存任何数据。")

    def save(session):
        try:
            records = check_cells(session, SOURCE_NAME, rows, catalogue)
        except ImportRejected as exc:
            require_scope(exc.records)  # not one's region: say that first
            raise
        require_scope(records)
        preview = [{"row": r.row, "region_code": r.region_code, "concept": r.concept, "year": r.year,
                    "value": r.value, "unit": r.unit, "flags": r.flags} for r in records]
        if body.check_only:
            return {"saved": False, "rows": preview}
        summary = save_observations(session, records, SOURCE_NAME, hashlib.sha256(data).hexdigest())
        record_import(session, request_actor(request), SOURCE_NAME, summary)
        return {"saved": True, "rows": preview, "added": summary.added, "superseded": summary.superseded,
                "unchanged": summary.unchanged}

    try:
        out = write_transaction(request.app.state.session_factory, save)
    except ImportRejected as exc:
        return error_response(422, "invalid_observations", f"有 {len({e.row for e in exc.errors})} 行数据有误，未保存任何数据",
                              [{"row": e.row, "message": e.reason} for e in exc.errors])
    if out["saved"]:
        MEMO.clear()
    return out
