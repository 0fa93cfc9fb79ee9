"""`plantrack users …` and `plantrack token …`: accounts and API tokens from the server's machine.

Registered on the main Typer app by cli.py (register(app)), kept in its own module so the account
commands grow without touching the other commands. These commands run as the local operator
(domain.actor.LOCAL_OPERATOR): whoever can run them can already open the database file.
Passwords are read from standard input (one line) or, when none is given, generated and printed
once; tokens are printed once. Neither is stored in clear.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum

import typer
from rich.console import Console

from .domain.actor import LOCAL_OPERATOR

err = Console(stderr=True)

users_app = typer.Typer(help="帐号：新建、列出、停用、重置密码。", no_args_is_help=True)
token_app = typer.Typer(help="API 令牌：为帐号生成或撤销（请求头 Authorization: Bearer 令牌）。", no_args_is_help=True)


class Role(str, Enum):
    admin = "admin"
    planning = "planning"
    unit = "unit"
    evaluator = "evaluator"


class ListFormat(str, Enum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.add_typer(token_app, name="token")


def _factory():
    from .store.db import open_store

    return open_store()


def _fail(message: str, code: int = 2):
    err.print(f"[red]错误：[/red]{message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _password_from_stdin() -> str | None:
    """One line from standard input when it is not a terminal; prompted (hidden) when it is.
    None (generate one) when nothing was given."""
    if sys.stdin is None:
        return None
    if sys.stdin.isatty():
        given = typer.prompt("密码（直接回车则自动生成）", default="", hide_input=True, show_default=False)
        if given:
            again = typer.prompt("再次输入密码", default="", hide_input=True, show_default=False)
            if again != given:
                _fail("两次输入的密码不一致。")
        return given or None
    line = sys.stdin.readline().rstrip("\r\n")
    return line or None


def _print_password(login: str, password: str) -> None:
    err.print(f"帐号 {login} 的密码如下，只显示这一次，请妥善保存：", highlight=False)
    sys.stdout.write(password + "\n")


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="帐号名（登录用）"),
    role: Role = typer.Option(..., "--role", help="角色：admin 系统管理员、planning 规划管理、unit 牵头单位、evaluator 评估人员"),
    region: str = typer.Option(None, "--region", help="所属地区（区划代码或名称）；规划管理、牵头单位必填"),
    unit: str = typer.Option(None, "--unit", help="单位名称（牵头单位）"),
    display_name: str = typer.Option(None, "--display-name", help="显示名称（默认同帐号名）"),
) -> None:
    """新建帐号。密码从标准输入读取一行；未提供时自动生成并只显示一次。"""
    from .accounts.events import user_changed
    from .accounts.service import ROLE_LABELS, AccountError, create_user

    password = _password_from_stdin()
    factory = _factory()
    try:
        with factory.begin() as session:
            user, generated = create_user(session, name, role.value, password, display_name=display_name,
                                          region=region, unit=unit)
            user_changed(session, LOCAL_OPERATOR, user, None)
            where = f"，地区 {user.region_code}" if user.region_code else ""
            err.print(f"已新建帐号 {user.login}（{ROLE_LABELS[user.role]}{where}）。", highlight=False)
    except AccountError as exc:
        _fail(str(exc))
    if generated:
        _print_password(name, generated)


@users_app.command("list")
def users_list(format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table 或 json")) -> None:
    """列出全部帐号（含已停用的）。"""
    from .accounts.service import ROLE_LABELS, aware, list_users, utcnow

    with _factory()() as session:
        now = utcnow()
        rows = [{"id": u.id, "login": u.login, "display_name": u.display_name, "role": u.role,
                 "region_code": u.region_code, "unit": u.unit_name, "disabled": u.disabled,
                 "locked": bool(u.locked_until and aware(u.locked_until) > now)} for u in list_users(session)]
    if format is ListFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    from rich.table import Table

    table = Table("编号", "帐号", "名称", "角色", "地区", "单位", "状态")
    for r in rows:
        state = "已停用" if r["disabled"] else ("已锁定" if r["locked"] else "正常")
        table.add_row(str(r["id"]), r["login"], r["display_name"], ROLE_LABELS.get(r["role"], r["role"]),
                      r["region_code"] or "", r["unit"] or "", state)
    Console().print(table)


@users_app.command("disable")
def users_disable(name: str = typer.Argument(..., help="帐号名")) -> None:
    """停用帐号：不能再登录，已登录的会话和 API 令牌随即失效。帐号本身保留。"""
    from .accounts.events import user_changed, user_fields
    from .accounts.service import AccountError, disable_user, require_user

    try:
        with _factory().begin() as session:
            before = user_fields(require_user(session, name))
            user_changed(session, LOCAL_OPERATOR, disable_user(session, name), before)
    except AccountError as exc:
        _fail(str(exc))
    err.print(f"已停用帐号 {name}。", highlight=False)


@users_app.command("reset-password")
def users_reset_password(name: str = typer.Argument(..., help="帐号名")) -> None:
    """重置密码（并解除锁定）。新密码从标准输入读取一行；未提供时自动生成并只显示一次。"""
    from .accounts.events import user_changed, user_fields
    from .accounts.service import AccountError, set_password

    password = _password_from_stdin()
    try:
        with _factory().begin() as session:
            user, generated = set_password(session, name, password)
            user_changed(session, LOCAL_OPERATOR, user, user_fields(user), note="重置密码")
    except AccountError as exc:
        _fail(str(exc))
    err.print(f"已重置帐号 {name} 的密码，其已登录的会话均已退出。", highlight=False)
    if generated:
        _print_password(name, generated)


@users_app.command("ensure-admin")
def users_ensure_admin(name: str = typer.Option("admin", "--name", help="新建管理员的帐号名")) -> None:
    """首次运行：没有可用的系统管理员时新建一个（密码取自 PLANTRACK_ADMIN_PASSWORD，或自动生成并只显示一次）。"""
    from .accounts.events import user_changed
    from .accounts.service import AccountError, ensure_admin

    try:
        with _factory().begin() as session:
            made = ensure_admin(session, name, os.environ.get("PLANTRACK_ADMIN_PASSWORD") or None)
            if made:
                user_changed(session, LOCAL_OPERATOR, made[0], None, note="首次运行")
            login = made[0].login if made else None
    except AccountError as exc:
        _fail(f"{exc}（PLANTRACK_ADMIN_PASSWORD）")
    if made is None:
        return
    err.print(f"已新建系统管理员帐号 {login}。", highlight=False)
    if made[1]:
        _print_password(login, made[1])


@token_app.command("create")
def token_create(
    name: str = typer.Argument(..., help="令牌所属的帐号名"),
    days: int = typer.Option(90, "--days", min=1, help="有效天数"),
    label: str = typer.Option(None, "--label", help="令牌用途说明"),
) -> None:
    """为帐号生成 API 令牌，只显示这一次。"""
    from .accounts.service import AccountError, create_token

    try:
        with _factory().begin() as session:
            token, row = create_token(session, name, label, days)
            token_id, expires = row.id, row.expires_at
    except AccountError as exc:
        _fail(str(exc))
    err.print(f"已为帐号 {name} 生成令牌（编号 {token_id}，{expires:%Y-%m-%d} 到期）。令牌只显示这一次：", highlight=False)
    sys.stdout.write(token + "\n")


@token_app.command("revoke")
def token_revoke(token_id: int = typer.Argument(..., help="令牌编号（token create 时显示）")) -> None:
    """撤销 API 令牌，立即失效。"""
    from .accounts.service import AccountError, revoke_token

    try:
        with _factory().begin() as session:
            revoke_token(session, token_id)
    except AccountError as exc:
        _fail(str(exc))
    err.print(f"已撤销令牌 {token_id}。", highlight=False)


@token_app.command("list")
def token_list(
    name: str = typer.Argument(None, help="只列出该帐号的令牌"),
    format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table 或 json"),
) -> None:
    """列出 API 令牌（编号、帐号、用途、到期、是否撤销；令牌本身不再显示）。"""
    from sqlalchemy import select

    from .accounts.service import aware, utcnow
    from .store.models import ApiToken, User

    with _factory()() as session:
        query = select(ApiToken, User.login).join(User, User.id == ApiToken.user_id).order_by(ApiToken.id)
        if name:
            query = query.where(User.login == name)
        now = utcnow()
        rows = [{"id": t.id, "login": login, "name": t.name,
                 "created_at": aware(t.created_at).isoformat(timespec="seconds"),
                 "expires_at": aware(t.expires_at).isoformat(timespec="seconds") if t.expires_at else None,
                 "revoked": t.revoked_at is not None,
                 "expired": bool(t.expires_at and aware(t.expires_at) <= now)} for t, login in session.execute(query)]
    if format is ListFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    from rich.table import Table

    table = Table("编号", "帐号", "用途", "到期", "状态")
    for r in rows:
        state = "已撤销" if r["revoked"] else ("已过期" if r["expired"] else "有效")
        table.add_row(str(r["id"]), r["login"], r["name"], (r["expires_at"] or "不过期")[:10], state)
    Console().print(table)
