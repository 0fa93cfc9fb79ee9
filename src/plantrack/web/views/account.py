"""登录、退出、修改密码: signing in to the web pages with a server-side session.

The session cookie is HttpOnly (no script can read it), SameSite=Lax (another site's form post does
not carry it), Secure when the page was served over HTTPS, and holds a random token whose sha256
is the UserSession row; logging out ends that row, so a copied cookie stops working too. Failed
sign-ins are counted and lock the account (accounts/service.authenticate). The pages have JSON
twins like every page; the password is never part of one.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from ...accounts.events import login_attempted, user_changed, user_fields
from ...accounts.service import (
    ROLE_LABELS, SESSION_HOURS, AccountError, LoginRefused, authenticate, change_password, end_session, start_session, utcnow,
)
from ...accounts.throttle import FailureWindow
from ...store.models import User
from ..auth import SESSION_COOKIE, actor_of, allow, client_address, signed_in
from ..render import render

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site only (never //host or a full URL)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _login_page(request: Request, next_url: str, error: str | None = None, login: str = "", status: int = 200):
    data = {"next": next_url, "error": error, "login": login}
    return render(request, "login.html", data, title="登录", status=status, crumbs=[("/", "首页"), (None, "登录")])


def _throttle(request: Request) -> FailureWindow:
    """Failed sign-ins per client address, one window per application (accounts/throttle.py)."""
    state = request.app.state
    if not hasattr(state, "login_throttle"):
        state.login_throttle = FailureWindow()
    return state.login_throttle


@router.get("/login", include_in_schema=False, dependencies=[allow("site.read")])
def login_page(request: Request, next: str = "/"):
    return _login_page(request, safe_next(next))


@router.post("/login", include_in_schema=False, dependencies=[allow("site.read")])
def login(request: Request, login: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
          next: Annotated[str, Form()] = "/"):
    next_url = safe_next(next)
    factory = request.app.state.session_factory
    with factory() as session:
        address = client_address(request.scope)
        throttle = _throttle(request)
        now = utcnow()
        wait = throttle.blocked_for(address, now)
        if wait is not None:
            message = f"登录失败次数过多，请 {int(wait.total_seconds() // 60) + 1} 分钟后再试。"
            login_attempted(session, login.strip()[:100], None, address, message)
            session.commit()
            return _login_page(request, next_url, message, login, status=429)
        try:
            user = authenticate(session, login, password, now)
        except LoginRefused as exc:
            throttle.failed(address, now)
            login_attempted(session, login.strip()[:100], None, address, str(exc))
            session.commit()  # the failure count is the point of refusing
            return _login_page(request, next_url, str(exc), login, status=401)
        cookie, row = start_session(session, user, address)
        login_attempted(session, user.login, user, address)
        session.commit()
    response = RedirectResponse(next_url, status_code=303)
    response.set_cookie(SESSION_COOKIE, cookie, max_age=SESSION_HOURS * 3600, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")
    return response


@router.post("/logout", include_in_schema=False, dependencies=[allow("account.self")])
def logout(request: Request):
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        with request.app.state.session_factory() as session:
            end_session(session, cookie)
            session.commit()
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https")
    return response


def _account(request: Request) -> dict:
    actor = actor_of(request)
    return {"login": actor.name, "role": actor.role, "role_label": ROLE_LABELS.get(actor.role, actor.role),
            "region_code": actor.region_code, "unit": actor.unit}


def _password_page(request: Request, error: str | None = None, done: bool = False, status: int = 200):
    data = {"account": _account(request), "error": error, "done": done}
    return render(request, "password.html", data, title="修改密码", status=status,
                  crumbs=[("/", "首页"), (None, "修改密码")])


@router.get("/account/password", include_in_schema=False, dependencies=[allow("account.self")])
def password_page(request: Request):
    return _password_page(request)


@router.post("/account/password", include_in_schema=False, dependencies=[allow("account.self")])
def password_change(request: Request, old: Annotated[str, Form()] = "", new: Annotated[str, Form()] = "",
                    again: Annotated[str, Form()] = ""):
    if new != again:
        return _password_page(request, "两次输入的新密码不一致。", status=422)
    signed = signed_in(request)
    with request.app.state.session_factory() as session:
        user = session.get(User, signed.user.id)
        keep = signed.session and session.merge(signed.session, load=True)
        try:
            change_password(session, user, old, new, keep_session=keep)
        except AccountError as exc:
            return _password_page(request, str(exc), status=422)
        user_changed(session, actor_of(request), user, user_fields(user), note="本人修改密码")
        session.commit()
    return _password_page(request, done=True)
