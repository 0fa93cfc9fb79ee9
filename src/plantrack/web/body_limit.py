"""Request bodies are bounded before they are read (issue 12): a 500 MB upload was written to the
server's temporary folder completely before the page refused it.

An ASGI middleware, so the check happens below FastAPI and Starlette's form parser: a request
whose Content-Length is over the limit is answered 413 without reading a byte of its body; one
without a length (chunked) or with a false one is cut off as soon as the bytes received pass the
limit, so nothing is ever buffered or spooled past it. The limit is the largest form the
application accepts — the confirm form that carries a checked plan back, base64 and url-encoded
(web/upload.py) — unless PLANTRACK_MAX_REQUEST_MB sets it (domain/limits.py).

The cut-off raises an HTTPException(413) from receive(): FastAPI re-raises HTTPExceptions met
while reading a body (others become a generic 400), so the app's own handler answers with the
usual Chinese JSON error or error page.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..domain.limits import max_request_bytes

MB = 1024 * 1024


def default_limit() -> int:
    """PLANTRACK_MAX_REQUEST_MB, else the largest upload form (a plan sent back for confirmation)."""
    configured = max_request_bytes()
    if configured is not None:
        return configured
    from ..ingest.read import max_plan_bytes
    from .views.entry import MAX_UPLOAD_BYTES

    return 4 * max(max_plan_bytes(), MAX_UPLOAD_BYTES) + 64 * 1024


def too_large_message(limit: int) -> str:
    return f"请求内容过大（超过 {limit / MB:.1f} MB），未处理。请缩小文件后重试（上限可用环境变量 PLANTRACK_MAX_REQUEST_MB 调整）。"


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_message(limit), headers={"Connection": "close"})


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: Callable[[], int] = default_limit) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit()
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.strip().isdigit() or int(declared) > limit):
            await _refuse(scope, receive, send, limit)
            return
        received = 0
        started = False

        async def bounded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, bounded_receive, watched_send)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(scope, receive, send, limit)


async def _refuse(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    body = {"error": {"code": "request_too_large", "message": too_large_message(limit)}}
    response = JSONResponse(body, status_code=413, headers={"Connection": "close"})
    await response(scope, receive, send)
