"""Security headers on every kind of response, a Content-Security-Policy the pages satisfy
(no inline script or style in any template), and error pages that leak nothing of the server."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from plantrack.api import create_app
from plantrack.web.render import TEMPLATES
from plantrack.web.security import PAGE_CSP

from .conftest import JIANGZHOU, forest_id


@pytest.mark.parametrize("path", ["/", "/plans", f"/plans/{JIANGZHOU}", "/api/plans", "/static/css/site.css",
                                  "/no-such-page", "/api/no-such", "/login", "/docs", "/observations/new"])
def test_every_response_carries_the_security_headers(web_store, path):
    resp = TestClient(create_app(web_store)).get(path)
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in resp.headers["content-security-policy"]
    assert resp.headers["x-frame-options"] == "DENY"
    assert resp.headers["referrer-policy"] == "same-origin"


def test_what_a_signed_in_user_sees_is_not_cached(client, web_store):
    assert client.get("/plans").headers["cache-control"] == "no-store"
    assert client.get("/static/css/site.css").headers["cache-control"].startswith("public")
    assert "cache-control" not in TestClient(create_app(web_store)).get("/plans").headers


def test_pages_forbid_inline_and_foreign_scripts():
    assert "script-src 'self';" in PAGE_CSP and "unsafe-inline" not in PAGE_CSP.split("style-src-attr")[0]
    assert "http" not in PAGE_CSP


def test_no_template_has_inline_script_style_or_handler():
    for path in TEMPLATES.glob("*.html"):
        html = path.read_text(encoding="utf-8")
        scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
        assert scripts == [], path.name
        assert "<style" not in html, path.name
        assert re.search(r"\son[a-z]+=", html) is None, path.name
        assert re.search(r"\sstyle=", html) is None, path.name


def test_every_page_loads_only_local_assets(client):
    ind = forest_id(client)
    for path in ("/", "/plans", f"/plans/{JIANGZHOU}", f"/plans/{JIANGZHOU}/indicators/{ind}", "/search?q=森林",
                 "/observations/new", "/plans/new"):
        html = client.get(path).text
        # links to a figure's source may point anywhere; what the page loads may not
        assert re.findall(r'(?:\ssrc=|<link[^>]*\shref=)"(?:https?:)?//[^"]*"', html) == [], path


def test_a_crash_shows_a_page_without_paths_or_traceback(web_store, monkeypatch):
    from plantrack.web.views import dashboard

    def boom(*_a, **_k):
        raise RuntimeError("/secret/path/to/plantrack.db exploded")

    monkeypatch.setattr(dashboard, "_recent", boom)
    client = TestClient(create_app(web_store), raise_server_exceptions=False)
    resp = client.get("/")
    assert resp.status_code == 500
    assert "服务器内部错误" in resp.text
    assert "/secret" not in resp.text and "Traceback" not in resp.text and "RuntimeError" not in resp.text
    assert resp.headers["x-content-type-options"] == "nosniff" and "frame-ancestors" in resp.headers["content-security-policy"]
    api = client.get("/?format=json")
    assert api.json() == {"error": {"code": "internal_error", "message": "服务器内部错误，请稍后再试；如果问题持续，请联系管理员。"}}
