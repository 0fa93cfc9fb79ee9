"""Precision and recall of the bulletin reader on real statistics bulletins against their gold.

    PYTHONPATH=src .venv/bin/python bench/bulletins.py [--show]

Reads every file of tests/fixtures/bulletins/ (its region and year taken from gold.tsv, as a person
would give them with --region/--year) and compares the proposals with the hand-checked gold
(scoring in tests/observations/bulletin_scoring.py). Prints per file and in total; --show lists
the wrong and missed values. Asserts nothing; exit 0.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.observations.bulletin_scoring import score  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", action="store_true", help="list wrong and missed values")
    ap.add_argument("--gold", default="gold.tsv", help="gold.tsv (development) or gold-heldout.tsv (held out)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    total, per_file = score(gold_file=args.gold)
    took = time.perf_counter() - t0
    print(f"{'file':34} {'gold':>4} {'prop':>4} {'right':>5} {'prec':>6} {'recall':>6}")
    for name, s in per_file.items():
        print(f"{name:34} {s.gold:4d} {s.proposals:4d} {s.right:5d} {s.precision:6.3f} {s.recall:6.3f}")
    print(f"{'total':34} {total.gold:4d} {total.proposals:4d} {total.right:5d} {total.precision:6.3f} {total.recall:6.3f}"
          f"   ({len(per_file)} bulletins, {took:.2f} s)")
    if args.show:
        for f, c, v, line in total.wrong:
            print(f"  wrong   {f}:{line} {c} = {v:g}")
        for f, c, v, line in total.missed:
            print(f"  missed  {f}:{line} {c} = {v:g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
