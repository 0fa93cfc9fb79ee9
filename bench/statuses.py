"""Statuses on the real corpus: the five plans with the shared observations, counted by status.

    PYTHONPATH=src python bench/statuses.py [--year 2023] [--plan KEY] [--list STATUS]

Loads ../shared/corpus/*.txt and ../shared/data/observations.csv into a fresh SQLite file,
evaluates every plan for the year and prints the count of each status per plan and in total;
--list prints the indicators with that status (name, target text, kind, reason, origin: a table row
or a target of the text tracked as an item). Asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from plantrack.load import load_files
from plantrack.observations.importer import import_file
from plantrack.store.db import open_store
from plantrack.tracking import evaluate_plan

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--year", type=int, default=2023)
    ap.add_argument("--plan", default=None)
    ap.add_argument("--list", default=None, help="print the indicators with this status")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        factory = open_store(f"sqlite:///{tmp}/bench.db")
        load_files(factory, sorted((SHARED / "corpus").glob("*.txt")))
        import_file(factory, SHARED / "data" / "observations.csv")
        total: Counter = Counter()
        with factory.begin() as s:
            from plantrack.store.repository import list_plans

            keys = sorted(p.key for p in list_plans(s)[0])
            for key in keys:
                if args.plan and key != args.plan:
                    continue
                result = evaluate_plan(s, key, args.year, store=False)
                counts = Counter(a["status"] for a in result.assessments)
                total.update(counts)
                print(f"{key}: {len(result.assessments)} " + "，".join(f"{k} {v}" for k, v in sorted(counts.items())))
                for a in result.assessments:
                    if args.list and a["status"] == args.list:
                        ind = a["indicator"]
                        print(f"    {ind['name']} | {ind.get('target_text')} | {ind.get('annual_growth')} | "
                              f"{a['kind']} | {a['reason']} | obs={bool(a['observed'])} | {a.get('origin')}")
        print(f"total {sum(total.values())}: " + "，".join(f"{k} {v}" for k, v in sorted(total.items())))


if __name__ == "__main__":
    main()
