"""Uploads cut off half-way (issue 12: killed uploads left plantrack-upload-* folders behind).

A real `plantrack serve` process gets large uploads whose client closes the connection after
half the declared body, on both upload steps of 规划入库: the multipart check (/plans/new/check)
and the url-encoded confirm that would store (/plans/new/confirm). Afterwards the server still
answers, nothing was stored, and its temporary folder (its own TMPDIR, so other processes cannot
blur the picture) holds nothing that was not there before; nor does the server keep any deleted
temporary file open (a spooled upload that was never closed would).
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from plantrack.store.db import open_store
from plantrack.store.repository import counts

from ..userfixtures import add_user, bearer
from .test_browser import running_server

HALF_OF = 8 * 1024 * 1024  # the declared body; half of it is sent (the plan limit is 20 MB)
BOUNDARY = "plantrackkilledupload"


def _multipart_head() -> bytes:
    return (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="key"\r\n\r\nkilled-upload\r\n'
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="file"; filename="killed.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()


def _confirm_head() -> bytes:
    return b"key=killed-upload&name=killed.txt&sha256=00&content="


def _cut_off(base: str, path: str, content_type: str, head: bytes, headers: dict[str, str]) -> None:
    """Send the request head and half the declared body, then close the connection."""
    address = urlsplit(base)
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: {address.netloc}",
        f"Content-Type: {content_type}",
        f"Content-Length: {HALF_OF}",
        *(f"{k}: {v}" for k, v in headers.items()),
        "",
        "",
    ]
    chunk = ("规划正文，第一章总体要求。" * 4096).encode("utf-8")
    with socket.create_connection((address.hostname, address.port), timeout=30) as sock:
        sock.sendall("\r\n".join(lines).encode("latin-1") + head)
        sent = len(head)
        while sent < HALF_OF // 2:
            sock.sendall(chunk)
            sent += len(chunk)
        time.sleep(0.3)  # let the server read (and spool) what it got before the client goes away
    # closed here, half-way


def _server_pid(port: int) -> int | None:
    """The process listening on port (Linux /proc), to look at its open files."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # LISTEN
                inodes.add(fields[9])
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd).removeprefix("socket:[").removesuffix("]") in inodes:
                    return int(proc.name)
        except OSError:
            continue
    return None


def _open_deleted_files(pid: int) -> list[str]:
    out = []
    for fd in (Path("/proc") / str(pid) / "fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.endswith("(deleted)") and not target.startswith("/dev/shm") and "memfd:" not in target:
            out.append(target)
    return out


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc to see the server's open files")
def test_uploads_cut_off_half_way_leave_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'plantrack.db'}"
    factory = open_store(url)
    add_user(factory, "admin", "admin")
    headers = bearer(factory, "admin")
    server_tmp = tmp_path / "server-tmp"
    server_tmp.mkdir()
    with factory() as session:
        before = counts(session)

    with running_server({"PLANTRACK_DATABASE_URL": url, "TMPDIR": str(server_tmp)}) as base:
        pid = _server_pid(urlsplit(base).port)
        assert pid is not None, "the server process was not found by its listening port"
        tmp_before = sorted(p.name for p in server_tmp.iterdir())
        for _ in range(3):
            _cut_off(base, "/plans/new/check", f"multipart/form-data; boundary={BOUNDARY}", _multipart_head(), headers)
            _cut_off(base, "/plans/new/confirm", "application/x-www-form-urlencoded", _confirm_head(), headers)
        time.sleep(1.0)  # the server notices the closed connections

        # still answering, to the same client that uploaded
        response = httpx.get(base + "/api/plans", headers=headers, timeout=30)
        assert response.status_code == 200
        assert response.json()["total"] == 0
        assert httpx.get(base + "/plans/new", headers=headers, timeout=30).status_code == 200
        # nothing left in the temporary folder, nothing temporary held open
        assert sorted(p.name for p in server_tmp.iterdir()) == tmp_before
        assert not [p for p in server_tmp.iterdir() if p.name.startswith("plantrack-")]
        assert _open_deleted_files(pid) == []

    with factory() as session:
        assert counts(session) == before
