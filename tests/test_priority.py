"""Background parsing runs at a lower CPU priority than the pages (priority.py, issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from plantrack import parse_pool

pytestmark = pytest.mark.skipif(not hasattr(os, "nice"), reason="os.nice is POSIX")

NICENESS_AFTER_LOWERING = (
    "import os; from plantrack.priority import lower_priority as l; "
    "before = os.nice(0); l(); l(); print(before, os.nice(0))"
)


def run_child(env_value: str | None) -> tuple[int, int]:
    env = {k: v for k, v in os.environ.items() if k != "PLANTRACK_BACKGROUND_NICE"}
    if env_value is not None:
        env["PLANTRACK_BACKGROUND_NICE"] = env_value
    out = subprocess.run([sys.executable, "-c", NICENESS_AFTER_LOWERING], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    return int(out[0]), int(out[1])


def test_lowering_is_applied_once_by_the_configured_increment():
    before, after = run_child(None)
    assert after == min(19, before + 10)  # twice called, once applied
    before, after = run_child("3")
    assert after == min(19, before + 3)
    before, after = run_child("0")
    assert after == before
    before, after = run_child("not a number")
    assert after == min(19, before + 10)


def test_upload_parsing_workers_run_below_the_servers_priority(monkeypatch):
    monkeypatch.setenv("PLANTRACK_BACKGROUND_NICE", "5")
    parse_pool._reset()  # workers started from now on read the setting
    try:
        assert parse_pool.run(parse_pool.worker_niceness) == min(19, os.nice(0) + 5)
    finally:
        parse_pool._reset()


def test_the_ingest_command_lowers_its_own_priority(monkeypatch, tmp_path):
    import plantrack.cli as cli
    from typer.testing import CliRunner

    seen = []
    monkeypatch.setattr(cli, "lower_priority", lambda: seen.append(True) or 0)
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path))
    monkeypatch.delenv("PLANTRACK_DATABASE_URL", raising=False)
    empty = tmp_path / "空.txt"
    empty.write_text("")
    CliRunner().invoke(cli.app, ["ingest", str(empty)])
    assert seen == [True]
