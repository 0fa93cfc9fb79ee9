"""Accounts in the store: passwords and tokens are never kept in clear, wrong passwords lock the
account, disabled accounts and ended, revoked or expired credentials sign nobody in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from plantrack.accounts.secrets_ import token_hash
from plantrack.accounts.service import (
    LOCK_MINUTES, MAX_FAILURES, AccountError, LoginRefused, authenticate, change_password, create_token, create_user,
    disable_user, end_session, ensure_admin, revoke_token, session_user, set_password, start_session, token_user, utcnow,
)
from plantrack.store.models import ApiToken, User, UserSession


def test_a_password_is_stored_as_an_argon2_hash(session_factory):
    with session_factory.begin() as s:
        user, generated = create_user(s, "yc", "planning", "s3cret-pass", region="运城市")
        assert generated is None
        assert user.password_hash.startswith("$argon2") and "s3cret-pass" not in user.password_hash
        assert user.region_code == "140800"
    with session_factory() as s:
        assert authenticate(s, "yc", "s3cret-pass").login == "yc"


def test_a_generated_password_is_returned_once_and_works(session_factory):
    with session_factory.begin() as s:
        _, generated = create_user(s, "eval", "evaluator")
        assert generated and len(generated) >= 12
    with session_factory() as s:
        assert authenticate(s, "eval", generated).role == "evaluator"


@pytest.mark.parametrize("kwargs, message", [
    ({"login": "u", "role": "unit"}, "须指定所属地区"),
    ({"login": "u", "role": "owner"}, "未知角色"),
    ({"login": "a b", "role": "admin"}, "不能含空白"),
    ({"login": "u", "role": "unit", "region": "火星市"}, "找不到地区"),
    ({"login": "u", "role": "admin", "password": "short"}, "至少 8 个字符"),
])
def test_bad_accounts_are_refused_in_chinese(session_factory, kwargs, message):
    with session_factory() as s:
        with pytest.raises(AccountError, match=message):
            create_user(s, **kwargs)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(session_factory):
    with session_factory.begin() as s:
        create_user(s, "yc", "planning", "right-pass-1", region="140800")
    now = utcnow()
    for _ in range(MAX_FAILURES - 1):
        with session_factory.begin() as s, pytest.raises(LoginRefused, match="帐号或密码不正确"):
            authenticate(s, "yc", "wrong", now)
    with session_factory.begin() as s, pytest.raises(LoginRefused, match="锁定"):
        authenticate(s, "yc", "wrong", now)
    with session_factory.begin() as s, pytest.raises(LoginRefused, match="锁定"):
        authenticate(s, "yc", "right-pass-1", now + timedelta(minutes=LOCK_MINUTES - 1))
    with session_factory.begin() as s:
        assert authenticate(s, "yc", "right-pass-1", now + timedelta(minutes=LOCK_MINUTES + 1)).login == "yc"


def test_an_unknown_login_and_a_wrong_password_get_the_same_answer(session_factory):
    with session_factory.begin() as s:
        create_user(s, "yc", "planning", "right-pass-1", region="140800")
    with session_factory() as s:
        with pytest.raises(LoginRefused) as unknown:
            authenticate(s, "nobody", "right-pass-1")
        with pytest.raises(LoginRefused) as wrong:
            authenticate(s, "yc", "wrong-pass")
    assert str(unknown.value) == str(wrong.value)


def test_a_disabled_user_cannot_sign_in_and_its_sessions_and_tokens_stop(session_factory):
    with session_factory.begin() as s:
        user, _ = create_user(s, "u", "unit", "right-pass-1", region="140800")
        cookie, _ = start_session(s, user)
        token, _ = create_token(s, "u")
    with session_factory() as s:
        assert session_user(s, cookie) is not None and token_user(s, token) is not None
    with session_factory.begin() as s:
        disable_user(s, "u")
    with session_factory() as s:
        assert session_user(s, cookie) is None
        assert token_user(s, token) is None
        with pytest.raises(LoginRefused, match="已停用"):
            authenticate(s, "u", "right-pass-1")
        assert s.scalar(select(User).where(User.login == "u")) is not None  # disabled, not deleted


def test_tokens_are_stored_hashed_and_stop_when_revoked_or_expired(session_factory):
    with session_factory.begin() as s:
        create_user(s, "bot", "evaluator", "right-pass-1")
        token, row = create_token(s, "bot", "script", days=1)
        expired, old = create_token(s, "bot", "old", days=1)
        old.expires_at = utcnow() - timedelta(seconds=1)
        token_id = row.id
    with session_factory() as s:
        stored = s.scalar(select(ApiToken).where(ApiToken.id == token_id))
        assert stored.token_hash == token_hash(token) and token not in stored.token_hash
        assert token_user(s, token).user.login == "bot"
        assert token_user(s, expired) is None
        assert token_user(s, "not-a-token") is None
    with session_factory.begin() as s:
        revoke_token(s, token_id)
    with session_factory() as s:
        assert token_user(s, token) is None
        assert s.get(ApiToken, token_id).revoked_at is not None


def test_a_session_ends_at_logout_and_after_its_time(session_factory):
    with session_factory.begin() as s:
        user, _ = create_user(s, "a", "admin", "right-pass-1")
        cookie, row = start_session(s, user)
    with session_factory() as s:
        assert s.scalar(select(UserSession)).token_hash == token_hash(cookie)
        assert session_user(s, cookie, utcnow() + timedelta(hours=13)) is None
    with session_factory.begin() as s:
        end_session(s, cookie)
    with session_factory() as s:
        assert session_user(s, cookie) is None


def test_changing_or_resetting_a_password_ends_the_other_sessions(session_factory):
    with session_factory.begin() as s:
        user, _ = create_user(s, "a", "admin", "right-pass-1")
        here, mine = start_session(s, user)
        there, _ = start_session(s, user)
    with session_factory.begin() as s:
        user = s.scalar(select(User))
        with pytest.raises(AccountError, match="原密码不正确"):
            change_password(s, user, "wrong-pass", "new-pass-22")
        change_password(s, user, "right-pass-1", "new-pass-22", keep_session=s.get(UserSession, mine.id))
    with session_factory() as s:
        assert session_user(s, here) is not None and session_user(s, there) is None
        assert authenticate(s, "a", "new-pass-22")
    with session_factory.begin() as s:
        _, generated = set_password(s, "a")
    with session_factory() as s:
        assert session_user(s, here) is None
        assert authenticate(s, "a", generated)


def test_first_run_makes_one_administrator_only(session_factory):
    with session_factory.begin() as s:
        user, password = ensure_admin(s)
        assert user.role == "admin" and password
    with session_factory.begin() as s:
        assert ensure_admin(s) is None
    with session_factory.begin() as s:
        disable_user(s, "admin")
        again, given = ensure_admin(s, password="from-env-pass")
        assert again.login != "admin" and given is None


def test_an_address_with_too_many_failures_waits_whatever_account_it_tries():
    from plantrack.accounts.throttle import FailureWindow

    window, now = FailureWindow(limit=3, minutes=15), utcnow()
    for i in range(3):
        assert window.blocked_for("10.0.0.9", now) is None
        window.failed("10.0.0.9", now + timedelta(minutes=i))
    assert window.blocked_for("10.0.0.9", now + timedelta(minutes=3)) == timedelta(minutes=12)
    assert window.blocked_for("10.0.0.8", now) is None  # another address
    assert window.blocked_for("10.0.0.9", now + timedelta(minutes=15)) is None  # the first failure has aged out
