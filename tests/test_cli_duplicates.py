"""`plantrack ingest` of a file whose content is already stored under another key: said in
Chinese with the key to add it to, nothing stored, exit code 1; --key adds it to that plan (no
change) and --duplicate stores it as a new plan on purpose. And the catalogue's period wording."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from plantrack.cli import app
from plantrack.labels import period_text

from .conftest import FIXTURES

PLAN = FIXTURES / "qinghe-county-14th-fyp.txt"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def plan_keys() -> list[str]:
    return sorted(p["key"] for p in json.loads(run("plans", "--format", "json").output))


def test_a_renamed_copy_is_reported_and_not_stored(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    assert run("ingest", PLAN).exit_code == 0
    copy = tmp_path / "清河县规划-副本.txt"
    shutil.copyfile(PLAN, copy)
    before = plan_keys()

    refused = run("ingest", copy)
    assert refused.exit_code == 1
    text = " ".join(refused.output.split())
    assert "完全相同" in text and f"--key {PLAN.stem}" in text and "--duplicate" in text
    assert plan_keys() == before

    added = run("ingest", copy, "--key", PLAN.stem, "--format", "json")
    assert added.exit_code == 0 and json.loads(added.output)[0]["status"] == "unchanged"
    assert plan_keys() == before

    forced = run("ingest", copy, "--duplicate")
    assert forced.exit_code == 0
    assert plan_keys() == sorted([*before, copy.stem])


def test_the_same_file_under_its_own_key_is_no_duplicate(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    assert run("ingest", PLAN).exit_code == 0
    again = run("ingest", PLAN, "--format", "json")
    assert again.exit_code == 0 and json.loads(again.output)[0]["status"] == "unchanged"


def test_a_period_reads_the_same_in_the_cli_and_on_the_pages():
    assert period_text(None, 2025) == "至2025年"
    assert period_text(2021, 2025) == "2021—2025年"
    assert period_text(2021, None) == "2021年起"
    assert period_text(None, None) == "—"
