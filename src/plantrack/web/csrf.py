"""CSRF: every state-changing browser request carries a token a third-party page cannot know.

A small synchronizer-token scheme tied to the server-side session rather than a middleware library:
starlette-csrf (the library STYLE.md names) checks a header only, so plain HTML forms, which is
what these pages post, would need script to copy the cookie into a header; and its token lives
only in a cookie, while ours already has a server-side session (UserSession) to hold one that
logging out really ends. So:

- signed in: the token is the session's csrf_token (stored with it, new at every sign-in);
- not signed in (only the sign-in form posts then): a random token in a SameSite=Strict,
  HttpOnly cookie, matched against the form (double submit);
- every form carries it in the hidden field ``csrf_token`` (csrf_field in templates); scripts
  may send it as the ``X-CSRF-Token`` header instead;
- a request whose Origin (or, without one, Referer) names another site is refused outright;
- requests with a bearer token are exempt (no browser attaches one by itself).
Comparison is constant-time (secrets.compare_digest).
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from fastapi import Request
from markupsafe import Markup, escape

ANON_COOKIE = "plantrack_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
DEFAULT_PART_BYTES = 1024 * 1024  # Starlette's own default for a form field


def token(request: Request) -> str:
    """The token this request's forms must carry back."""
    signed = getattr(request.state, "signed_in", None)
    if signed is not None and signed.session is not None:
        return signed.session.csrf_token
    state = request.state
    anon = getattr(state, "anon_csrf", None)
    if anon is None:
        anon = request.cookies.get(ANON_COOKIE)
        if not anon or len(anon) > 100:
            anon = secrets.token_urlsafe(32)
            state.set_anon_csrf = True  # SecurityMiddleware sends the cookie with the response
        state.anon_csrf = anon
    return anon


def field(request: Request) -> Markup:
    """The hidden form field, for templates."""
    return Markup(f'<input type="hidden" name="{FIELD}" value="{escape(token(request))}">')


def _expected(request: Request) -> str | None:
    signed = getattr(request.state, "signed_in", None)
    if signed is not None and signed.session is not None:
        return signed.session.csrf_token
    return request.cookies.get(ANON_COOKIE)


def _own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _form_part_limit(request: Request) -> int:
    """How large one form field may be. The upload pages send the checked file back in a hidden
    field (web/upload.py), which must not be refused here before their own limit applies; only a
    signed-in user can reach those pages, so the public's forms keep Starlette's default."""
    if getattr(request.state, "signed_in", None) is None:
        return DEFAULT_PART_BYTES
    from ..ingest.read import max_plan_bytes
    from .views.entry import MAX_UPLOAD_BYTES

    return 4 * max(max_plan_bytes(), MAX_UPLOAD_BYTES) + 64 * 1024


async def verify(request: Request) -> None:
    """Refuse (403) a state-changing request from another site or without the right token."""
    from .auth import AccessRefused

    origin = request.headers.get("origin")
    referer = request.headers.get("referer")
    source = origin if origin and origin != "null" else (_origin_of(referer) if referer else None)
    if origin == "null" or (source is not None and source != _own_origin(request)):
        raise AccessRefused(403, "csrf_origin", "请求来自其他网站，已拒绝。请在本平台的页面上提交。")
    given = request.headers.get(HEADER)
    if not given and "form" in request.headers.get("content-type", ""):
        form = await request.form(max_part_size=_form_part_limit(request))
        value = form.get(FIELD)
        given = value if isinstance(value, str) else None
    expected = _expected(request)
    if not given or not expected or not secrets.compare_digest(given.encode(), expected.encode()):
        raise AccessRefused(403, "csrf_missing", "表单已失效或缺少安全令牌（CSRF），未保存任何内容。请刷新页面后重新提交。")
