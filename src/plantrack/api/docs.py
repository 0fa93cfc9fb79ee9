"""The API's documentation pages, served entirely from this server.

FastAPI's own /docs and /redoc load Swagger UI and ReDoc from a CDN, so on a government intranet
(no internet) they are blank. The assets come instead from the fastapi-offline package on PyPI,
which ships swagger-ui-bundle.js, swagger-ui.css and redoc.standalone.js inside the wheel: they
install with the Python dependencies (no npm step, which setup.sh treats as optional, and nothing
to copy into static/vendor), and pip pins their version with everything else. The pages start
Swagger UI from a static script (static/js/swagger-init.js), so the CSP needs no inline script.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse

from ..web.auth import allow

router = APIRouter()

ASSETS = {"swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png"}


def _assets_dir() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


SWAGGER = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title} · 接口文档</title>
<link rel="icon" href="/docs/assets/favicon.png">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui" data-openapi-url="/openapi.json"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/static/js/swagger-init.js"></script></body></html>
"""

REDOC = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title} · 接口文档</title>
<link rel="icon" href="/docs/assets/favicon.png"></head>
<body><redoc spec-url="/openapi.json"></redoc>
<script src="/docs/assets/redoc.standalone.js"></script></body></html>
"""


@router.get("/openapi.json", include_in_schema=False, dependencies=[allow("site.read")])
def openapi_document(request: Request):
    return JSONResponse(request.app.openapi())


@router.get("/docs", include_in_schema=False, dependencies=[allow("site.read")])
def swagger_page(request: Request):
    return HTMLResponse(SWAGGER.format(title=request.app.title))


@router.get("/redoc", include_in_schema=False, dependencies=[allow("site.read")])
def redoc_page(request: Request):
    return HTMLResponse(REDOC.format(title=request.app.title))


@router.get("/docs/assets/{name}", include_in_schema=False, dependencies=[allow("site.read")])
def docs_asset(name: str):
    if name not in ASSETS:
        return JSONResponse({"error": {"code": "not_found", "message": "找不到该文件。"}}, status_code=404)
    return FileResponse(_assets_dir() / name, headers={"Cache-Control": "public, max-age=86400"})
