"""Parse speed on the corpus: best-of-N time and throughput per file and for all files together.

    .venv/bin/python bench/parse.py [CORPUS_DIR] [-n RUNS]

CORPUS_DIR defaults to ../shared/corpus next to the repository. Files are read once, before
timing; each timed run is plantrack.ingest.pipeline.parse_bytes on the bytes in memory, so the
figures are the parser's, not the disk's. Prints a table; asserts nothing. On a machine other
jobs share, compare two versions with bench/parse_ab.py (both in one process, in turns) instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plantrack.ingest.pipeline import parse_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help=f"folder of .txt plans (default {DEFAULT_CORPUS})")
    ap.add_argument("-n", "--runs", type=int, default=5, help="timed runs per measurement; the best is reported (default 5)")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    data = {f.name: f.read_bytes() for f in files}

    rows = []
    for name, raw in data.items():
        plan = parse_bytes(raw, name)  # warm-up, and the counts shown beside the time
        seconds = best_of(args.runs, lambda raw=raw, name=name: parse_bytes(raw, name))
        rows.append((name, len(raw), plan["source"]["lines"], len(plan["indicators"]), seconds))

    def parse_all():
        for name, raw in data.items():
            parse_bytes(raw, name)

    total_seconds = best_of(args.runs, parse_all)
    total_bytes = sum(len(raw) for raw in data.values())
    total_lines = sum(r[2] for r in rows)
    total_indicators = sum(r[3] for r in rows)

    width = max(len("all files together"), *(len(r[0]) for r in rows))
    print(f"corpus: {args.corpus}  (best of {args.runs} runs, parse_bytes on bytes in memory, Python {sys.version.split()[0]})")
    header = f"{'file':<{width}}  {'KB':>8}  {'lines':>6}  {'indicators':>10}  {'ms':>9}  {'MB/s':>7}"
    print(header)
    print("-" * len(header))
    for name, size, lines, indicators, seconds in rows:
        print(f"{name:<{width}}  {size / 1024:>8.1f}  {lines:>6}  {indicators:>10}  {seconds * 1000:>9.1f}  {size / 1e6 / seconds:>7.2f}")
    print("-" * len(header))
    print(f"{'all files together':<{width}}  {total_bytes / 1024:>8.1f}  {total_lines:>6}  {total_indicators:>10}  "
          f"{total_seconds * 1000:>9.1f}  {total_bytes / 1e6 / total_seconds:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
