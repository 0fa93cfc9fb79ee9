"""Whole GET responses kept per process, keyed on the store's data version (issue 12's load target).

A page of a plan costs tens of milliseconds of queries, evaluation and rendering; with twenty users
reading the same few pages, nearly all of that is recomputing what has not changed. This
middleware keeps the finished response (status 200, no Set-Cookie, at most 2 MB) under a key of
everything it can depend on:

- the request: method, path, query string, and the headers that change the answer (Accept,
  Accept-Encoding — the body may be gzipped — and HX-Request);
- who asks: the credential itself (bearer token or the Cookie header), so one person's page, with
  their name and form tokens, is never served to another, and the actor the accounts layer
  resolved for this request (a user disabled a moment ago is the public again);
- the data: store/version.py's data version, which every write bumps, and today's date (the
  default evaluation year and "today" in the pages).

Never by time: a write makes the next request recompute. The version costs one indexed query per
request, read by ActorMiddleware in the same worker-thread trip as the credential (web/auth.py), or
here when the application has no ActorMiddleware. Account and sign-in pages are never kept. The
size is bounded (PLANTRACK_PAGE_CACHE_MB, default 64; 0 turns the cache off), least recently used
out first. Each server process has its
own cache (plantrack serve --workers): they agree because they key on the same data version.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
from collections import OrderedDict
from datetime import date

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..store.version import engine_of, read_data_version

MAX_BODY = 2 * 1024 * 1024
# Account pages, and the audit trail, which lists the sign-ins the data version leaves out
# (store/version.SILENT_PREFIX); static files have their own caching headers.
NEVER = ("/account", "/login", "/logout", "/users", "/tokens", "/audit", "/static")
VARY = (b"accept", b"accept-encoding", b"hx-request", b"authorization", b"cookie")


def budget() -> int:
    raw = os.environ.get("PLANTRACK_PAGE_CACHE_MB", "64").strip()
    try:
        return max(0, int(float(raw) * 1024 * 1024))
    except ValueError:
        return 64 * 1024 * 1024


class PageCache:
    """A thread-safe LRU of (status, headers, body) bounded by the bytes of the bodies."""

    def __init__(self) -> None:
        self._data: OrderedDict = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key):
        with self._lock:
            hit = self._data.get(key)
            if hit is None:
                self.misses += 1
                return None
            self._data.move_to_end(key)
            self.hits += 1
            return hit

    def put(self, key, value, limit: int) -> None:
        size = len(value[2])
        with self._lock:
            if key in self._data:
                return
            self._data[key] = value
            self._bytes += size
            while self._bytes > limit and self._data:
                _, old = self._data.popitem(last=False)
                self._bytes -= len(old[2])

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._bytes = 0


class PageCacheMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.cache = PageCache()
        self._computing: dict = {}  # key -> asyncio.Lock while one request computes that page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = budget()
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or limit == 0 \
                or scope["path"].startswith(NEVER):
            await self.app(scope, receive, send)
            return
        version = (scope.get("state") or {}).get("data_version")  # read by ActorMiddleware (web/auth.py)
        if version is None:
            version = await anyio.to_thread.run_sync(_version, scope["app"].state.session_factory)
        key = _key(scope, version)
        if await self._answer_from_cache(key, send):
            return
        # One computation per page at a time: twenty users opening the same page after a write
        # wait for the first one's result instead of all computing it at once.
        lock = self._computing.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                if await self._answer_from_cache(key, send):
                    return
                await self._compute(scope, receive, send, key, limit)
        finally:
            if not lock.locked() and self._computing.get(key) is lock:
                del self._computing[key]

    async def _answer_from_cache(self, key, send: Send) -> bool:
        hit = self.cache.get(key)
        if hit is None:
            return False
        status, headers, body = hit
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        return True

    async def _compute(self, scope: Scope, receive: Receive, send: Send, key, limit: int) -> None:
        start: Message | None = None
        parts: list[bytes] = []
        keep = True

        async def recording_send(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200 and not any(k.lower() == b"set-cookie" for k, _ in message.get("headers", []))
            elif message["type"] == "http.response.body" and keep:
                parts.append(message.get("body", b""))
                keep = sum(map(len, parts)) <= MAX_BODY
                if keep and not message.get("more_body", False):
                    self.cache.put(key, (start["status"], list(start.get("headers", [])), b"".join(parts)), limit)
            await send(message)

        await self.app(scope, receive, recording_send)


def _version(factory) -> tuple:
    return read_data_version(engine_of(factory))


def _key(scope: Scope, version: tuple) -> tuple:
    headers = dict(scope.get("headers") or [])
    varying = hashlib.sha256(b"\0".join(headers.get(h, b"") for h in VARY)).hexdigest()
    actor = (scope.get("state") or {}).get("actor")  # as resolved now: a disabled user is the public again
    who = tuple(getattr(actor, f, None) for f in ("name", "role", "region_code", "unit", "user_id"))
    return (scope["method"], scope["path"], scope.get("query_string", b""), varying, who, version, date.today())
