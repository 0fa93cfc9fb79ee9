"""Accounts in the store: create and change users, sign in with throttling, sessions and API tokens.

Every function takes an open session and leaves committing to the caller, so a CLI command or a
request writes an account change in one transaction with anything else it does. Refusals are
AccountError with a Chinese message a person can act on. Nothing is deleted: users are disabled,
sessions ended, tokens revoked, so every row the audit trail names stays there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.actor import ROLES, Actor
from ..store.models import ApiToken, Region, User, UserSession
from .secrets_ import MIN_PASSWORD_LENGTH, hash_password, new_password, new_token, token_hash, verify_password

MAX_FAILURES = 5
"""Wrong passwords in a row before the account is locked."""
LOCK_MINUTES = 15
SESSION_HOURS = 12
"""A browser session ends this long after sign-in, whatever happens in between."""
ROLE_LABELS = {"admin": "系统管理员", "planning": "规划管理", "unit": "牵头单位", "evaluator": "评估人员"}
SCOPED_ROLES = ("planning", "unit")
"""Roles whose rights are bounded by a region, so an account of them must name one."""
# A hash to check a password against when the login is unknown, so that answering "no such user"
# takes as long as answering "wrong password" and timing does not tell which logins exist.
_DUMMY_HASH = hash_password("plantrack-no-such-user")


class AccountError(ValueError):
    """An account operation refused; the message is Chinese and says what to do."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def aware(dt: datetime | None) -> datetime | None:
    """SQLite gives timestamps back without their zone; they were written in UTC."""
    if dt is not None and dt.tzinfo is None:
        return dt.replace(tzinfo=timezone.utc)
    return dt


def actor_for(user: User, address: str | None = None) -> Actor:
    return Actor(name=user.login, role=user.role, user_id=user.id, region_code=user.region_code,
                 unit=user.unit_name, address=address)


# --- users ---------------------------------------------------------------------------------------


def find_user(session: Session, login: str) -> User | None:
    return session.scalar(select(User).where(User.login == login))


def require_user(session: Session, login: str) -> User:
    user = find_user(session, login)
    if user is None:
        raise AccountError(f"没有名为“{login}”的帐号。")
    return user


def resolve_region(session: Session, given: str) -> Region:
    """A region by its GB/T 2260 code or its full or short name (山西省, 运城市, 运城)."""
    given = given.strip()
    region = session.get(Region, given)
    if region is None:
        matches = list(session.scalars(select(Region).where(Region.name == given)))
        if not matches:
            matches = list(session.scalars(select(Region).where(Region.name.in_([given + s for s in ("省", "市", "县", "区")]))))
        if len(matches) > 1:
            names = "、".join(f"{r.name}（{r.code}）" for r in matches[:5])
            raise AccountError(f"地区“{given}”不唯一：{names}；请给出区划代码。")
        region = matches[0] if matches else None
    if region is None:
        raise AccountError(f"找不到地区“{given}”；请给出 6 位区划代码或地区全称。")
    return region


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"密码至少 {MIN_PASSWORD_LENGTH} 个字符。")


def create_user(session: Session, login: str, role: str, password: str | None = None, *,
                display_name: str | None = None, region: str | None = None, unit: str | None = None) -> tuple[User, str | None]:
    """A new account; (user, the generated password or None when one was given)."""
    login = login.strip()
    if not login or len(login) > 100 or any(ch.isspace() or ord(ch) < 32 for ch in login):
        raise AccountError("帐号名不能为空、不能含空白字符，且不超过 100 个字符。")
    if role not in ROLES:
        raise AccountError(f"未知角色“{role}”；可选：{'、'.join(f'{r}（{ROLE_LABELS[r]}）' for r in ROLES)}。")
    if find_user(session, login) is not None:
        raise AccountError(f"帐号“{login}”已存在。")
    region_code = resolve_region(session, region).code if region else None
    if role in SCOPED_ROLES and region_code is None:
        raise AccountError(f"{ROLE_LABELS[role]}帐号须指定所属地区（--region）。")
    generated = None
    if password is None:
        password = generated = new_password()
    check_password_strength(password)
    user = User(login=login, display_name=(display_name or login).strip(), password_hash=hash_password(password),
                role=role, region_code=region_code, unit_name=(unit or "").strip() or None, disabled=False,
                failed_logins=0)
    session.add(user)
    session.flush()
    return user, generated


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.id)))


def disable_user(session: Session, login: str) -> User:
    """Disable the account and end its sessions; its tokens stop working with it."""
    user = require_user(session, login)
    user.disabled = True
    _end_sessions(session, user)
    return user


def set_password(session: Session, login: str, password: str | None = None) -> tuple[User, str | None]:
    """Reset a password (an administrator's act): sessions end, the lock is lifted.
    (user, the generated password or None)."""
    user = require_user(session, login)
    generated = None
    if password is None:
        password = generated = new_password()
    check_password_strength(password)
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    _end_sessions(session, user)
    return user, generated


def change_password(session: Session, user: User, old: str, new: str, keep_session: UserSession | None = None) -> None:
    """A user's own change: the old password proves it is them; other sessions end."""
    if not verify_password(old, user.password_hash):
        raise AccountError("原密码不正确。")
    if new == old:
        raise AccountError("新密码不能与原密码相同。")
    check_password_strength(new)
    user.password_hash = hash_password(new)
    _end_sessions(session, user, keep=keep_session)


def ensure_admin(session: Session, login: str = "admin", password: str | None = None) -> tuple[User, str | None] | None:
    """First run: an administrator when the store has no enabled one. None when one exists;
    else (user, the generated password, or None when the password was given)."""
    exists = session.scalar(select(func.count()).select_from(User).where(User.role == "admin", User.disabled.is_(False)))
    if exists:
        return None
    if find_user(session, login) is not None:
        login = f"{login}-{utcnow():%Y%m%d%H%M%S}"
    return create_user(session, login, "admin", password, display_name="系统管理员")


# --- signing in ----------------------------------------------------------------------------------


class LoginRefused(AccountError):
    """Sign-in refused: wrong name or password, locked, or disabled."""


WRONG = "帐号或密码不正确。"


def authenticate(session: Session, login: str, password: str, now: datetime | None = None) -> User:
    """The user whose password this is, counting failures: MAX_FAILURES wrong passwords in a row
    lock the account for LOCK_MINUTES, during which even the right password is refused."""
    now = now or utcnow()
    user = find_user(session, login.strip())
    if user is None:
        verify_password(password, _DUMMY_HASH)
        raise LoginRefused(WRONG)
    locked = aware(user.locked_until)
    if locked and locked > now:
        minutes = max(1, int((locked - now).total_seconds() // 60) + 1)
        raise LoginRefused(f"连续输错密码次数过多，帐号已锁定，请 {minutes} 分钟后再试。")
    if not verify_password(password, user.password_hash):
        user.failed_logins = (user.failed_logins or 0) + 1
        if user.failed_logins >= MAX_FAILURES:
            user.failed_logins = 0
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            raise LoginRefused(f"连续 {MAX_FAILURES} 次密码错误，帐号锁定 {LOCK_MINUTES} 分钟。")
        raise LoginRefused(WRONG)
    if user.disabled:
        raise LoginRefused("该帐号已停用，请联系系统管理员。")
    user.failed_logins = 0
    user.locked_until = None
    return user


# --- sessions ------------------------------------------------------------------------------------


def start_session(session: Session, user: User, address: str | None = None) -> tuple[str, UserSession]:
    """A new browser session; (the cookie value, to send once, and its row)."""
    token = new_token()
    row = UserSession(user_id=user.id, token_hash=token_hash(token), csrf_token=new_token(),
                      address=(address or "")[:64] or None, expires_at=utcnow() + timedelta(hours=SESSION_HOURS))
    session.add(row)
    session.flush()
    return token, row


@dataclass
class SignedIn:
    user: User
    session: UserSession | None  # None when signed in by an API token
    token: ApiToken | None = None


def session_user(session: Session, cookie: str, now: datetime | None = None) -> SignedIn | None:
    """Who a session cookie belongs to, if the session is live and the user enabled."""
    now = now or utcnow()
    row = session.scalar(select(UserSession).where(UserSession.token_hash == token_hash(cookie)))
    if row is None or row.ended_at is not None or aware(row.expires_at) <= now:
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    return SignedIn(user, row)


def end_session(session: Session, cookie: str) -> None:
    row = session.scalar(select(UserSession).where(UserSession.token_hash == token_hash(cookie)))
    if row is not None and row.ended_at is None:
        row.ended_at = utcnow()


def _end_sessions(session: Session, user: User, keep: UserSession | None = None) -> None:
    for row in session.scalars(select(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))):
        if keep is None or row.id != keep.id:
            row.ended_at = utcnow()


# --- API tokens ----------------------------------------------------------------------------------


def create_token(session: Session, login: str, name: str | None = None, days: int | None = 90) -> tuple[str, ApiToken]:
    """A bearer token for login's user; (the token, shown once, and its row). days None: no expiry."""
    user = require_user(session, login)
    if user.disabled:
        raise AccountError(f"帐号“{login}”已停用，不能为其创建令牌。")
    if days is not None and days < 1:
        raise AccountError("有效天数至少为 1。")
    token = new_token()
    row = ApiToken(user_id=user.id, name=(name or f"{login} 的令牌")[:200], token_hash=token_hash(token),
                   expires_at=utcnow() + timedelta(days=days) if days else None)
    session.add(row)
    session.flush()
    return token, row


def revoke_token(session: Session, token_id: int) -> ApiToken:
    row = session.get(ApiToken, token_id)
    if row is None:
        raise AccountError(f"没有编号为 {token_id} 的令牌。")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
    return row


def token_user(session: Session, token: str, now: datetime | None = None) -> SignedIn | None:
    """Who a bearer token acts as, if it is neither revoked nor expired and its user is enabled."""
    now = now or utcnow()
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(token)))
    if row is None or row.revoked_at is not None:
        return None
    expires = aware(row.expires_at)
    if expires is not None and expires <= now:
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    return SignedIn(user, None, row)
