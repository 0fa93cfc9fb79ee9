"""Recall and precision of lead and supporting units found in plan texts, against hand-made gold.

    .venv/bin/python bench/duties.py [tests/fixtures/duties] [--per-file]

Each NAME.txt has NAME.gold.tsv (line, lead units, supporting units; 、-separated). A found unit
counts when the same unit is named in the same role for the measure or table row on that line;
proposals are what `plantrack assignments propose` lists (prose notes and 分工 table rows).
"""

from __future__ import annotations

import sys
from pathlib import Path

from plantrack.ingest.pipeline import parse_file


def gold_pairs(path: Path) -> set[tuple[int, str, str]]:
    out = set()
    for row in path.read_text(encoding="utf-8").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        line, lead, partners = (row.split("\t") + ["", ""])[:3]
        out |= {(int(line), "lead", u) for u in split(lead)}
        out |= {(int(line), "support", u) for u in split(partners)}
    return out


def split(cell: str) -> list[str]:
    """Names separated by 、, never inside a parenthesis (各县（市、区）人民政府, 各县(市、区)政府)."""
    names, current, depth = [], "", 0
    for ch in cell:
        depth += (ch in "（(") - (ch in "）)")
        if ch == "、" and depth == 0:
            names.append(current)
            current = ""
        else:
            current += ch
    return [n for n in names + [current] if n]


def found_pairs(plan: dict) -> set[tuple[int, str, str]]:
    out = set()
    for t in plan.get("tasks", []):
        out |= {(t["line"], "lead", u) for u in t.get("lead_units", [])}
        out |= {(t["line"], "support", u) for u in t.get("partner_units", [])}
    for r in plan.get("duties", []):
        out |= {(r["line"], "lead", u) for u in r["lead_units"]}
        out |= {(r["line"], "support", u) for u in r["supporting_units"]}
    return out


def score(folder: Path, only: str = "*") -> dict:
    totals = {"lead": [0, 0, 0], "support": [0, 0, 0]}  # true positives, gold, found
    for gold_file in sorted(folder.glob(f"{only}.gold.tsv")):
        gold = gold_pairs(gold_file)
        found = found_pairs(parse_file(folder / gold_file.name.replace(".gold.tsv", ".txt")))
        for role in totals:
            g = {p for p in gold if p[1] == role}
            f = {p for p in found if p[1] == role}
            totals[role][0] += len(g & f)
            totals[role][1] += len(g)
            totals[role][2] += len(f)
    return {role: {"recall": tp / g if g else None, "precision": tp / f if f else None, "gold": g, "found": f}
            for role, (tp, g, f) in totals.items()}


def show(scores: dict, indent: str = "") -> None:
    for role, s in scores.items():
        shown = {k: "—" if s[k] is None else f"{s[k]:.3f}" for k in ("recall", "precision")}  # nothing found: no precision
        print(f"{indent}{role:8} recall {shown['recall']}  precision {shown['precision']}  (gold {s['gold']}, found {s['found']})")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--per-file"]
    folder = Path(args[0] if args else Path(__file__).resolve().parent.parent / "tests/fixtures/duties")
    if "--per-file" in sys.argv:  # one document's figures say which kind of damage is left
        for gold_file in sorted(folder.glob("*.gold.tsv")):
            name = gold_file.name.removesuffix(".gold.tsv")
            print(name)
            show(score(folder, name), "  ")
        print("all")
    show(score(folder), "  " if "--per-file" in sys.argv else "")
