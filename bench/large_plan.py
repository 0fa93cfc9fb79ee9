"""Large plans: parse and store time and peak memory of 5, 10 and 20 MB plans, and whether they grow linearly.

    .venv/bin/python bench/large_plan.py [CORPUS_DIR] [--sizes 5 10 20] [--pg URL]

Each plan is the corpus text repeated until it reaches the size (in MB of UTF-8), every number in
each repetition changed (n -> n + repetition), so the indicator tables, targets and sentences are
not one copy of another. Each size runs in a fresh Python process, so peak memory is that plan's:
the process's peak resident size (resource.getrusage) before reading, after parsing
(read_source + parse_source, as `plantrack load` does) and after storing (repository.store_plan
in one transaction, in a fresh SQLite file, or with --pg in a temporary PostgreSQL schema).
Prints one row per size, wall and CPU seconds (this process's CPU: on a shared machine wall time
says more about the neighbours than about the code; a PostgreSQL server's own work is in the wall
time only), and the ratio of CPU seconds and memory per MB to the smallest size's: ratios near 1.0
are linear growth, ratios that climb with size are not. Asserts nothing.

Measured 2026-12-03 (SQLite, shared 2-core machine at load average ~9, so wall times are 3-8x
the CPU times): parse 2.40 / 2.51 / 2.67 CPU s per MB at 5 / 10 / 20 MB (ratio 1.00 / 1.05 /
1.11), store 1.39 / 1.38 / 1.47 (1.00 / 0.99 / 1.06), parse memory 28 MB per MB of plan at every
size (ratio 0.99), peak resident 957 MB for the 20 MB plan (288,689 lines, 141,624 sentences).
Growth is linear within 11 %; no super-linear step was found to fix.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
NUMBER = re.compile(r"\d+")
MB = 1_000_000


def plan_text(corpus: Path, megabytes: float) -> str:
    """The corpus files joined, repeated with varied numbers until the text is `megabytes` MB."""
    base = "\n\n".join(f.read_text("utf-8") for f in sorted(corpus.glob("*.txt")))
    target = int(megabytes * MB)
    parts, size, repetition = [], 0, 0
    while size < target:
        part = base if repetition == 0 else NUMBER.sub(lambda m, r=repetition: str(int(m.group()) + r), base)
        parts.append(part)
        size += len(part.encode("utf-8")) + 2
        repetition += 1
    data = "\n\n".join(parts).encode("utf-8")[:target]
    return data.decode("utf-8", "ignore")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def run_one(corpus: Path, megabytes: float, pg_url: str | None) -> dict:
    """In this (fresh) process: build, parse and store one plan; the figures as a dict."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.orm import sessionmaker

    from plantrack.load import parse_source, read_source
    from plantrack.store.db import database_url, make_engine, migrate
    from plantrack.store.repository import store_plan

    raw = plan_text(corpus, megabytes).encode("utf-8")
    del_after = []
    schema = None
    if pg_url:
        admin_url = database_url(pg_url)
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = make_engine(admin_url, connect_args={"options": f"-csearch_path={schema}"})
    else:
        folder = tempfile.TemporaryDirectory(prefix="plantrack-bench-")
        del_after.append(folder)
        engine = make_engine(f"sqlite:///{Path(folder.name) / 'bench.db'}")
    try:
        migrate(engine)
        factory = sessionmaker(engine, expire_on_commit=False)
        base_peak = peak_mb()
        start, cpu = time.perf_counter(), time.process_time()
        parsed = parse_source(read_source(f"large-{megabytes:g}mb.txt", raw))
        parse_s, parse_cpu = time.perf_counter() - start, time.process_time() - cpu
        parse_peak = peak_mb()
        start, cpu = time.perf_counter(), time.process_time()
        with factory.begin() as session:
            store_plan(session, parsed.document, parsed.source.text, parsed.units, f"large-{megabytes:g}mb")
        store_s, store_cpu = time.perf_counter() - start, time.process_time() - cpu
        store_peak = peak_mb()
        return {
            "mb": len(raw) / MB, "lines": parsed.document["source"]["lines"], "sentences": len(parsed.units),
            "indicators": len(parsed.document.get("indicators", [])),
            "parse_s": parse_s, "store_s": store_s, "parse_cpu": parse_cpu, "store_cpu": store_cpu,
            "parse_mem": parse_peak - base_peak, "store_mem": max(0.0, store_peak - parse_peak), "peak": store_peak,
        }
    finally:
        engine.dispose()
        if schema:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()
        for folder in del_after:
            folder.cleanup()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help=f"folder of .txt plans (default {DEFAULT_CORPUS})")
    ap.add_argument("--sizes", type=float, nargs="+", default=[5, 10, 20], help="plan sizes in MB (default 5 10 20)")
    ap.add_argument("--pg", metavar="URL", help="store in a temporary schema of this PostgreSQL server instead of SQLite")
    ap.add_argument("--one", type=float, help=argparse.SUPPRESS)  # internal: run one size in this process
    args = ap.parse_args(argv)
    if not sorted(args.corpus.glob("*.txt")):
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    if args.one is not None:
        print(json.dumps(run_one(args.corpus, args.one, args.pg)))
        return 0

    rows = []
    for size in args.sizes:
        cmd = [sys.executable, __file__, str(args.corpus), "--one", str(size)] + (["--pg", args.pg] if args.pg else [])
        done = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"  {size:g} MB done", file=sys.stderr, flush=True)

    engine = "PostgreSQL" if args.pg else "SQLite"
    print(f"large plans from {args.corpus}, stored in {engine}; Python {sys.version.split()[0]}; each size in a fresh process")
    header = (f"{'MB':>5}  {'lines':>7}  {'sentences':>9}  {'parse s':>8}  {'cpu s':>6}  {'store s':>8}  {'cpu s':>6}  "
              f"{'parse MB':>8}  {'store MB':>8}  {'peak MB':>8}  {'cpu s/MB parse':>14}  {'cpu s/MB store':>14}  "
              f"{'ratio parse':>11}  {'ratio store':>11}  {'ratio mem':>9}")
    print(header)
    print("-" * len(header))
    first = rows[0]
    for r in rows:
        ratio = lambda key: (r[key] / r["mb"]) / (first[key] / first["mb"]) if first[key] else float("nan")  # noqa: E731
        print(f"{r['mb']:>5.1f}  {r['lines']:>7}  {r['sentences']:>9}  {r['parse_s']:>8.1f}  {r['parse_cpu']:>6.1f}  "
              f"{r['store_s']:>8.1f}  {r['store_cpu']:>6.1f}  {r['parse_mem']:>8.0f}  {r['store_mem']:>8.0f}  {r['peak']:>8.0f}  "
              f"{r['parse_cpu'] / r['mb']:>14.2f}  {r['store_cpu'] / r['mb']:>14.2f}  "
              f"{ratio('parse_cpu'):>11.2f}  {ratio('store_cpu'):>11.2f}  {ratio('parse_mem'):>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
