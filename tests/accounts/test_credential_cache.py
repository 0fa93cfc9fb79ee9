"""Credentials are kept per process and checked against their rows on every request
(accounts/credential_cache.py): loaded once while nothing changes, loaded again at once when
anything that decides who they are changes, by whatever path it changes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from plantrack.accounts.credential_cache import CredentialCache
from plantrack.accounts.service import create_token, disable_user, end_session, revoke_token, start_session, utcnow
from plantrack.store.models import ApiToken

from ..dbfixtures import session_factory, store_url  # noqa: F401
from ..userfixtures import add_user


def token_for(factory, login: str, days: int | None = 30) -> str:
    with factory.begin() as s:
        token, _ = create_token(s, login, "tests", days)
    return token


def test_a_token_is_loaded_once_while_nothing_changes(session_factory):  # noqa: F811
    add_user(session_factory, "yc", "planning", region="140800")
    token = token_for(session_factory, "yc")
    cache = CredentialCache()
    first = cache.by_token(session_factory, token)
    assert first.user.login == "yc"
    assert cache.by_token(session_factory, token) is first
    assert cache.by_token(session_factory, token) is first
    assert cache.loads == 1
    assert cache.by_token(session_factory, "not-a-token") is None


def test_a_change_made_behind_the_services_back_is_seen_at_once(session_factory):  # noqa: F811
    """An UPDATE in plain SQL (no audit event, no updated_at): the rows themselves are compared."""
    add_user(session_factory, "yc", "planning", region="140800")
    token = token_for(session_factory, "yc")
    cache = CredentialCache()
    assert cache.by_token(session_factory, token).user.role == "planning"
    with session_factory.begin() as s:
        s.execute(text("UPDATE app_user SET role = 'evaluator' WHERE login = 'yc'"))
    assert cache.by_token(session_factory, token).user.role == "evaluator"
    with session_factory.begin() as s:
        s.execute(text("UPDATE app_user SET disabled = :yes WHERE login = 'yc'"), {"yes": True})
    assert cache.by_token(session_factory, token) is None


def test_revoked_and_disabled_are_refused_on_the_next_lookup(session_factory):  # noqa: F811
    add_user(session_factory, "yc", "planning", region="140800")
    add_user(session_factory, "xz", "planning", region="140900")
    yc, xz = token_for(session_factory, "yc"), token_for(session_factory, "xz")
    cache = CredentialCache()
    assert cache.by_token(session_factory, yc) and cache.by_token(session_factory, xz)
    with session_factory.begin() as s:
        revoke_token(s, s.query(ApiToken).filter(ApiToken.user_id == cache.by_token(session_factory, yc).user.id).one().id)
        disable_user(s, "xz")
    assert cache.by_token(session_factory, yc) is None
    assert cache.by_token(session_factory, xz) is None


def test_expiry_is_checked_against_the_clock_each_time(session_factory):  # noqa: F811
    add_user(session_factory, "yc", "planning", region="140800")
    token = token_for(session_factory, "yc", days=1)
    cache = CredentialCache()
    assert cache.by_token(session_factory, token) is not None
    assert cache.by_token(session_factory, token, now=utcnow() + timedelta(days=2)) is None
    assert cache.loads == 1  # nothing in the store changed: the kept answer, refused by the clock


def test_an_ended_session_is_refused_on_the_next_lookup(session_factory):  # noqa: F811
    add_user(session_factory, "yc", "planning", region="140800")
    with session_factory.begin() as s:
        from plantrack.accounts.service import find_user

        cookie, _ = start_session(s, find_user(s, "yc"))
    cache = CredentialCache()
    signed = cache.by_cookie(session_factory, cookie)
    assert signed.user.login == "yc" and signed.session.csrf_token
    assert cache.by_cookie(session_factory, cookie) is signed
    with session_factory.begin() as s:
        end_session(s, cookie)
    assert cache.by_cookie(session_factory, cookie) is None
