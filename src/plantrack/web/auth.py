"""Who is asking, and may they: the actor on every request and the one dependency routes declare.

ActorMiddleware resolves the actor once per request and puts it on ``request.state.actor``
(domain/actor.py): the user of an ``Authorization: Bearer`` token, else the user of a live session
cookie, else the anonymous public. A bearer token that is unknown, revoked or expired is refused
with 401 at once rather than treated as the public, so a script with a dead token learns it.
In the same trip to a worker thread it reads the store's data version (store/version.py) onto
``scope["state"]["data_version"]`` for the page cache, and resolves the credential through
accounts/credential_cache.py (checked against the store on every request, loaded only when changed).

Every route declares what it does with ``dependencies=[allow("action")]``; that dependency asks
plantrack.policy and, for a state-changing browser request, checks CSRF (web/csrf.py). A route
without a declared action fails tests/web/test_access.py, which walks app.routes.
"""

from __future__ import annotations

import anyio
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Receive, Scope, Send

from ..accounts.credential_cache import CredentialCache
from ..accounts.service import SignedIn, actor_for
from ..store.version import engine_of, read_data_version
from ..domain.actor import PUBLIC, Actor
from ..policy import ACTION_LABELS, permission_allowed
from . import csrf

SESSION_COOKIE = "plantrack_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Declares the scheme in the OpenAPI document; the token itself is checked by ActorMiddleware.
bearer_scheme = HTTPBearer(auto_error=False, scheme_name="令牌", description="`plantrack token create NAME` 生成的 API 令牌")


class AccessRefused(Exception):
    """401 (sign in first) or 403 (signed in, but not allowed); a Chinese message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def actor_of(request: Request) -> Actor:
    return getattr(request.state, "actor", PUBLIC)


def signed_in(request: Request) -> SignedIn | None:
    return getattr(request.state, "signed_in", None)


def via_bearer(request: Request) -> bool:
    signed = signed_in(request)
    return bool(signed and signed.token is not None)


def client_address(scope: Scope) -> str | None:
    client = scope.get("client")
    return client[0] if client else None


def _bearer(headers: dict[bytes, bytes]) -> str | None:
    value = headers.get(b"authorization", b"").decode("latin-1").strip()
    scheme, _, token = value.partition(" ")
    if scheme.lower() == "bearer":
        return token.strip() or ""
    return None


def _cookie(headers: dict[bytes, bytes], name: str) -> str | None:
    from http.cookies import SimpleCookie

    raw = headers.get(b"cookie", b"").decode("latin-1")
    if not raw:
        return None
    jar = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed cookie header is nobody's session
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


class ActorMiddleware:
    """Puts actor, signed_in (accounts.service.SignedIn or None) and data_version on every request's state."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.credentials = CredentialCache()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        address = client_address(scope)
        factory = scope["app"].state.session_factory
        bearer = _bearer(headers)
        cookie = None if bearer is not None else _cookie(headers, SESSION_COOKIE)
        state = scope.setdefault("state", {})
        # One trip to a worker thread for everything this request needs from the store up front.
        version, signed = await anyio.to_thread.run_sync(self._lookup, factory, bearer, cookie)
        if bearer is not None and signed is None:
            await _unauthorized(scope, receive, send)
            return
        state["data_version"] = version
        state["signed_in"] = signed
        state["actor"] = actor_for(signed.user, address) if signed else PUBLIC.at(address)
        await self.app(scope, receive, send)

    def _lookup(self, factory, bearer: str | None, cookie: str | None) -> tuple[tuple, SignedIn | None]:
        version = read_data_version(engine_of(factory))
        if bearer is not None:
            return version, self.credentials.by_token(factory, bearer)
        if cookie:
            return version, self.credentials.by_cookie(factory, cookie)
        return version, None


async def _unauthorized(scope: Scope, receive: Receive, send: Send) -> None:
    from ..api.errors import error_response

    response = error_response(401, "invalid_token", "API 令牌无效、已撤销或已过期。")
    response.headers["WWW-Authenticate"] = "Bearer"
    await response(scope, receive, send)


def allow(action: str):
    """The dependency a route declares: may this request's actor perform action? For a
    state-changing request from a browser (no bearer token) also the CSRF check."""

    async def dependency(request: Request, _credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)) -> Actor:
        actor = actor_of(request)
        if not permission_allowed(actor, action):
            raise refusal(actor, action)
        if request.method not in SAFE_METHODS and not via_bearer(request):
            await csrf.verify(request)
        return actor

    dependency.action = action  # type: ignore[attr-defined]  (read by declared_action and the route walk)
    return Depends(dependency)


def refusal(actor: Actor, action: str, resource_label: str | None = None) -> AccessRefused:
    what = ACTION_LABELS.get(action, action)
    if actor.is_public:
        return AccessRefused(401, "login_required", f"请先登录：{what}需要登录帐号。")
    where = f"（{resource_label}）" if resource_label else ""
    return AccessRefused(403, "forbidden", f"您的帐号（{actor.name}）无权{what}{where}。")


def require(request: Request, action: str, resource: str | None, resource_label: str | None = None) -> None:
    """For a view that writes a particular region's data: ask the policy again with that region."""
    actor = actor_of(request)
    if not permission_allowed(actor, action, resource):
        raise refusal(actor, action, resource_label or resource)


def declared_actions(route) -> list[str]:
    """The actions a route declared with allow() (its router's and its own), in order."""
    dependant = getattr(route, "dependant", None)
    return [dep.call.action for dep in getattr(dependant, "dependencies", []) or [] if hasattr(dep.call, "action")]


def endpoints(app):
    """Every (methods, path, declared actions) the application answers, routers included.

    FastAPI may keep an included router as one lazily expanded entry of app.routes
    (_IncludedRouter, with effective_route_contexts()); older versions flatten them."""
    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        for r in contexts() if contexts else [route]:
            yield frozenset(getattr(r, "methods", None) or ()), r.path, declared_actions(r)


async def refused_response(request: Request, exc: AccessRefused):
    """API paths answer in the API's error shape; pages with a page (or its JSON twin)."""
    from ..api.errors import error_response
    from .render import error_page

    if request.url.path.startswith("/api") or via_bearer(request):
        response = error_response(exc.status, exc.code, exc.message)
    else:
        response = error_page(request, exc.status, exc.code, exc.message)
    if exc.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer, Cookie realm="plantrack"'
    return response
