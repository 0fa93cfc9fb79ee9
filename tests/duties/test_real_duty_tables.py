"""Real 分工方案 excerpts (tests/fixtures/duties/real, sources in its README): what the extraction
finds in them, measured with bench/duties.py (--per-file for each document's figures). The lead
unit written on its own line under each numbered target (牵头单位:区发改局) is found for that
target, and the 责任单位 line under it gives the target's supporting units."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from plantrack.ingest.pipeline import parse_file

from ..conftest import FIXTURES

REAL = FIXTURES / "duties" / "real"
BENCH = Path(__file__).resolve().parents[2] / "bench" / "duties.py"


def bench():
    spec = importlib.util.spec_from_file_location("bench_duties", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_real_excerpt_has_a_gold_list_and_a_source():
    texts = sorted(p.name.removesuffix(".txt") for p in REAL.glob("*.txt"))
    assert texts and sorted(p.name.removesuffix(".gold.tsv") for p in REAL.glob("*.gold.tsv")) == texts
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    assert all(f"{name}.txt" in readme for name in texts)


def test_lead_units_on_their_own_line_are_found_with_their_target():
    b = bench()
    name = "real-lishan-2023-task-division"
    gold = {p for p in b.gold_pairs(REAL / f"{name}.gold.tsv") if p[1] == "lead"}
    found = b.found_pairs(parse_file(REAL / f"{name}.txt"))
    assert gold and gold <= found


def test_the_bench_scores_the_real_excerpts():
    scores = bench().score(REAL)
    assert scores["lead"]["gold"] > 0 and scores["support"]["gold"] > 0
    assert 0 < scores["lead"]["recall"] <= 1


def test_every_real_excerpt_gives_its_gold_units_in_their_roles_and_no_others():
    b = bench()
    for gold_file in sorted(REAL.glob("*.gold.tsv")):
        gold = b.gold_pairs(gold_file)
        found = b.found_pairs(parse_file(REAL / gold_file.name.replace(".gold.tsv", ".txt")))
        assert (gold_file.name, sorted(gold - found), sorted(found - gold)) == (gold_file.name, [], [])
