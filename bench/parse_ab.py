"""Parse speed of two source trees in one process, alternating: the ratio a shared machine can't spoil.

    PYTHONPATH=src .venv/bin/python bench/parse_ab.py BASE_SRC [CORPUS_DIR] [-n RUNS] [--rounds R]

BASE_SRC is another checkout's src/ folder (e.g. /work/main/src, or `git archive` of a commit
unpacked somewhere); the other side is the plantrack this interpreter imports (PYTHONPATH=src).
On a machine other jobs share, two runs of bench/parse.py a minute apart differ by more than the
change being measured; here both trees parse the same bytes in turns (base, new, base, new …),
each round keeping the best of RUNS for each, so a busy spell slows both alike. Both wall time and
CPU time (time.process_time, which other processes' load disturbs less) are reported, with the
ratio new/base of each; the ratio is the figure to quote.

How two trees live in one process: each is imported as `plantrack`, and its modules are kept
aside; before a tree's turn its modules are put back into sys.modules, so a function-level
import (`from . import tables`) finds its own tree's module. No cache is cleared or shared
between the turns beyond what the parser itself keeps.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def _plantrack_modules() -> dict:
    return {k: v for k, v in sys.modules.items() if k == "plantrack" or k.startswith("plantrack.")}


def _import_tree(src: Path | None) -> dict:
    """Import plantrack (from src, or from the normal path when None) and return its modules."""
    for name in _plantrack_modules():
        del sys.modules[name]
    if src is not None:
        sys.path.insert(0, str(src))
    try:
        importlib.import_module("plantrack.ingest.pipeline")
    finally:
        if src is not None:
            sys.path.remove(str(src))
    return _plantrack_modules()


def _activate(modules: dict) -> None:
    for name in _plantrack_modules():
        del sys.modules[name]
    sys.modules.update(modules)


def _best(runs: int, fn) -> tuple[float, float]:
    """The fastest of runs calls of fn: (wall seconds, CPU seconds), each its own minimum."""
    wall = cpu = float("inf")
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - w)
        cpu = min(cpu, time.process_time() - c)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path, help="the baseline's src/ folder")
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help=f"folder of .txt plans (default {DEFAULT_CORPUS})")
    ap.add_argument("-n", "--runs", type=int, default=3, help="timed runs per turn; the best is kept (default 3)")
    ap.add_argument("--rounds", type=int, default=3, help="turns of each tree (default 3)")
    args = ap.parse_args(argv)
    if not (args.base / "plantrack").is_dir():
        ap.error(f"{args.base} holds no plantrack package")
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    data = [(f.name, f.read_bytes()) for f in files]

    trees = {"base": _import_tree(args.base.resolve()), "new": _import_tree(None)}
    where = {k: Path(m["plantrack"].__file__).parent.parent for k, m in trees.items()}
    if where["base"] == where["new"]:
        print(f"both sides import {where['new']}: set PYTHONPATH=src to measure this tree", file=sys.stderr)
        return 1

    def parse_all(modules: dict):
        parse_bytes = modules["plantrack.ingest.pipeline"].parse_bytes
        return lambda: [parse_bytes(raw, name) for name, raw in data]

    for modules in trees.values():  # warm-up: imports done, regexes compiled
        _activate(modules)
        parse_all(modules)()
    best = {k: [float("inf"), float("inf")] for k in trees}
    print(f"corpus: {args.corpus}  ({len(data)} files, {args.rounds} rounds x best of {args.runs}, Python {sys.version.split()[0]})")
    for k in trees:
        print(f"{k}: {where[k]}")
    print(f"{'round':>5}  {'base ms':>9}  {'new ms':>9}  {'ratio':>6}  {'base cpu':>9}  {'new cpu':>9}  {'ratio':>6}")
    for r in range(1, args.rounds + 1):
        got = {}
        for k, modules in trees.items():
            _activate(modules)
            got[k] = _best(args.runs, parse_all(modules))
            best[k] = [min(best[k][0], got[k][0]), min(best[k][1], got[k][1])]
        b, n = got["base"], got["new"]
        print(f"{r:>5}  {b[0] * 1000:>9.1f}  {n[0] * 1000:>9.1f}  {n[0] / b[0]:>6.3f}  {b[1] * 1000:>9.1f}  {n[1] * 1000:>9.1f}  {n[1] / b[1]:>6.3f}")
    b, n = best["base"], best["new"]
    print(f"{'best':>5}  {b[0] * 1000:>9.1f}  {n[0] * 1000:>9.1f}  {n[0] / b[0]:>6.3f}  {b[1] * 1000:>9.1f}  {n[1] * 1000:>9.1f}  {n[1] / b[1]:>6.3f}")
    _activate(trees["new"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
