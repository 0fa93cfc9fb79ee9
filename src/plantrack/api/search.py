"""/api/search: full-text search over the sentences of the stored plans (store/search.py).

This module only translates HTTP to search(): page/per_page to limit/offset, unknown plan keys to
the same 404 as elsewhere in the API, and SearchError (a query that cannot be run) to a 400.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import select

from ..store.models import Plan
from ..publication import visible_plan_ids
from ..store.search import SearchError, search
from ..web.actors import request_actor
from .deps import PagingDep, SessionDep
from .errors import ERROR_RESPONSES, ApiError, ErrorResponse
from ..web.auth import allow

router = APIRouter(prefix="/api/search", tags=["全文检索"], responses=ERROR_RESPONSES, dependencies=[allow("plans.read")])


class Hit(BaseModel):
    plan_key: str = Field(description="规划的键")
    plan_title: str | None = Field(description="规划名称")
    version: int = Field(description="版本号")
    section_path: str | None = Field(description="所在章节路径")
    section_line: int | None = Field(description="所在章节标题的行号")
    line: int = Field(description="句子在源文件中的行号")
    text: str = Field(description="句子原文")
    snippet: str = Field(description="检索词以【】标出的句子")
    snippet_html: str = Field(description="检索词以 <mark> 标出、已做 HTML 转义的句子")
    score: float = Field(description="相关度，越大越相关（仅在同一数据库内可比）")


class SearchResults(BaseModel):
    query: str = Field(description="检索词")
    words: list[str] = Field(description="规范化后的检索词")
    total: int = Field(description="命中句子总数（exact 为 false 时为估计数）")
    exact: bool = Field(True, description="总数是否精确；PostgreSQL 上命中很多时按抽样估计总数（约数）")
    ranked: bool = Field(description="是否按相关度排序；命中过多时不计算相关度，按规划入库顺序和原文顺序排列")
    page: int
    per_page: int
    items: list[Hit]


_HIT_FIELDS = tuple(Hit.model_fields)


@router.get(
    "",
    response_model=SearchResults,
    summary="全文检索",
    description="检索包含全部检索词（以空格分隔）的句子，按相关度排序、分页返回（命中超过一万句时按规划入库顺序和原文顺序排列，ranked 为 false）；默认只检索各规划的当前版本。",
    responses={400: {"model": ErrorResponse, "description": "检索词无法检索"}},
)
def search_plans(
    request: Request,
    session: SessionDep,
    paging: PagingDep,
    q: Annotated[str, Query(title="检索词", description="一个或多个词语，以空格分隔")],
    plan: Annotated[list[str] | None, Query(title="规划", description="只检索这些规划（键，可重复）")] = None,
    all_versions: Annotated[bool, Query(title="全部版本", description="同时检索较早的版本")] = False,
):
    keys = list(dict.fromkeys(plan or []))
    shown = visible_plan_ids(session, request_actor(request))  # None: everything; the public: published plans
    if keys:
        named = select(Plan.key).where(Plan.key.in_(keys))
        known = set(session.scalars(named if shown is None else named.where(Plan.id.in_(shown))))
        missing = [k for k in keys if k not in known]
        if missing:
            raise ApiError(404, "plan_not_found", f"没有键为“{'”“'.join(missing)}”的规划。可用 GET /api/plans 查看目录。")
    elif shown is not None:
        keys = list(session.scalars(select(Plan.key).where(Plan.id.in_(shown))))
        if not keys:  # nothing published: nothing to find (no keys would mean every plan)
            return {"query": q, "words": [], "total": 0, "exact": True, "ranked": True, "page": paging.page,
                    "per_page": paging.per_page, "items": []}
    try:
        result = search(session, q, plan_keys=keys or None, all_versions=all_versions, limit=paging.per_page, offset=paging.offset)
    except SearchError as exc:
        raise ApiError(400, "bad_query", str(exc)) from exc
    return {
        "query": q,
        "words": list(result.words),
        "total": result.total,
        "exact": result.exact,
        "ranked": result.ranked,
        "page": paging.page,
        "per_page": paging.per_page,
        "items": [{f: getattr(h, f) for f in _HIT_FIELDS} for h in result.hits],
    }
