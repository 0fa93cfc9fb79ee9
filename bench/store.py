"""Store speed: corpus ingest throughput, and search latency over a generated store of many plans.

    .venv/bin/python bench/store.py [CORPUS_DIR] [--plans 1000] [--pg URL] [--runs 5]

Two measurements per engine (SQLite in a temporary file; PostgreSQL when --pg URL or
PLANTRACK_TEST_DATABASE_URL is given, in a temporary schema dropped afterwards):

1. Ingest: the corpus files parsed (analyse / plan_document / text_units) and stored with
   repository.store_plan in a fresh store, one transaction per plan as `plantrack load` does;
   plans/s and MB/s of source text, parse and store timed apart.
2. Search: a store of --plans generated plans, then 20 queries (store.search, first page of 50
   with the total), each run once to warm caches and then --runs times; p50/p95/max over all the
   timed runs; --per-query adds each query's hits, whether they were ranked (store/search.py
   ranks up to RANK_LIMIT hits, lists more in stored order) and median time. The generated plans are the corpus plans, parsed once, with their sentence units
   shuffled across sections and a tweak to the source so each has its own key and sha256; they
   are written straight through store_plan, so generating them costs no parsing. This gives the
   index realistic text and realistic hit counts (about --plans/5 times the corpus's).

On PostgreSQL the generated plans are written by --jobs writer processes (default 2: storing is
CPU on both sides, and each connection's server process runs on a core of its own) with the
search index dropped and built once at the end (Store.bulk); the table shows the store rate and
the rate counting the index build (--keep-index: one plan a transaction with the index kept up
to date instead, as a live store is written). The ingest part also times merging the GIN pending
list the writer left for autovacuum ("corpus: store + merge"), so the deferred part is counted.
The search table says how many queries had an estimated total (store/search.py, "PostgreSQL at
scale"); --per-query marks those totals with ~.

Prints tables; asserts nothing. The goal is p95 < 50 ms for 1,000 plans on both engines.

Measured 2026-12-03 on the 2-core machine, idle but for the bench, PostgreSQL 15 with default
settings (README, "PostgreSQL at scale", has the table): --plans 1000: SQLite p95 21.7 ms,
PostgreSQL p95 26.3 ms, PostgreSQL store 17.5 plans/s with two writers (10.1 counting the index
build); --plans 10000 --no-sqlite: 16.0 plans/s (9.0 with the index), p95 149 ms.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

from plantrack.ingest.pipeline import analyse, plan_document, text_units
from plantrack.ingest.read import decode_plan_bytes
from plantrack.store.db import database_url, make_engine, migrate
from plantrack.store.repository import store_plan
from plantrack.store.search import search

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"

# What people look for in these plans: indicators, rivers, industries, policies; some common
# (黄河, 生态保护 hit tens of thousands of sentences at 1,000 plans), some rare, some multi-word.
QUERIES = [
    "森林覆盖率", "水质", "黄河", "煤炭", "生态保护", "碳达峰", "高质量发展", "PM2.5", "地表水", "黄河 流域",
    "湿地", "汾河", "新能源", "乡村振兴", "矿山 修复", "水土流失", "国家公园", "大气污染", "森林 覆盖率", "资源型经济转型",
]


class Parsed:
    """One corpus plan, parsed once: what store_plan takes."""

    def __init__(self, name: str, raw: bytes):
        self.name = name
        self.size = len(raw)
        source = decode_plan_bytes(raw, name)
        doc = analyse(source)
        self.document = plan_document(doc)
        self.units = text_units(doc)
        self.source_text = source.text


def parse_corpus(files: list[Path]) -> tuple[list[Parsed], float]:
    start = time.perf_counter()
    parsed = [Parsed(f.name, f.read_bytes()) for f in files]
    return parsed, time.perf_counter() - start


def generated_plan(base: Parsed, i: int) -> tuple[str, dict, str, list[dict]]:
    """Copy i of a corpus plan: sentence texts shuffled across the plan's units (and so across its
    sections), a marker line added to the source so its sha256 is its own."""
    rng = random.Random(i)
    texts = [u["text"] for u in base.units]
    rng.shuffle(texts)
    units = [{**u, "text": t} for u, t in zip(base.units, texts)]
    source_text = f"{base.source_text}\n（基准测试样本 {i}）\n"
    document = {
        **base.document,
        "title": f"{base.document.get('title') or base.name}（样本 {i}）",
        "source": {
            **base.document["source"],
            "path": f"bench/{i:04d}-{base.name}",
            "sha256": hashlib.sha256(source_text.encode("utf-8")).hexdigest(),
        },
    }
    return f"bench-{i:04d}-{Path(base.name).stem}", document, source_text, units


# --- stores ----------------------------------------------------------------------------------------


class Store:
    """A fresh, migrated store on one engine, removed by close()."""

    def __init__(self, engine_name: str, pg_url: str | None = None):
        self.name = engine_name
        self._tmp = None
        self._schema = None
        self._admin_url = None
        if engine_name == "sqlite":
            self._tmp = tempfile.TemporaryDirectory(prefix="plantrack-bench-")
            self.engine = make_engine(f"sqlite:///{Path(self._tmp.name) / 'bench.db'}")
        else:
            self._admin_url = database_url(pg_url)
            self._schema = f"bench_{uuid.uuid4().hex[:12]}"
            self._admin(f'CREATE SCHEMA "{self._schema}"')
            self.engine = make_engine(self._admin_url, connect_args={"options": f"-csearch_path={self._schema}"})
        try:
            migrate(self.engine)
        except BaseException:
            self.close()  # the temporary schema or folder must not outlive a failed start
            raise
        self.factory = sessionmaker(self.engine, expire_on_commit=False)

    def _admin(self, sql: str) -> None:
        admin = create_engine(self._admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(sql))
        admin.dispose()

    def analyze(self) -> None:
        """Planner statistics and the visibility map, as autovacuum keeps them in a store that has
        been in use for a while."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE" if self.name == "sqlite" else "VACUUM ANALYZE"))

    def merge_pending(self) -> float:
        """PostgreSQL: seconds to merge the GIN index's pending list (what a writer defers to
        autovacuum, migration 0016), so the deferred part of storing is measured too."""
        if self.name == "sqlite":
            return 0.0
        start = time.perf_counter()
        with self.engine.begin() as conn:
            conn.execute(text("SELECT gin_clean_pending_list('ix_sentence_search')"))
        return time.perf_counter() - start

    @contextmanager
    def bulk(self):
        """PostgreSQL: the search index dropped while many plans are written and built once at the
        end (CREATE INDEX sorts all entries in memory: far cheaper than merging them plan by plan).
        For generating a bench store only; SQLite writes as it always does."""
        if self.name == "sqlite":
            yield
            return
        with self.engine.begin() as conn:
            definition = conn.execute(text("SELECT pg_get_indexdef('ix_sentence_search'::regclass)")).scalar_one()
            conn.execute(text("DROP INDEX ix_sentence_search"))
        yield
        with self.engine.begin() as conn:
            conn.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
            conn.execute(text(definition))  # as the migrations made it, storage parameters included

    def size_mb(self) -> float:
        with self.engine.connect() as conn:
            if self.name == "sqlite":
                pages = conn.execute(text("PRAGMA page_count")).scalar() * conn.execute(text("PRAGMA page_size")).scalar()
                return pages / 1e6
            return float(conn.execute(
                text("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                     "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = :s AND c.relkind = 'r'"),
                {"s": self._schema},
            ).scalar()) / 1e6

    def close(self) -> None:
        self.engine.dispose()
        if self._schema:
            self._admin(f'DROP SCHEMA IF EXISTS "{self._schema}" CASCADE')
        if self._tmp:
            self._tmp.cleanup()


# --- measurements -----------------------------------------------------------------------------------


def bench_ingest(store: Store, files: list[Path]) -> dict:
    parsed, parse_seconds = parse_corpus(files)
    start = time.perf_counter()
    for p in parsed:
        with store.factory.begin() as session:
            store_plan(session, p.document, p.source_text, p.units, Path(p.name).stem)
    store_seconds = time.perf_counter() - start
    return {
        "plans": len(parsed),
        "mb": sum(p.size for p in parsed) / 1e6,
        "parse": parse_seconds,
        "store": store_seconds,
        "merge": store.merge_pending(),
    }


def _fill_part(args: tuple[str, str | None, list[int], int]) -> None:
    """One writer's share of the generated plans (a process of its own: storing is CPU on both
    sides, and the server works on another core for each connection)."""
    engine_name, url_or_schema, indexes, batch = args
    if engine_name == "sqlite":
        engine = make_engine(url_or_schema)
    else:
        schema, url = url_or_schema.split("|", 1)
        engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    factory = sessionmaker(engine, expire_on_commit=False)
    try:
        for first in range(0, len(indexes), batch):
            with factory.begin() as session:
                for i in indexes[first:first + batch]:
                    base = _BASES[i % len(_BASES)]
                    key, document, source_text, units = generated_plan(base, i)
                    store_plan(session, document, source_text, units, key)
    finally:
        engine.dispose()


_BASES: list[Parsed] = []  # the parsed corpus, inherited by the writer processes (fork)


def fill(store: Store, bases: list[Parsed], count: int, jobs: int = 2, batch: int = 50, keep_index: bool = False) -> dict:
    """Store `count` generated plans with `jobs` writers (PostgreSQL; SQLite has one writer at a
    time, so one), 50 plans a transaction; the search index is built once at the end, or kept up
    to date plan by plan (keep_index: one plan a transaction, as a live store is written)."""
    import multiprocessing

    _BASES[:] = bases
    jobs = 1 if store.name == "sqlite" else max(1, jobs)
    target = str(store.engine.url.render_as_string(hide_password=False)) if store.name == "sqlite" else (
        f"{store._schema}|{store._admin_url}")
    start = time.perf_counter()
    size = sum(bases[i % len(bases)].size for i in range(count))
    if keep_index:
        batch = 1
    with (nullcontext() if keep_index else store.bulk()):
        store.engine.dispose()  # no pooled connection of this process crosses the fork
        done = 0
        chunk = 100 * jobs  # progress between chunks; each writer gets every jobs-th plan of a chunk
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for first in range(0, count, chunk):
                part = list(range(first, min(count, first + chunk)))
                pool.map(_fill_part, [(store.name, target, part[j::jobs], batch) for j in range(jobs)])
                done += len(part)
                print(f"\r  {store.name}: stored {done}/{count} plans ({jobs} writers)", end="", file=sys.stderr, flush=True)
        stored = time.perf_counter() - start
        print(f"\n  {store.name}: {'done' if keep_index else 'indexing'}", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - start
    store.analyze()
    return {"plans": count, "mb": size / 1e6, "store": stored, "seconds": seconds, "jobs": jobs}


def percentile(samples: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    xs = sorted(samples)
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def bench_search(store: Store, runs: int) -> tuple[list[tuple[str, int, bool, float, bool]], list[float]]:
    per_query = []
    samples: list[float] = []
    with store.factory() as session:
        for q in QUERIES:
            first = search(session, q)  # warm-up
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                search(session, q)
                times.append(time.perf_counter() - start)
            samples.extend(times)
            per_query.append((q, first.total, first.ranked, statistics.median(times), first.exact))
    return per_query, samples


# --- report --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help=f"folder of .txt plans (default {DEFAULT_CORPUS})")
    ap.add_argument("--plans", type=int, default=1000, help="generated plans in the search store (default 1000)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs of each query (default 5)")
    ap.add_argument("--pg", metavar="URL", default=os.environ.get("PLANTRACK_TEST_DATABASE_URL"),
                    help="PostgreSQL server to bench too (default PLANTRACK_TEST_DATABASE_URL); a temporary schema is used")
    ap.add_argument("--no-sqlite", action="store_true", help="bench PostgreSQL only")
    ap.add_argument("--jobs", type=int, default=2, help="writer processes for the generated store on PostgreSQL (default 2)")
    ap.add_argument("--keep-index", action="store_true",
                    help="write the generated plans one a transaction with the search index kept up to date, as a live store is")
    ap.add_argument("--per-query", action="store_true", help="also print each query's hits and median time")
    args = ap.parse_args(argv)
    if args.plans < 1 or args.runs < 1 or args.jobs < 1:
        ap.error("--plans, --runs and --jobs must be at least 1")
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1

    engines = ([] if args.no_sqlite else ["sqlite"]) + (["postgresql"] if args.pg else [])
    bases, _ = parse_corpus(files)
    results = {}
    for name in engines:
        store = Store(name, args.pg)
        try:
            ingest = bench_ingest(store, files)
        finally:
            store.close()
        store = Store(name, args.pg)
        try:
            filled = fill(store, bases, args.plans, jobs=args.jobs, keep_index=args.keep_index)
            per_query, samples = bench_search(store, args.runs)
            size = store.size_mb()
        finally:
            store.close()
        results[name] = (ingest, filled, per_query, samples, size)

    print(f"corpus: {args.corpus} ({len(files)} files); search store: {args.plans} generated plans; "
          f"{len(QUERIES)} queries x {args.runs} timed runs; Python {sys.version.split()[0]}")
    print()
    header = f"{'engine':<10}  {'ingest':<22}  {'plans':>6}  {'MB':>7}  {'s':>8}  {'plans/s':>8}  {'MB/s':>6}"
    print(header)
    print("-" * len(header))
    for name, (ingest, filled, *_rest) in results.items():
        rows = [
            ("corpus: parse", ingest["plans"], ingest["mb"], ingest["parse"]),
            ("corpus: store", ingest["plans"], ingest["mb"], ingest["store"]),
            ("corpus: parse + store", ingest["plans"], ingest["mb"], ingest["parse"] + ingest["store"]),
            ("corpus: store + merge", ingest["plans"], ingest["mb"], ingest["store"] + ingest["merge"]),
            (f"generated: store ({filled['jobs']}w)", filled["plans"], filled["mb"], filled["store"]),
            (f"generated: + index", filled["plans"], filled["mb"], filled["seconds"]),
        ]
        for label, plans, mb, s in rows:
            print(f"{name:<10}  {label:<22}  {plans:>6}  {mb:>7.1f}  {s:>8.2f}  {plans / s:>8.1f}  {mb / s:>6.2f}")
    print()
    header = f"{'engine':<10}  {'plans':>6}  {'store MB':>8}  {'p50 ms':>7}  {'p95 ms':>7}  {'max ms':>7}  {'estimated':>9}  {'goal p95 < 50 ms':<16}"
    print(header)
    print("-" * len(header))
    for name, (_i, filled, per_query, samples, size) in results.items():
        p50, p95 = percentile(samples, 50) * 1000, percentile(samples, 95) * 1000
        goal = "met" if p95 < 50 else "missed"
        estimated = sum(1 for row in per_query if not row[4])
        print(f"{name:<10}  {filled['plans']:>6}  {size:>8.0f}  {p50:>7.1f}  {p95:>7.1f}  {max(samples) * 1000:>7.1f}  "
              f"{estimated:>4}/{len(per_query):<4}  {goal:<16}")
    if args.per_query:
        for name, (_i, _f, per_query, _s, _size) in results.items():
            print()
            header = f"{name}: {'query':<16}  {'hits':>9}  {'ranked':>6}  {'median ms':>9}"
            print(header)
            print("-" * len(header))
            for q, total, ranked, t, exact in per_query:
                hits = f"{total}" if exact else f"~{total}"
                print(f"{'':<{len(name) + 2}}{q:<16}  {hits:>9}  {'yes' if ranked else 'no':>6}  {t * 1000:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
