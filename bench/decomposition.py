"""How far decomposition reaches on the corpus: for each child plan, how many of its 完成省下达任务
indicators a decomposition of its parent plan can resolve (a parent indicator of the same concept
or name exists), and the statuses before and after, with every parent indicator given a placeholder
figure for the child's region (its own figure where it has one, else 1).

    PYTHONPATH=src python bench/decomposition.py [--year 2023]

Loads ../shared/corpus/*.txt and ../shared/data/observations.csv into a fresh SQLite file. The
placeholder figures are not real assignments: the point is which indicators can be reached.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from plantrack.domain.targets import interpret
from plantrack.load import load_files
from plantrack.observations.importer import import_file
from plantrack.store.db import open_store
from plantrack.store.models import Allocation
from plantrack.store.repository import list_plans
from plantrack.tracking import evaluate_plan

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--year", type=int, default=2023)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        factory = open_store(f"sqlite:///{tmp}/bench.db")
        load_files(factory, sorted((SHARED / "corpus").glob("*.txt")))
        import_file(factory, SHARED / "data" / "observations.csv")
        with factory.begin() as s:
            children = [p for p in list_plans(s)[0] if p.parent is not None]
            before = {p.key: evaluate_plan(s, p.key, args.year, store=False).assessments for p in children}
            for p in children:
                for ind in p.parent.current.document.get("indicators", []):
                    spec = interpret(ind)
                    figure = spec.value if spec.value is not None else 1
                    s.add(Allocation(parent_plan_id=p.parent.id, indicator_name=ind["name"], region_code=p.region_code,
                                     assigned_text=f"{figure:g}", assigned_value=figure, unit=ind.get("unit"),
                                     rule="at_least", state="active"))
            s.flush()
            for p in children:
                after = evaluate_plan(s, p.key, args.year, store=False).assessments
                assigned = [a for a in before[p.key] if a["kind"] == "assigned"]
                resolved = [a for a, b in zip(before[p.key], after) if a["kind"] == "assigned" and b["kind"] != "assigned"]
                print(f"{p.key} (parent {p.parent.key}): 完成上级下达 indicators {len(assigned)}, "
                      f"resolvable by decomposition {len(resolved)}")
                print(f"  before {dict(Counter(a['status'] for a in before[p.key]))}")
                print(f"  after  {dict(Counter(a['status'] for a in after))}")
                unresolved = [a["indicator"]["name"] for a, b in zip(before[p.key], after)
                              if a["kind"] == "assigned" and b["kind"] == "assigned"]
                if unresolved:
                    print(f"  no parent indicator of the same concept: {'、'.join(unresolved)}")
            s.rollback()


if __name__ == "__main__":
    main()
