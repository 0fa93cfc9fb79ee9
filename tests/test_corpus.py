"""The five real plans of ../shared/corpus, measured against the hand-checked gold tables.

These are the acceptance figures of the parse issue: indicator recall and fields >= 0.98, the
review table fields >= 0.95, outline and 专栏 counts.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from plantrack.ingest.pipeline import parse_file

from .conftest import GOLD, SHARED

sys.path.insert(0, str(Path(__file__).parent / "ingest"))
from review_scoring import load_gold as load_review_gold  # noqa: E402
from review_scoring import score_review  # noqa: E402

INDICATOR_PLANS = ["shanxi-14th-fyp-outline", "shanxi-ecology-14th-plan", "xinzhou-ecology-14th-plan", "yuncheng-14th-fyp-outline"]


def _scorer():
    path = SHARED / "tools" / "score_plan.py"
    spec = importlib.util.spec_from_file_location("score_plan", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=None)
def parsed(name: str) -> dict:
    return parse_file(SHARED / "corpus" / f"{name}.txt")


def walk(nodes, depth=0):
    for n in nodes:
        yield depth, n
        yield from walk(n["children"], depth + 1)


@pytest.mark.parametrize("name", INDICATOR_PLANS)
def test_indicator_table_matches_gold(corpus_dir, name):
    scorer = _scorer()
    gold = scorer.load_gold(GOLD / f"{name}.indicators.tsv")
    result = scorer.score(parsed(name), gold)
    assert result["recall"] >= 0.98, result
    assert result["fields"] >= 0.98, result


def test_provincial_review_table_matches_gold(corpus_dir):
    reviews = parsed("shanxi-14th-fyp-outline")["reviews"]
    assert len(reviews) == 1 and reviews[0]["title"] == "“十三五”规划主要指标实现情况"
    share, wrong = score_review(reviews[0]["rows"], load_review_gold(GOLD / "shanxi-14th-fyp-outline.review.tsv"))
    assert share >= 0.95, wrong


def test_yellow_river_prose_targets_reach_the_recall_bar(corpus_dir):
    scorer = _scorer()
    gold = scorer.load_gold(GOLD / "shanxi-yellow-river-plan.targets.tsv")
    result = scorer.score(parsed("shanxi-yellow-river-plan"), gold, key="targets")
    assert result["recall"] >= 0.8, result


@pytest.mark.parametrize(
    "name, top, second",
    [
        ("shanxi-14th-fyp-outline", 14, 67),
        ("yuncheng-14th-fyp-outline", 12, 56),
        ("shanxi-ecology-14th-plan", 8, 34),
        ("shanxi-yellow-river-plan", 15, 55),
    ],
)
def test_outline_counts(corpus_dir, name, top, second):
    depths = Counter(d for d, n in walk(parsed(name)["outline"]) if n["kind"] != "box")
    assert (depths[0], depths[1]) == (top, second)


@pytest.mark.parametrize(
    "name, boxes",
    [("shanxi-14th-fyp-outline", 25), ("yuncheng-14th-fyp-outline", 23), ("shanxi-ecology-14th-plan", 14)],
)
def test_box_counts(corpus_dir, name, boxes):
    found = {(n["label"].replace(" ", ""), n["title"]) for _, n in walk(parsed(name)["outline"]) if n["kind"] == "box"}
    assert len(found) == boxes


def test_every_line_number_points_at_its_text(corpus_dir):
    """The source is the truth: an indicator's line holds its name's first characters (or its number)."""
    for name in INDICATOR_PLANS:
        raw = (SHARED / "corpus" / f"{name}.txt").read_text(encoding="utf-8").split("\n")
        for ind in parsed(name)["indicators"]:
            line = raw[ind["line"] - 1]
            assert ind["name"][:2] in line or line.strip().split()[0].isdigit(), (name, ind["name"], line)
