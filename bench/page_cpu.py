"""CPU cost of each page of bench/load.py's mixed set, in process: the figure the load target rests on.

    .venv/bin/python bench/page_cpu.py [CORPUS_DIR] [--rounds 30]

Wall-clock figures on a shared 2-core machine are noise; the CPU a request costs is not. This loads
the corpus and ../shared/data/observations.csv into a fresh SQLite store (bench/load.py's prepare),
builds the application (create_app) and calls it as an ASGI server would, one request at a time on
one event loop, and prints for each page the mean process CPU milliseconds per request (all threads:
the app's thread-pool work included) for

- hit:  the page answered from the page cache (the store unchanged since the page was computed);
- miss: the page computed (the page cache emptied before each request).

The HTTP server's own parsing and writing are not included (bench/load.py prints the server
process's CPU per request, which includes them). 150 requests/s on 2 cores leaves about 10 ms of
CPU per request for everything, with an ingest sharing the cores.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import SHARED, prepare  # noqa: E402  (bench/load.py)


def find_caches(app) -> list:
    """Every PageCacheMiddleware in the built middleware stack."""
    from plantrack.web.page_cache import PageCacheMiddleware

    found, layer, seen = [], app.middleware_stack, set()
    while layer is not None and id(layer) not in seen:
        seen.add(id(layer))
        if isinstance(layer, PageCacheMiddleware):
            found.append(layer)
        layer = getattr(layer, "app", None)
    return found


async def call(app, url: str, headers: dict[str, str]) -> tuple[int, int]:
    """One GET through the ASGI app; (status, body bytes)."""
    parts = urlsplit(url)
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": parts.path, "raw_path": parts.path.encode(), "query_string": parts.query.encode(),
        "root_path": "", "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 50000), "app": app,
        "headers": [(b"host", b"127.0.0.1:8000"), (b"accept-encoding", b"gzip"),
                    *((k.lower().encode(), v.encode()) for k, v in headers.items())],
    }
    status, size = 0, 0

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        nonlocal status, size
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            size += len(message.get("body", b""))

    await app(scope, receive, send)
    return status, size


def urls_for(app, headers) -> list[str]:
    """bench/load.py's page set, through the same app."""
    from fastapi.testclient import TestClient

    from load import page_set

    with TestClient(app, headers=headers) as client:
        return page_set(client)


async def measure(app, urls: list[str], headers: dict, rounds: int) -> dict[str, dict[str, float]]:
    from plantrack.web.page_cache import PageCacheMiddleware

    await call(app, urls[0], headers)  # builds the middleware stack
    caches = find_caches(app)
    figures: dict[str, dict[str, float]] = {}
    for url in urls:
        status, size = await call(app, url, headers)
        assert status == 200, (status, url)
        row = {"bytes": size}
        for mode in ("miss", "hit"):
            cpu = 0.0
            wall = 0.0
            for _ in range(rounds):
                if mode == "miss":
                    for cache in caches:
                        cache.cache.clear()
                else:
                    await call(app, url, headers)  # warm (a no-op when it already is)
                c0, w0 = time.process_time(), time.perf_counter()
                await call(app, url, headers)
                cpu += time.process_time() - c0
                wall += time.perf_counter() - w0
            row[mode] = cpu / rounds * 1000
            row[mode + "_wall"] = wall / rounds * 1000
        figures[url] = row
    del PageCacheMiddleware
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=SHARED / "corpus")
    ap.add_argument("--observations", type=Path, default=SHARED / "data" / "observations.csv")
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    home = Path(tempfile.mkdtemp(prefix="plantrack-pagecpu-"))
    try:
        token = prepare(home, args.corpus, args.observations)
        from plantrack.api.app import create_app
        from plantrack.store.db import open_store

        app = create_app(open_store())
        headers = {"Authorization": f"Bearer {token}"}
        urls = urls_for(app, headers)
        figures = asyncio.run(measure(app, urls, headers, args.rounds))
        print(f"{'命中 CPU ms':>12} {'未命中 CPU ms':>14} {'字节':>9}  页面（每项 {args.rounds} 次的平均）")
        for url, row in figures.items():
            print(f"{row['hit']:12.2f} {row['miss']:14.2f} {row['bytes']:9d}  {url}")
        hit = sum(r["hit"] for r in figures.values()) / len(figures)
        miss = sum(r["miss"] for r in figures.values()) / len(figures)
        print(f"{hit:12.2f} {miss:14.2f} {'':9}  平均（混合页面集）")
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
