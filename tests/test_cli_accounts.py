"""`plantrack users …` and `plantrack token …`: passwords from standard input or generated and shown
once, tokens shown once, Chinese errors with exit code 2, and the first-run administrator."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plantrack.accounts.service import authenticate
from plantrack.api import create_app
from plantrack.cli import app
from plantrack.store.db import open_store

runner = CliRunner()


def run(*args, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


@pytest.fixture
def store(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PLANTRACK_ADMIN_PASSWORD", raising=False)
    return store_url


def test_users_add_reads_the_password_from_stdin(store):
    result = run("users", "add", "yc", "--role", "planning", "--region", "运城市", "--unit", "运城市发展改革委",
                 input="piped-pass-1\n")
    assert result.exit_code == 0, result.output
    assert "已新建帐号 yc（规划管理，地区 140800）" in result.stderr
    assert result.stdout == ""
    with open_store()() as s:
        assert authenticate(s, "yc", "piped-pass-1").unit_name == "运城市发展改革委"


def test_users_add_generates_a_password_and_prints_it_once(store):
    result = run("users", "add", "eval", "--role", "evaluator", input="")
    assert result.exit_code == 0, result.output
    password = result.stdout.strip()
    assert len(password) >= 12 and "只显示这一次" in result.stderr
    with open_store()() as s:
        assert authenticate(s, "eval", password)
    listed = json.loads(run("users", "list", "--format", "json").stdout)
    assert listed == [{"id": 1, "login": "eval", "display_name": "eval", "role": "evaluator", "region_code": None,
                       "unit": None, "disabled": False, "locked": False}]
    assert password not in run("users", "list").stdout


@pytest.mark.parametrize("args, message", [
    (["users", "add", "u", "--role", "unit"], "须指定所属地区"),
    (["users", "add", "u", "--role", "unit", "--region", "火星市"], "找不到地区"),
    (["users", "disable", "nobody"], "没有名为“nobody”的帐号"),
    (["token", "create", "nobody"], "没有名为“nobody”的帐号"),
    (["token", "revoke", "99"], "没有编号为 99 的令牌"),
])
def test_errors_are_chinese_with_exit_code_2(store, args, message):
    result = run(*args, input="")
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_token_acts_as_its_user_until_revoked(store):
    run("users", "add", "yc", "--role", "planning", "--region", "140800", input="piped-pass-1\n")
    made = run("token", "create", "yc", "--days", "7")
    assert made.exit_code == 0 and "编号 1" in made.stderr
    token = made.stdout.strip()
    client = TestClient(create_app(open_store()), headers={"Authorization": f"Bearer {token}"})
    assert client.get("/observations/new").status_code == 200
    assert run("token", "revoke", "1").exit_code == 0
    assert client.get("/observations/new").status_code == 401
    listed = json.loads(run("token", "list", "yc", "--format", "json").stdout)
    assert [(t["id"], t["login"], t["revoked"], t["expired"]) for t in listed] == [(1, "yc", True, False)]
    assert token not in run("token", "list").stdout


def test_disable_and_reset_password(store):
    run("users", "add", "u", "--role", "unit", "--region", "140800", input="piped-pass-1\n")
    reset = run("users", "reset-password", "u", input="")
    assert reset.exit_code == 0
    with open_store()() as s:
        assert authenticate(s, "u", reset.stdout.strip())
    assert run("users", "disable", "u").exit_code == 0
    assert json.loads(run("users", "list", "--format", "json").stdout)[0]["disabled"] is True


def test_first_run_creates_one_administrator_and_prints_its_password_once(store):
    first = run("users", "ensure-admin")
    assert first.exit_code == 0 and "已新建系统管理员帐号 admin" in first.stderr
    password = first.stdout.strip()
    with open_store()() as s:
        assert authenticate(s, "admin", password).role == "admin"
    again = run("users", "ensure-admin")
    assert again.exit_code == 0 and again.stdout == "" and again.stderr == ""


def test_first_run_takes_the_password_from_the_environment(store, monkeypatch):
    monkeypatch.setenv("PLANTRACK_ADMIN_PASSWORD", "from-env-pass-1")
    result = run("users", "ensure-admin")
    assert result.exit_code == 0 and result.stdout == ""
    with open_store()() as s:
        assert authenticate(s, "admin", "from-env-pass-1")
