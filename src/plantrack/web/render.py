"""One view, two renderings: the page (Jinja2, zh-CN) and its JSON twin (?format=json).

Every view builds one plain dict of what the page shows and hands it to render(); the JSON twin
is that dict, so a page can never show a number its twin does not have (datasette's shape). The
template environment autoescapes everything: plan text is data, never markup. The only markup
that reaches a page pre-built is the search snippet, which store/search.py escapes itself.
"""

from __future__ import annotations

import math
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import csrf, help as page_help, labels
from .json_response import JSONTwin
from ..domain.actor import PUBLIC
from ..policy import permission_allowed

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def wants_json(request: Request) -> bool:
    return request.query_params.get("format") == "json"


# --- formatting ----------------------------------------------------------------------------------


def num(x, digits: int = 2) -> str:
    """A number as a planning office writes it: no float noise, no trailing zeros, no exponent."""
    if x is None or x == "":
        return "—"
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    if isinstance(x, float) and not math.isfinite(x):
        return "—"
    text = f"{x:.{digits}f}" if abs(x) < 1e12 else f"{x:.0f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pct(r) -> str:
    """A ratio (0.962) as a percentage (96.2%)."""
    if r is None or not isinstance(r, (int, float)):
        return "—"
    return f"{r * 100:.1f}%"


def plan_url(key: str) -> str:
    return f"/plans/{quote(key, safe='')}"


def source_url(key: str, line: int | None) -> str:
    """The source view at a line, with the fragment, so the browser scrolls there even without script."""
    if not line:
        return f"{plan_url(key)}/source"
    return f"{plan_url(key)}/source?line={int(line)}#L{int(line)}"


def indicator_url(key: str, indicator_id: int, year: int | None = None) -> str:
    url = f"{plan_url(key)}/indicators/{int(indicator_id)}"
    return f"{url}?year={int(year)}" if year else url


def json_url(request: Request) -> str | None:
    """This page's JSON twin: the same URL with format=json. A page answering a form post (a
    checked upload, a saved one) has no address to link to: its twin is the same post with
    ?format=json, which a link cannot make, so there is none."""
    if request.method != "GET":
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "format"] + [("format", "json")]
    return f"{request.url.path}?{urlencode(params)}"


def query_url(path: str, **params) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(clean)}" if clean else path


def _role_label(role: str) -> str:
    from ..accounts.service import ROLE_LABELS

    return ROLE_LABELS.get(role, role)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(num=num, pct=pct)
    env.globals.update(
        labels=labels,
        label=labels.label,
        plan_url=plan_url,
        source_url=source_url,
        indicator_url=indicator_url,
        query_url=query_url,
        status_class=lambda s: labels.STATUS_CLASS.get(s, "nodata"),
        csrf_field=csrf.field,
        role_label=_role_label,
        help_pages=page_help.PAGES,
        help_statuses=page_help.status_lines(),
        help_sources=page_help.SOURCES,
    )
    return env


ENV = _environment()

NAV = (("/", "首页"), ("/plans", "规划目录"), ("/indicators", "指标一览"), ("/compare", "地区比较"), ("/search", "检索"),
       ("/observations/new", "数据填报"), ("/units", "单位"), ("/scorecards", "考核"))
STAFF_NAV = (("/audit", "操作记录"),)  # for the roles plantrack.policy lets read the trail
REPORTING_NAV = (("/reporting", "填报任务"),)  # for the roles that report or review (reports.read)


def _nav(request: Request) -> tuple:
    """The policy decides, so no one is led to a page that would answer 401 or 403."""
    actor = getattr(request.state, "actor", None)
    nav = NAV
    if actor is not None and permission_allowed(actor, "reports.read"):
        nav += REPORTING_NAV
    return nav + STAFF_NAV if actor is not None and permission_allowed(actor, "audit.read") else nav


def _section(path: str) -> str:
    """The nav item a path belongs to, for aria-current."""
    for href, _ in reversed(NAV + REPORTING_NAV + STAFF_NAV):
        if href != "/" and (path == href or path.startswith(href + "/")):
            return href
    return "/" if path == "/" else ""


def render(request: Request, template: str, data: dict, *, title: str, status: int = 200,
           crumbs: list[tuple[str, str | None]] | None = None, **prerendered) -> HTMLResponse | JSONResponse:
    """The page, or with ?format=json its JSON twin: the same data dict.

    prerendered: markup a view has already built from data (escaped), for the template only.
    """
    if wants_json(request):
        return JSONTwin(data, status_code=status)  # orjson (web/json_response.py)
    html = ENV.get_template(template).render(
        **prerendered,
        d=data,
        title=title,
        crumbs=crumbs or [],
        nav=_nav(request),
        current=_section(request.url.path),
        json_href=json_url(request),
        request=request,
        actor=getattr(request.state, "actor", PUBLIC),
    )
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, code: str, message: str) -> HTMLResponse | JSONResponse:
    """An error in the API's shape for the JSON twin, and as a readable page otherwise."""
    if wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    titles = {404: "未找到", 400: "请求有误", 422: "请求有误", 401: "请先登录", 403: "无权操作", 500: "服务器内部错误"}
    return render(request, "error.html", {"error": {"code": code, "message": message}},
                  title=titles.get(status, "出错了"), status=status)
