"""Security headers on every response, and the pre-sign-in CSRF cookie (web/csrf.py).

The Content-Security-Policy allows only this server's own scripts, styles, images and fonts:
the pages load no inline script and no CDN (ECharts and the API docs are served from
/static/vendor and /docs/assets). Two relaxations, each for a reason:
- style attributes (style-src-attr): ECharts positions its tooltips with them; an attribute
  style cannot run script, and <style> elements stay forbidden;
- the API docs pages (/docs, /redoc): ReDoc writes <style> elements and starts a worker from a
  blob, so those two pages allow inline styles and blob workers; their scripts are still local.
frame-ancestors 'none' (and X-Frame-Options for old browsers) keeps the pages out of frames.
What a signed-in user is shown is theirs: those responses are not stored by browsers or proxies
(Cache-Control: no-store) unless the route set its own caching (static files).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .csrf import ANON_COOKIE

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")

HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def secure(response, path: str):
    """The same headers on a response made outside the middleware: Starlette answers an unexpected
    exception from its outermost layer (ServerErrorMiddleware), past SecurityMiddleware."""
    response.headers["content-security-policy"] = DOCS_CSP if path in DOCS_PATHS else PAGE_CSP
    for name, value in HEADERS:
        response.headers[name.decode()] = value.decode()
    return response


class SecurityMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = DOCS_CSP if path in DOCS_PATHS else PAGE_CSP
        secure = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers.append((b"content-security-policy", csp.encode()))
                headers.extend(HEADERS)
                state = scope.get("state") or {}
                if state.get("signed_in") is not None and not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                if state.get("set_anon_csrf") and state.get("anon_csrf"):
                    cookie = f"{ANON_COOKIE}={state['anon_csrf']}; Path=/; HttpOnly; SameSite=Strict"
                    headers.append((b"set-cookie", (cookie + ("; Secure" if secure else "")).encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
