"""`plantrack serve --workers N` answers from several processes over one store (issue 12)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_with_two_workers_answers_pages_and_api(tmp_path):
    port = free_port()
    env = {**os.environ, "PLANTRACK_HOME": str(tmp_path)}
    env.pop("PLANTRACK_DATABASE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "plantrack.cli", "serve", "--port", str(port), "--workers", "2"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        answer = None
        for _ in range(600):  # wait for the workers to listen (not a timing assertion: a bound on waiting)
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/plans", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read().decode()
                time.sleep(0.1)
        assert answer is not None and answer.status_code == 200
        assert (answer.json()["total"], answer.json()["items"]) == (0, [])
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
