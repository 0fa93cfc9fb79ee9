"""HEAD answered like GET, without the body (RFC 9110 §9.3.2).

FastAPI routes declared with GET answer HEAD with 405, so link checkers, uptime monitors and
`curl -I` saw a broken platform. Every GET route's HEAD is the GET with its body dropped: same
status and headers (Content-Length included), so a monitor sees exactly what a browser would.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGetMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
