"""Request bodies are bounded (issue 12): over the limit by Content-Length, refused before a byte
is read; without a length (chunked), cut off as soon as the limit is passed, so nothing is
buffered or spooled past it. The answer is a Chinese 413 naming the limit's variable."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import tempfile
from pathlib import Path

from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from plantrack.api import create_app
from plantrack.web.body_limit import BodyLimitMiddleware

from .conftest import HEADER, client, web_store  # noqa: F401

GOOD_UPLOAD = (HEADER + "运城市,森林覆盖率,%,2024,43.9,https://example.org/d,2024年江州统计公报,森林覆盖率43.9%\n").encode()

LIMIT = 10_000


def echo_app(reads: list[int]):
    async def echo(request: Request):
        body = await request.body()
        reads.append(len(body))
        return PlainTextResponse(str(len(body)))

    return BodyLimitMiddleware(Starlette(routes=[Route("/", echo, methods=["POST"])]), limit=lambda: LIMIT)


def call(app, headers: list[tuple[bytes, bytes]], chunks: int, chunk: bytes = b"x" * 1000):
    """Send chunks of the body one receive() at a time, as a server does; count what was taken."""
    taken = 0
    sent: list[dict] = []

    async def receive():
        nonlocal taken
        taken += 1
        return {"type": "http.request", "body": chunk, "more_body": taken < chunks}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "raw_path": b"/", "query_string": b"", "headers": headers,
             "http_version": "1.1", "scheme": "http", "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1)}
    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body.decode(), taken


def test_a_declared_length_over_the_limit_is_refused_before_reading():
    reads: list[int] = []
    status, body, taken = call(echo_app(reads), [(b"content-length", b"500000000")], chunks=500_000)
    assert status == 413 and "请求内容过大" in body and "PLANTRACK_MAX_REQUEST_MB" in body
    assert taken == 0 and reads == []


def test_a_body_without_length_is_cut_off_at_the_limit():
    reads: list[int] = []
    status, body, taken = call(echo_app(reads), [], chunks=500_000)
    assert status == 413 and "请求内容过大" in body
    assert taken == LIMIT // 1000 + 1 and reads == []  # stopped one chunk past the limit, never handed on


def test_a_body_under_the_limit_passes():
    reads: list[int] = []
    status, body, _ = call(echo_app(reads), [(b"content-length", b"5000")], chunks=5)
    assert (status, body, reads) == (200, "5000", [5000])


def test_the_application_refuses_a_large_upload_with_its_own_error_format(web_store, monkeypatch):  # noqa: F811
    monkeypatch.setenv("PLANTRACK_MAX_REQUEST_MB", "0.01")
    with TestClient(create_app(web_store)) as client:
        r = client.post("/api/plans/x/corrections", content=b"{" + b" " * 20_000 + b"}",
                        headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "request_too_large"
    assert "请求内容过大" in r.json()["error"]["message"]


def test_saving_an_upload_leaves_no_temporary_folder(client, monkeypatch):  # noqa: F811
    """The confirmed file is imported from memory: no plantrack-upload-* folder, on success or failure."""
    def no_temp(*_a, **_k):
        raise AssertionError("a temporary folder was made")

    checked = client.post("/observations/check?format=json", files={"file": ("good.csv", GOOD_UPLOAD, "text/csv")}).json()
    before = set(Path(tempfile.gettempdir()).glob("plantrack-upload-*"))
    monkeypatch.setattr(tempfile, "mkdtemp", no_temp)
    saved = client.post("/observations/save", data={"file_name": "good.csv", "content": checked["content"],
                                                    "sha256": checked["sha256"]})
    assert saved.status_code == 200
    bad = GOOD_UPLOAD.replace(b"43.9,", b"abc,")
    broken = client.post("/observations/save", data={"file_name": "bad.csv", "content": base64.b64encode(bad).decode(),
                                                     "sha256": hashlib.sha256(bad).hexdigest()})
    assert broken.status_code == 422
    assert set(Path(tempfile.gettempdir()).glob("plantrack-upload-*")) == before
