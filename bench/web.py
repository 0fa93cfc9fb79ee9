"""Page speed: server time per page over the loaded corpus, 200 requests per page.

    .venv/bin/python bench/web.py [CORPUS_DIR] [--observations CSV] [--requests 200] [--url DATABASE_URL]

Loads the corpus plans and the observations into a fresh SQLite store (or uses --url as it is),
then drives the application in-process through httpx's ASGI transport, so the time measured is
the server's — routing, queries, evaluation, rendering — with no network in between. Each page
is requested once first (its first-view cost, which includes computing and storing the
alignment and self-check that later views read), then --requests times, one at a time. Prints
p50/p95/max per page for the HTML page and its JSON twin; asserts nothing. Target: p95 < 200 ms
for every page.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PROVINCE = "shanxi-14th-fyp-outline"
CITY = "yuncheng-14th-fyp-outline"


def load(url: str, corpus: Path, observations: Path | None):
    from plantrack.load import load_files
    from plantrack.observations.importer import import_file
    from plantrack.store.db import open_store

    factory = open_store(url)
    started = time.perf_counter()
    outcomes = load_files(factory, sorted(corpus.glob("*.txt")))
    failed = [o for o in outcomes if not o.ok]
    if failed:
        sys.exit("未能入库：" + "；".join(o.message or o.key for o in failed))
    if observations and observations.is_file():
        import_file(factory, observations)
    print(f"入库 {len(outcomes)} 部规划{'和观测值' if observations else ''}：{time.perf_counter() - started:.1f} s")
    return factory


def pages(client_json: dict) -> list[tuple[str, str]]:
    forest = next(i["id"] for i in client_json["indicators"] if i["name"] == "常住人口城镇化率")
    return [
        ("首页", "/"),
        ("规划目录", "/plans"),
        ("规划页（省纲要）", f"/plans/{PROVINCE}"),
        ("原文（第 916 行）", f"/plans/{PROVINCE}/source?line=916"),
        ("指标页", f"/plans/{PROVINCE}/indicators/{forest}"),
        ("衔接对照（运城）", f"/plans/{CITY}/alignment"),
        ("检索 森林覆盖率", "/search?q=森林覆盖率"),
        ("数据填报", "/observations/new"),
    ]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


async def measure(app, requests: int) -> list[tuple]:
    rows = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        plan = (await client.get(f"/plans/{PROVINCE}?format=json")).json()
        for name, url in pages(plan):
            for twin in (False, True):
                target = url + (("&" if "?" in url else "?") + "format=json" if twin else "")
                t0 = time.perf_counter()
                first = await client.get(target)
                first_ms = (time.perf_counter() - t0) * 1000
                if first.status_code != 200:
                    sys.exit(f"{target}: HTTP {first.status_code}")
                times = []
                for _ in range(requests):
                    t0 = time.perf_counter()
                    resp = await client.get(target)
                    times.append((time.perf_counter() - t0) * 1000)
                    assert resp.status_code == 200
                rows.append((name + (" JSON" if twin else ""), len(first.content), first_ms, statistics.median(times),
                             pct(times, 95), max(times)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(SHARED / "corpus"))
    parser.add_argument("--observations", default=str(SHARED / "data" / "observations.csv"))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--url", help="an existing store to measure instead of a fresh SQLite one")
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    from plantrack.api.app import create_app
    from plantrack.store.db import open_store

    with tempfile.TemporaryDirectory(prefix="plantrack-bench-web-") as tmp:
        if args.url:
            factory = open_store(args.url)
        else:
            corpus = Path(args.corpus)
            if not corpus.is_dir():
                sys.exit(f"找不到语料目录 {corpus}")
            factory = load(f"sqlite:///{tmp}/plantrack.db", corpus, Path(args.observations))
        rows = asyncio.run(measure(create_app(factory), args.requests))
        factory.kw["bind"].dispose()

    print(f"\n每页 {args.requests} 次请求（进程内，服务器时间，毫秒）")
    print(f"{'页面':<22}{'大小KB':>9}{'首次':>9}{'p50':>9}{'p95':>9}{'最大':>9}")
    for name, size, first, p50, p95, worst in rows:
        flag = "" if p95 < 200 else "  ← 超过 200 ms"
        print(f"{name:<22}{size / 1024:>9.1f}{first:>9.1f}{p50:>9.1f}{p95:>9.1f}{worst:>9.1f}{flag}")


if __name__ == "__main__":
    main()
