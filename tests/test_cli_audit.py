"""The CLI's writes are audited as the local operator, and `plantrack audit`, `publish` and
`unpublish` drive the trail and publication: JSON on stdout, Chinese errors with exit code 2."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from plantrack.cli import app

from .conftest import FIXTURES

runner = CliRunner()
PLAN = "jiangzhou"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def trail(*args) -> dict:
    result = run("audit", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def store(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    assert run("ingest", FIXTURES / "jiangzhou-ecology-14th-plan.txt", "--key", PLAN, "--region", "运城市").exit_code == 0
    assert run("ingest", FIXTURES / "qinghe-county-14th-fyp.txt", "--key", "qinghe").exit_code == 0
    return store_url


def test_every_cli_write_is_one_event_by_the_local_operator(store, tmp_path):
    data = tmp_path / "obs.csv"
    data.write_text("region,indicator,unit,year,value,source_url,source_title,quote\n"
                    "运城市,森林覆盖率,%,2022,43.1,https://e.org/b,公报,43.1%\n", encoding="utf-8")
    for args in (("link", "qinghe", PLAN), ("override", PLAN, "森林覆盖率", "--direction", "higher"),
                 ("match", "森林覆盖率", "--confirm", "forest_coverage"), ("import-observations", data)):
        assert run(*args).exit_code == 0, args
    body = trail()
    assert [e["action"] for e in body["events"]] == [
        "observations.import", "match.decide", "indicator.override", "plan.link", "plan.create", "plan.create"]
    assert {(e["actor"]["name"], e["actor"]["role"], e["actor"]["address"]) for e in body["events"]} == {("本机管理员", "admin", "local")}
    assert trail("--object", "qinghe")["events"][0]["after"] == {"parent": PLAN}
    assert trail("--action", "plan")["total"] == 3
    assert trail("--user", "nobody")["total"] == 0
    assert trail("--since", "2999-01-01")["total"] == 0


def test_audit_exports_xlsx_and_refuses_a_bad_since(store, tmp_path):
    out = tmp_path / "audit.xlsx"
    assert run("audit", "-o", out).exit_code == 0
    assert load_workbook(out).active.max_row == 3
    bad = run("audit", "--since", "上周")
    assert bad.exit_code == 2 and "无法识别" in bad.output


def test_publish_shows_the_gate_then_needs_a_reason(store):
    refused = run("publish", PLAN)
    assert refused.exit_code == 2
    assert "待处理" in refused.output and "没有观测值" in refused.output and "--acknowledge" in refused.output
    assert trail("--action", "plan.publish")["total"] == 0
    done = run("publish", PLAN, "--report", "midterm", "--year", 2022, "--acknowledge", "先公布文本", "--format", "json")
    assert done.exit_code == 0, done.output
    body = json.loads(done.stdout)
    assert body["publication"]["acknowledgement"] == "先公布文本"
    assert body["publication"]["report"] == {"kind": "midterm", "kind_label": "中期评估", "year": 2022}
    assert not body["gate"]["clear"]
    [event] = trail("--action", "plan.publish")["events"]
    assert event["note"] == "先公布文本"


def test_unpublish_needs_a_reason_and_records_the_withdrawal(store):
    assert run("publish", PLAN, "--acknowledge", "先公布").exit_code == 0
    assert run("unpublish", PLAN).exit_code == 2  # --reason is required
    done = run("unpublish", PLAN, "--reason", "数据待核")
    assert done.exit_code == 0 and "已撤回公布" in done.output
    again = run("unpublish", PLAN, "--reason", "再撤")
    assert again.exit_code == 2 and "未对社会公布" in again.output
    [event] = trail("--action", "plan.unpublish")["events"]
    assert (event["before"]["published"], event["after"]["published"], event["note"]) == (True, False, "数据待核")


def test_publishing_an_unknown_plan_is_a_chinese_error(store):
    result = run("publish", "nothing", "--acknowledge", "x")
    assert result.exit_code == 2 and "没有键为“nothing”的规划" in result.output
