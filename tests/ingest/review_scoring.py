"""Scores a parsed review table against a gold review TSV, with the gold columns mapped to the contract's."""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata

# gold column -> review row field
COLUMN_MAP = {
    "indicator": "name",
    "unit": "unit",
    "base_2015": "base_text",
    "target_2020": "target_text",
    "planned_growth": "planned_growth",
    "actual_2020": "actual_text",
    "actual_growth": "actual_growth",
    "binding": "binding",
}
_BINDING = {"约束性": "binding", "预期性": "expected"}


def norm(value) -> str:
    if value is None:
        return ""
    s = unicodedata.normalize("NFKC", str(value))
    s = re.sub(r"\s+", "", s)
    return s.replace("（", "(").replace("）", ")").replace("—", "-")


def load_gold(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def score_review(rows: list[dict], gold: list[dict]) -> tuple[float, list[str]]:
    """Share of gold cells the parsed rows carry, and a description of each wrong cell."""
    used: set[int] = set()
    right = total = 0
    wrong: list[str] = []
    for g in gold:
        best, best_r = None, 0.0
        for k, r in enumerate(rows):
            if k in used:
                continue
            ratio = difflib.SequenceMatcher(None, norm(g["indicator"]), norm(r["name"])).ratio()
            if ratio > best_r:
                best, best_r = k, ratio
        row = rows[best] if best is not None and best_r >= 0.7 else None
        if row is not None:
            used.add(best)
        for gcol, field in COLUMN_MAP.items():
            total += 1
            want = g.get(gcol, "")
            got = None if row is None else row.get(field)
            if gcol == "binding":
                want = _BINDING.get(want, want)
            if norm(want) == norm(got):
                right += 1
            else:
                wrong.append(f"{g['indicator']}.{gcol}: want {want!r} got {got!r}")
    return right / total, wrong
