"""Uploaded plans are parsed in a bounded pool of worker processes (issue 12): the same result as
parsing in place, computed in another process, refused in Chinese when the pool is full or a
worker runs out of its memory cap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plantrack import parse_pool
from plantrack.load import LoadRefused, parse_source, read_source

from .conftest import FIXTURES

PLAN = FIXTURES / "qinghe-county-14th-fyp.txt"


def test_a_worker_parses_what_the_server_would_parse_in_another_process():
    data = PLAN.read_bytes()
    parsed = parse_pool.parse_upload("qinghe.txt", data)
    assert parsed.document == parse_source(read_source("qinghe.txt", data)).document
    assert parse_pool.run(parse_pool.worker_pid) != os.getpid()


def test_a_file_that_is_no_plan_is_refused_by_name_from_the_worker():
    with pytest.raises(LoadRefused, match="空.txt"):
        parse_pool.parse_upload("空.txt", b"   ")


def test_a_full_pool_refuses_at_once_in_chinese(monkeypatch):
    monkeypatch.setenv("PLANTRACK_PARSE_QUEUE", "1")
    _pool, slots = parse_pool._executor()
    assert slots.acquire(blocking=False)  # someone else's upload holds the only slot
    try:
        with pytest.raises(LoadRefused, match="稍后再试"):
            parse_pool.parse_upload("qinghe.txt", PLAN.read_bytes())
    finally:
        slots.release()
    assert parse_pool.parse_upload("qinghe.txt", PLAN.read_bytes()).document["title"]


def _allocate(megabytes: int) -> int:
    try:
        return len(bytearray(megabytes * 1024 * 1024))
    except MemoryError:
        raise LoadRefused("内存超过上限") from None


def test_a_worker_cannot_take_more_memory_than_its_cap(monkeypatch):
    monkeypatch.setenv("PLANTRACK_PARSE_MEMORY_MB", "1024")
    parse_pool._reset()  # the cap applies to workers started from now on
    try:
        with pytest.raises(LoadRefused, match="内存"):
            parse_pool.run(_allocate, 4096)
        assert parse_pool.run(_allocate, 16) == 16 * 1024 * 1024  # the worker lives on
    finally:
        parse_pool._reset()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc (Linux)")
def test_a_worker_whose_server_is_gone_ends_too(tmp_path):
    """The server process killed without stopping its pool: its parse worker must not live on."""
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "server.py"
    script.write_text(
        "import os, sys\n"
        "from plantrack import parse_pool\n"
        "if __name__ == '__main__':\n"
        "    print(parse_pool.run(parse_pool.worker_pid), flush=True)\n"
        "    sys.stdin.read()\n"
    )
    server = subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    worker = int(server.stdout.readline())
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    try:
        for _ in range(100):  # a bound on waiting, not a timing assertion
            if not _alive(worker):
                break
            time.sleep(0.1)
        assert not _alive(worker)
    finally:
        if _alive(worker):  # the test failed: leave no orphan behind
            os.kill(worker, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
