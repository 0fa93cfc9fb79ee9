"""Who a bearer token or session cookie is, on every request, without loading the user each time.

Every request resolves its credential (web/auth.py). Loading the token or session row and its user
through the ORM cost about 0.8 ms of CPU a request, a third of what a cached page costs to serve.
Here the loaded answer (accounts.service.SignedIn) is kept per process, and each request checks it
against the store with one indexed statement that reads the credential's row and its user's row
(raw_query, about 0.03 ms): if every column that decides who the credential is and whether it may
sign in is unchanged — revoked or ended, expiry, the user's login, role, region, unit, disabled,
updated_at — the kept answer is used; otherwise it is loaded again as service.token_user and
session_user load it. Expiry is checked against the clock on every use.

So nothing is cached by time: a token revoked, a session ended or a user disabled or changed, by
this process, another worker or the CLI, is refused or re-read on the very next request, exactly as
before. The kept objects are detached ORM rows shared by concurrent requests, which only read them
(a view that writes merges them into its own session, as account.py does).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from ..store.models import ApiToken, User, UserSession
from ..store.version import engine_of, raw_query
from .secrets_ import token_hash
from .service import SignedIn, aware, session_user, token_user, utcnow

MAX_ENTRIES = 4096
USER_COLUMNS = ("id", "login", "display_name", "role", "region_code", "unit_name", "disabled", "updated_at")
_U = ", ".join(f"u.{c}" for c in USER_COLUMNS)
TOKEN_SQL = (f"SELECT t.id, t.user_id, t.expires_at, t.revoked_at, {_U} FROM {ApiToken.__tablename__} t "
             f"JOIN {User.__tablename__} u ON u.id = t.user_id WHERE t.token_hash = ?")
SESSION_SQL = (f"SELECT s.id, s.user_id, s.expires_at, s.ended_at, s.csrf_token, {_U} FROM {UserSession.__tablename__} s "
               f"JOIN {User.__tablename__} u ON u.id = s.user_id WHERE s.token_hash = ?")


class CredentialCache:
    """(kind, hash of the credential) -> (the rows' fingerprint, SignedIn or None), least recently used out."""

    def __init__(self, size: int = MAX_ENTRIES) -> None:
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._size = size
        self.loads = 0  # how many times a credential was loaded through the ORM (tests read it)

    def by_token(self, factory, token: str, now: datetime | None = None) -> SignedIn | None:
        return self._resolve(factory, "token", TOKEN_SQL, token, token_user, now)

    def by_cookie(self, factory, cookie: str, now: datetime | None = None) -> SignedIn | None:
        return self._resolve(factory, "session", SESSION_SQL, cookie, session_user, now)

    def _resolve(self, factory, kind: str, sql: str, secret: str,
                 load: Callable[[Session, str], SignedIn | None], now: datetime | None) -> SignedIn | None:
        digest = token_hash(secret)
        fingerprint = raw_query(engine_of(factory), sql, (digest,))
        if fingerprint is None:
            return None  # no such credential: nothing to keep
        key = (kind, digest)
        with self._lock:
            kept = self._data.get(key)
            if kept is not None:
                self._data.move_to_end(key)
        if kept is not None and kept[0] == fingerprint:
            signed = kept[1]
            return signed if signed is not None and _live(signed, now or utcnow()) else None
        with factory() as session:
            signed = load(session, secret)
        self.loads += 1
        with self._lock:
            self._data[key] = (fingerprint, signed)
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)
        return signed

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


def _live(signed: SignedIn, now: datetime) -> bool:
    """What token_user and session_user check against the clock (the rest is in the fingerprint)."""
    row = signed.token if signed.token is not None else signed.session
    expires = aware(row.expires_at) if row is not None else None
    return expires is None or expires > now
