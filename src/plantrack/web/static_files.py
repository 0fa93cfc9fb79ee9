"""/static/…: the pages' CSS, scripts and the vendored ECharts build.

Served by a route of the web router (not a mounted app) so the API factory needs one line to
take the whole web package. Paths are resolved inside the static folder only; anything that
would leave it is a 404.
"""

from __future__ import annotations

import mimetypes

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from .render import STATIC, error_page
from .auth import allow

router = APIRouter()

# Assets change only with a new release of the package; a day of caching keeps pages fast
# without pinning a stale stylesheet for long.
CACHE = "public, max-age=86400"
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}


@router.get("/static/{path:path}", include_in_schema=False, dependencies=[allow("site.read")])
def static_file(request: Request, path: str) -> Response:
    root = STATIC.resolve()
    target = (root / path).resolve()
    if root not in target.parents or not target.is_file():
        return error_page(request, 404, "not_found", "找不到该文件。")
    media = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return FileResponse(target, media_type=media, headers={"Cache-Control": CACHE})


@router.get("/favicon.ico", include_in_schema=False, dependencies=[allow("site.read")])
def favicon() -> Response:
    """Browsers ask for /favicon.ico whatever the page links; answer with the SVG icon the pages link."""
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml", headers={"Cache-Control": CACHE})
