"""Overdue lists and e-mail reminders, sent to a local SMTP sink (aiosmtpd) on a free port."""

from __future__ import annotations

import json
import socket
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from typer.testing import CliRunner

from plantrack.cli import app
from plantrack.duties.reminders import overdue_summary, send_reminders, smtp_settings
from plantrack.duties.reporting import Entry, owed, save

from .reporting_fixtures import FORESTRY, OFFICE, PLAN, TODAY, reporting_store  # noqa: F401


class Sink:
    """Keeps every message the server receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.original_content)))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("PLANTRACK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PLANTRACK_SMTP_PORT", str(port))
    monkeypatch.setenv("PLANTRACK_SMTP_FROM", "plantrack@fgw.example.org")
    yield sink
    controller.stop()


def _text(header) -> str:
    return str(make_header(decode_header(header)))


def test_the_overdue_list_per_unit_and_per_region(reporting_store):
    with reporting_store() as s:
        summary = overdue_summary(s, OFFICE, TODAY)
    # 森林覆盖率 was due 2026-06-30; the project's 2026 report is due 2026-12-31, not yet overdue
    assert [(r["item"], r["due"], r["days_overdue"]) for r in summary["items"]] == [("森林覆盖率", "2026-06-30", 156)]
    assert [(u["unit"], u["count"]) for u in summary["by_unit"]] == [("市林业局", 1)]
    assert [(g["region"], g["count"]) for g in summary["by_region"]] == [("运城市", 1)]
    with reporting_store.begin() as s:  # submitted is no longer overdue
        o = next(o for o in owed(s, FORESTRY, TODAY))
        save(s, FORESTRY, o, Entry(value="43.6", source_title="年报"), submit=True)
    with reporting_store() as s:
        assert overdue_summary(s, OFFICE, TODAY)["total"] == 0


def test_reminders_are_mailed_to_the_units_address(reporting_store, smtp):
    with reporting_store() as s:
        result = send_reminders(s, OFFICE, TODAY, smtp_settings())
    assert result["sent"] == [{"unit": "市林业局", "to": ["linye@example.org"], "items": 1,
                               "subject": "【填报提醒】市林业局有 1 项填报已逾期"}]
    assert len(smtp.messages) == 1
    to, msg = smtp.messages[0]
    assert to == ["linye@example.org"] and msg["From"] == "plantrack@fgw.example.org"
    assert _text(msg["Subject"]) == "【填报提醒】市林业局有 1 项填报已逾期"
    body = msg.get_payload(decode=True).decode(msg.get_content_charset())
    assert "森林覆盖率" in body and "2026-06-30" in body and "已逾期 156 天" in body and PLAN in body


def test_the_command_sends_or_with_dry_run_only_lists(reporting_store, smtp):
    runner = CliRunner()
    dry = runner.invoke(app, ["reminders", "send", "--dry-run", "--today", TODAY.isoformat(), "--format", "json"])
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.stdout)["would_send"][0]["to"] == ["linye@example.org"] and smtp.messages == []
    sent = runner.invoke(app, ["reminders", "send", "--today", TODAY.isoformat()])
    assert sent.exit_code == 0, sent.output
    assert "已发送：市林业局 → linye@example.org" in sent.stdout and len(smtp.messages) == 1


def test_without_smtp_nothing_is_sent_and_the_command_says_so(reporting_store, monkeypatch):
    monkeypatch.delenv("PLANTRACK_SMTP_HOST", raising=False)
    out = CliRunner().invoke(app, ["reminders", "send", "--today", TODAY.isoformat()])
    assert out.exit_code == 0 and "未配置邮件服务器" in out.stdout and "将发送：市林业局" in out.stdout
    listed = CliRunner().invoke(app, ["reporting", "overdue", "--today", TODAY.isoformat(), "--format", "json"])
    assert json.loads(listed.stdout)["by_unit"][0]["unit"] == "市林业局"


def test_the_office_sets_the_frequency_from_the_command_line(reporting_store):
    out = CliRunner().invoke(app, ["reporting", "frequency", PLAN, "half", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["frequency"] == "half"
    bad = CliRunner().invoke(app, ["reporting", "frequency", PLAN, "monthly"])
    assert bad.exit_code == 1 and "填报周期应为" in bad.output
    with reporting_store() as s:
        assert [o.period for o in owed(s, FORESTRY, TODAY)] == ["2026H1", "2026H2"]
