"""`plantrack ingest` of a folder of plans: one by one against parsing in worker processes.

    .venv/bin/python bench/load_files.py [CORPUS_DIR] [--copies 4] [--jobs 2] [--pg URL]

The corpus files are copied --copies times into a temporary folder (each copy with a line of its
own, so each is a new plan), then loaded with load.load_files into a fresh store twice: with
jobs=1 (read, parse and store one file after another) and with --jobs worker processes parsing
while the caller stores. Prints files/s of each and their ratio, for SQLite and, when --pg URL or
PLANTRACK_TEST_DATABASE_URL is given, PostgreSQL (a temporary schema, dropped afterwards). Asserts
nothing; the two loads store the same plans (tests/test_load.py checks that).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from store import DEFAULT_CORPUS, Store  # bench/store.py: fresh stores on either engine

from plantrack.load import load_files
from plantrack.store.regions_sync import sync_regions


def copies(corpus: Path, count: int, folder: Path) -> list[Path]:
    files = []
    for n in range(count):
        for source in sorted(corpus.glob("*.txt")):
            target = folder / f"{source.stem}-copy{n}.txt"
            target.write_text(source.read_text("utf-8") + f"\n（副本 {n}）\n", "utf-8")
            files.append(target)
    return files


def timed_load(engine_name: str, pg_url: str | None, files: list[Path], jobs: int) -> float:
    store = Store(engine_name, pg_url)
    try:
        with store.factory.begin() as session:
            sync_regions(session)
        start = time.perf_counter()
        outcomes = load_files(store.factory, files, jobs=jobs)
        seconds = time.perf_counter() - start
        failed = [o for o in outcomes if not o.ok]
        if failed:
            sys.exit(f"{len(failed)} files failed: {failed[0].message}")
        return seconds
    finally:
        store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--copies", type=int, default=4, help="copies of the corpus to load (default 4)")
    ap.add_argument("--jobs", type=int, default=2, help="parsing processes of the parallel load (default 2)")
    ap.add_argument("--pg", metavar="URL", default=os.environ.get("PLANTRACK_TEST_DATABASE_URL"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="plantrack-loadbench-") as folder:
        files = copies(args.corpus, args.copies, Path(folder))
        print(f"{len(files)} files ({sum(f.stat().st_size for f in files) / 1e6:.1f} MB), {os.cpu_count()} CPUs")
        print(f"{'engine':<11} {'jobs=1 s':>9} {'files/s':>8} {f'jobs={args.jobs} s':>9} {'files/s':>8} {'ratio':>6}")
        for engine_name in ["sqlite"] + (["postgresql"] if args.pg else []):
            one = timed_load(engine_name, args.pg, files, 1)
            many = timed_load(engine_name, args.pg, files, args.jobs)
            print(f"{engine_name:<11} {one:9.1f} {len(files) / one:8.2f} {many:9.1f} {len(files) / many:8.2f} {one / many:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
