"""The FastAPI application: routers for plans, regions and search over one store.

create_app takes the session factory so the same app runs over the user's store (the default,
open_store(): PLANTRACK_DATABASE_URL or the SQLite file) or a test's, without global state.
"""

from __future__ import annotations

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import analysis, corrections, docs, duties, observations, plans, regions, search
from .deps import reject_nul
from .errors import _unexpected_error, _validation_error, http_error, install_error_handlers, validation_message
from ..web import router as web_router
from ..web.public import install_public_view, public_view
from ..web.auth import AccessRefused, ActorMiddleware, refused_response
from ..web.head import HeadAsGetMiddleware
from ..web.body_limit import BodyLimitMiddleware
from ..web.page_cache import PageCacheMiddleware
from ..web.render import error_page
from ..web.security import SecurityMiddleware, secure

DESCRIPTION = """
规划综合管理信息平台的数据接口：规划目录、规划详情与目录树、主要指标、上期规划实施情况、
文中量化目标、专栏项目、重点任务、行政区划和全文检索，以及规划的 JSON / CSV / Excel 导出。

所有错误均以 `{"error": {"code": "…", "message": "…"}}` 返回，`message` 为中文说明。

身份验证：脚本在请求头中携带 `Authorization: Bearer 令牌`（令牌由 `plantrack token create 帐号` 生成），
以该帐号的身份和权限访问任何地址（包括网页）；未携带令牌时按未登录的公众处理。
令牌无效、已撤销或已过期时返回 401。
"""

TAGS = [
    {"name": "规划", "description": "规划目录、详情、各类条目与导出"},
    {"name": "行政区划", "description": "GB/T 2260 行政区划"},
    {"name": "全文检索", "description": "在规划正文中检索句子"},
]


def create_app(session_factory: sessionmaker[Session] | None = None) -> FastAPI:
    """The API over the store behind session_factory (default: open_store(), migrated to the newest schema)."""
    if session_factory is None:
        from ..store.db import open_store

        session_factory = open_store()
    app = FastAPI(
        title="规划综合管理信息平台 API",
        description=DESCRIPTION,
        version=__version__,
        openapi_tags=TAGS,
        dependencies=[Depends(reject_nul), Depends(public_view)],
        # /docs, /redoc and /openapi.json are api/docs.py's: local assets, and a declared action.
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.session_factory = session_factory
    install_error_handlers(app)
    install_public_view(app)
    app.add_exception_handler(StarletteHTTPException, _page_or_api_error)
    app.add_exception_handler(RequestValidationError, _page_or_api_invalid)
    app.add_exception_handler(AccessRefused, refused_response)
    app.add_exception_handler(Exception, _page_or_api_crash)
    # Pages of a big plan (its source view, its JSON) are hundreds of kilobytes of text that compress ~5x.
    # Level 5, not Starlette's 9: half the CPU (9 vs 18 ms for 300 KB of plan text) for 2 % more bytes.
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    app.add_middleware(PageCacheMiddleware)  # finished GET responses by credential and data version (web/page_cache.py)
    app.add_middleware(ActorMiddleware)  # request.state.actor on every request (web/auth.py)
    app.add_middleware(HeadAsGetMiddleware)  # HEAD of every page and API GET (web/head.py)
    app.add_middleware(BodyLimitMiddleware)  # bodies over the limit refused before they are read (web/body_limit.py)
    app.add_middleware(SecurityMiddleware)  # outermost: headers on every response (web/security.py)
    for module in (plans, analysis, corrections, duties, observations, regions, search, docs):
        app.include_router(module.router)
    app.include_router(duties.writes)  # its writes, outside the readers' plans.read (api/duties.py)
    app.include_router(web_router)  # the pages and /static (web/), on the same store
    return app


async def _page_or_api_error(request: Request, exc: StarletteHTTPException):
    """An unknown address outside /api is a page someone typed or followed: answer with a page
    (or its JSON twin), not with the API's JSON error."""
    if exc.status_code == 404 and not request.url.path.startswith("/api"):
        return error_page(request, 404, "not_found", "找不到该页面。请从首页或导航栏进入。")
    return await http_error(request, exc)


async def _page_or_api_invalid(request: Request, exc: RequestValidationError):
    """A bad query value on a page (?year=1800, /plans/x/indicators/abc) is a person's typo or an
    old link: the Chinese error page, saying what was wrong; the API and ?format=json keep the JSON."""
    if request.url.path.startswith("/api") or request.query_params.get("format") == "json":
        return await _validation_error(request, exc)
    message = "；".join(validation_message(e) for e in exc.errors()) or "请求参数无效。"
    return error_page(request, 422, "invalid_parameter", message)


async def _page_or_api_crash(request: Request, exc: Exception):
    """An unexpected failure: logged with its traceback (api/errors.py); a page gets a page that
    names no file, path or line of the server, the API its JSON error."""
    response = await _unexpected_error(request, exc)
    if not request.url.path.startswith("/api"):
        response = error_page(request, 500, "internal_error", "服务器内部错误，请稍后再试；如果问题持续，请联系管理员。")
    return secure(response, request.url.path)
