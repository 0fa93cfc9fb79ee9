"""Sign-ins and user changes reach the audit trail (plantrack.audit, merged from the audit work)
through accounts/events.py: one call per attempt or change, and never a password."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plantrack.accounts import events
from plantrack.api import create_app
from plantrack.cli import app as cli

from ..userfixtures import PASSWORD, add_user


class Recorder:
    def __init__(self):
        self.calls = []

    def record_login(self, session, login, success, address=None, user_id=None, role=None, reason=None):
        self.calls.append(("login", login, success, role, reason))

    def record_user_change(self, session, actor, login, before, after, note=None):
        self.calls.append(("user", actor.name, login, before, after, note))


@pytest.fixture
def recorder(monkeypatch):
    rec = Recorder()
    monkeypatch.setattr(events, "_audit", rec)
    return rec


def test_sign_ins_are_recorded_with_their_outcome(session_factory, recorder):
    add_user(session_factory, "yc", "planning", region="140800")
    client = TestClient(create_app(session_factory))
    for password in ("wrong-password", PASSWORD):
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"login": "yc", "password": password, "csrf_token": token}, follow_redirects=False)
    assert recorder.calls == [("login", "yc", False, None, "帐号或密码不正确。"), ("login", "yc", True, "planning", None)]


def test_user_changes_on_the_cli_are_recorded_as_the_local_operator(store_url, tmp_path, monkeypatch, recorder):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path))
    runner = CliRunner()
    runner.invoke(cli, ["users", "add", "u", "--role", "unit", "--region", "140800"], input="piped-pass-1\n")
    runner.invoke(cli, ["users", "disable", "u"])
    created, disabled = recorder.calls
    assert created[:4] == ("user", "本机管理员", "u", None) and created[4]["role"] == "unit"
    assert disabled[3]["disabled"] is False and disabled[4]["disabled"] is True
    assert "piped-pass-1" not in str(recorder.calls) and "argon2" not in str(recorder.calls)
