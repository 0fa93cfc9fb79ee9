"""Scoring the bulletin reader against the hand-checked gold (tests/fixtures/bulletins/gold.tsv).

A proposal is right when the gold lists the same file, concept and value (to 1e-6 relative);
precision is right proposals over proposals, recall is gold rows found over gold rows. Shared by
the test that holds the reader to its floors and by bench/bulletins.py, which prints the figures.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from plantrack.observations.bulletins import read_bulletin

BULLETINS = Path(__file__).resolve().parents[1] / "fixtures" / "bulletins"


@dataclass
class Score:
    proposals: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0
    wrong: list[tuple[str, str, float, int]] = field(default_factory=list)  # (file, concept, value, line)
    missed: list[tuple[str, str, float, int]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.proposals if self.proposals else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0


def gold_rows(directory: Path = BULLETINS, gold: str = "gold.tsv") -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    with open(directory / gold, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            rows.setdefault(r["file"], []).append(r)
    return rows


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def score(directory: Path = BULLETINS, gold_file: str = "gold.tsv") -> tuple[Score, dict[str, Score]]:
    total, per_file = Score(), {}
    for name, gold in sorted(gold_rows(directory, gold_file).items()):
        path = directory / name
        bulletin = read_bulletin(path.read_bytes(), name, gold[0]["region"], int(gold[0]["year"]))
        s = Score(proposals=len(bulletin.proposals), gold=len(gold))
        wanted = [(g["concept"], float(g["value"]), int(g["line"])) for g in gold]
        hit = set()
        for p in bulletin.proposals:
            i = next((i for i, (c, v, _) in enumerate(wanted) if c == p.concept and _same(v, p.value) and i not in hit), None)
            if i is None:
                s.wrong.append((name, p.concept, p.value, p.line))
            else:
                hit.add(i)
                s.right += 1
        s.found = len(hit)
        s.missed = [(name, c, v, line) for i, (c, v, line) in enumerate(wanted) if i not in hit]
        per_file[name] = s
        total.proposals += s.proposals
        total.right += s.right
        total.gold += s.gold
        total.found += s.found
        total.wrong += s.wrong
        total.missed += s.missed
    return total, per_file
