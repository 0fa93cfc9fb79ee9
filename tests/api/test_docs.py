"""The API documentation works without internet: /docs and /redoc load only this server's files,
and the OpenAPI document declares the bearer scheme scripts sign in with."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from plantrack.api import create_app


@pytest.fixture
def client(session_factory):
    with TestClient(create_app(session_factory)) as c:
        yield c


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_docs_pages_reference_no_external_url(client, page):
    html = client.get(page).text
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    for asset in assets:
        resp = client.get(asset)
        assert resp.status_code == 200, asset
        assert len(resp.content) > 100, asset


def test_the_swagger_page_starts_from_a_file_not_an_inline_script(client):
    html = client.get("/docs").text
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "SwaggerUIBundle" in client.get("/static/js/swagger-init.js").text


def test_the_openapi_document_declares_the_bearer_scheme(client):
    doc = client.get("/openapi.json").json()
    schemes = doc["components"]["securitySchemes"]
    assert any(s == {"type": "http", "scheme": "bearer", "description": s.get("description")} for s in schemes.values())
    name = next(iter(schemes))
    assert {name: []} in doc["paths"]["/api/plans"]["get"]["security"]
    assert "Authorization: Bearer" in doc["info"]["description"]


def test_an_unknown_asset_is_a_404(client):
    assert client.get("/docs/assets/../../etc/passwd").status_code == 404
    assert client.get("/docs/assets/other.js").status_code == 404
