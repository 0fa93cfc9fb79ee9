"""The relayout harness (bench/relayout.py) as a ratchet: known gold tables re-laid out the ways
published plans lay them out must still read as the same rows.

A fixed subset (four source tables with different shapes: a seed with a category column, a seed
with a growth column, a table with 其中 sub-rows, a table with no 属性 column) times the layouts
below, each layout with its own floor on the mean share of right cells. Floors are what the
reader measured when they were set, rounded down; raise them as it improves, lower one only with
a reason in the commit. A layout the reader cannot read must lose rows, not invent them: the
precision floor holds for every layout.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("relayout", REPO / "bench" / "relayout.py")
relayout = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("relayout", relayout)  # its dataclasses look their module up by name
_spec.loader.exec_module(relayout)

SOURCES = ("shanxi-ecology-14th-plan", "shanxi-14th-fyp-outline", "broadband-china-strategy-2013",
           "shaanxi-yangling-2022-annual-plan")

# layout -> floor on mean fields over SOURCES (measured 2026-12-03, branch damage, rounded down).
FIELD_FLOORS = {
    "tab": 0.99,
    "tab_unnumbered": 0.99,
    "spaces": 0.99,
    "fullwidth_ideographic": 0.99,
    "pipe": 0.99,
    "cell_blank": 0.98,
    "header_two_lines": 0.99,
    "header_chars": 0.98,
    "header_group": 0.99,
    "header_group_spaces": 0.99,
    "header_spaced": 0.99,
    "continued": 0.99,
    "furniture": 0.99,
    "wrapped_names": 0.99,
    "wrapped_names_cell": 0.97,
    "wrapped_names_spaces": 0.82,  # weak: a tail is told from a label only by the name column's width
    "category_rows": 0.99,
    "category_rows_spaces": 0.98,
    "category_numbered_rows": 0.99,
    "category_chars": 0.98,
    "unit_in_name": 0.99,
    "binding_first": 0.99,
    "unit_last": 0.99,
    "years_2025_2030": 0.99,
    "years_2024_2030": 0.99,
    "years_2015_2020": 0.99,
    "year_words_2030": 0.99,
    "year_estimate_2030": 0.99,
    "year_status_2030": 0.98,
    "binding_short": 0.99,
    "binding_stars": 0.99,
    "binding_name_star": 0.99,
    "value_marks": 0.99,
    "html": 0.99,
    "html_rows_2030": 0.99,
    "combo_pdf": 0.82,
    "headless": 0.63,  # weak: rows whose targets are words alone are not taken without a header
    "combo_flipbook": 0.55,  # weak: cleaning drops the places of a stacked header's cells
    "combo_web": 0.98,
    "combo_markdown": 0.99,
    "combo_box": 0.98,
}
# Where rows are read, most of them must be right rows; the two weak layouts above are lower.
PRECISION_FLOORS = {"wrapped_names_spaces": 0.85, "combo_pdf": 0.85, "combo_flipbook": 0.9}
PRECISION_FLOOR = 0.95


@pytest.fixture(scope="module")
def scorer():
    if not relayout.SCORER.is_file():
        pytest.skip("../shared/tools/score_plan.py is not next to the repository")
    return relayout.load_scorer()


@lru_cache(maxsize=None)
def _sources():
    tables = {t.name: t for t in relayout.load_sources()}
    return [tables[name] for name in SOURCES]


def test_the_subset_sources_are_there():
    assert [t.name for t in _sources()] == list(SOURCES)
    assert all(len(t.rows) >= 3 for t in _sources())


@pytest.mark.parametrize("layout", sorted(FIELD_FLOORS))
def test_layout_reads_the_same_rows(scorer, layout):
    style = relayout.LAYOUTS[layout]
    scores = [relayout.score_one(scorer, t, style) for t in _sources()]
    fields = sum(s["fields"] for s in scores) / len(scores)
    where = [(t.name, round(s["recall"], 3), round(s["precision"], 3), round(s["fields"], 3)) for t, s in zip(_sources(), scores)]
    assert fields >= FIELD_FLOORS[layout], where
    read = [s["precision"] for s in scores if s["predicted"]]  # reading nothing is fewer rows, not garbage
    assert min(read, default=1.0) >= PRECISION_FLOORS.get(layout, PRECISION_FLOOR), where


def test_the_expected_rows_follow_the_layout_not_the_parser():
    """The gold of a rendering comes from the source rows and the layout: a 2025 -> 2030 layout
    expects base year 2025, and value marks change the target text but not its number."""
    table = _sources()[0]
    gold = relayout.expected_rows(table, relayout.LAYOUTS["years_2025_2030"])
    assert {g["base_year"] for g in gold if g["base_value"]} == {"2025"}
    marked = relayout.expected_rows(table, relayout.LAYOUTS["value_marks"])
    plain = relayout.expected_rows(table, relayout.LAYOUTS["tab"])
    assert [g["target_value"] for g in marked] == [g["target_value"] for g in plain]
    assert any(m["target_text"] != p["target_text"] for m, p in zip(marked, plain))


_ospec = importlib.util.spec_from_file_location("relayout_outline", REPO / "bench" / "relayout_outline.py")
relayout_outline = importlib.util.module_from_spec(_ospec)
sys.modules.setdefault("relayout_outline", relayout_outline)
_ospec.loader.exec_module(relayout_outline)


def test_outline_counts_are_exact_in_every_heading_layout():
    """bench/relayout_outline.py: three outline skeletons x every heading style (tables of contents,
    page furniture, wrapped and glued headings, 专栏 numberings, 一、 items that are not 节)."""
    results = relayout_outline.run()
    wrong = {k: v for k, v in results.items() if v[0] != v[1]}
    assert len(results) >= 50 and not wrong, wrong


def test_outline_expected_counts_follow_the_style():
    national = relayout_outline._skeletons()[0]
    plain = relayout_outline.expected_counts(national, relayout_outline.STYLES["plain"])
    items = relayout_outline.expected_counts(national, relayout_outline.STYLES["items_comma"])
    assert plain["节"] > 0 and items["节"] == 0 and plain["章"] == items["章"] and plain["篇"] == 4
