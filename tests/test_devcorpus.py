"""The development corpus (devcorpus/): real plans from outside Shanxi with hand-checked gold.

Two kinds of promise. First, every gold file is well-formed: the shared scorer's columns, numbers
that parse, a source_line inside the document whose text holds the row's name — a gold file
that points at the wrong line would teach the table reader the wrong thing. Second, a ratchet:
the parser scores no worse on the corpus than it did when the floor was measured. The coordinator
raises the floors as the table reader improves; lowering one needs a reason in the commit.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEVCORPUS = REPO / "devcorpus"

# bench/ is a folder of scripts, not a package; loading the scorer by path keeps it off sys.path,
# where its parse.py or store.py could shadow other modules.
_spec = importlib.util.spec_from_file_location("score_corpus", REPO / "bench" / "score_corpus.py")
score_corpus_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score_corpus_module)
load_scorer, mean, score_corpus = score_corpus_module.load_scorer, score_corpus_module.mean, score_corpus_module.score_corpus

INDICATOR_COLUMNS = ["indicator", "unit", "base_year", "base_value", "target_year", "target_value", "target_text", "binding", "category", "source_line"]
# annual_growth where the table has a 年均增长/累计 column; interim_year/interim_text where it has an
# intermediate target column the contract has no field for (e.g. 2020 in a plan to 2030);
# alt_scope/alt_scope_text where a table gives a second target for a part of the region (苏南 beside
# 全省: the whole region's cell is target_*), weight/department where it has 权重 and 部门 columns
# (a merged cell's value on every row under it). The shared scorer ignores columns it does not know.
OPTIONAL_COLUMNS = {"annual_growth", "interim_year", "interim_text", "alt_scope", "alt_scope_text", "weight", "department"}
NUMERIC = ["base_year", "base_value", "target_year", "target_value"]
BINDING = {"", "约束性", "预期性"}
# How far from source_line a row's name may start: a name wrapped over lines, or a 其中 sub-row
# whose parent name stands a few lines above it.
NEAR = 4

# Measured on 2026-12-03 after the table reader and prose work (recall 0.99, fields 0.95; prose
# targets recall 0.99, fields 0.96), rounded down. Raise them as the parser improves; on main at
# b86cc45 they were recall 0.18, fields 0.14 and prose-target recall 0.46.
# Raised on 2026-12-03 (branch tables) with 6 more table documents (10 indicator documents, 151
# gold rows): recall 0.996, fields 0.979.
# Raised on 2026-12-03 (branch corpus3) after glued tables cut their group labels off the names
# and Latin unit symbols (L/d) read as units: recall 0.996, fields 0.991.
FLOOR_RECALL = 0.99
FLOOR_FIELDS = 0.99
FLOOR_DOC_RECALL = 0.90  # the bar: no indicator document below this recall
# Prose-target floors raised on 2026-12-03 (branch corpusG, 19 prose-target documents) after
# respective figures for three or more subjects, purpose clauses, enumerated horizons and
# per-population rates and gaps were read: recall 0.980, fields 0.950.
FLOOR_TARGET_RECALL = 0.97  # mean prose-target recall over the documents with a NAME.targets.tsv
FLOOR_TARGET_FIELDS = 0.94

GOLD_FILES = sorted(DEVCORPUS.glob("*.indicators.tsv")) + sorted(DEVCORPUS.glob("*.targets.tsv"))


# Pinyin glosses a repost inserted after characters, e.g. 萬(wàn)畝: damage in the text that the gold,
# like the contract, writes without.
PINYIN_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def _compact(text: str) -> str:
    """A line or name as the check compares them: NFKC, no spaces, no pinyin glosses, one bracket form."""
    text = unicodedata.normalize("NFKC", text)
    text = PINYIN_GLOSS.sub("", text)
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")


def _name_core(name: str) -> str:
    """The part of a gold name that must be written in the text: a 其中 sub-row's name is
    'parent（其中：sub）', and its source_line holds the sub part."""
    m = re.search(r"[（(]其中[：:](.+)[）)]$", name)
    return m.group(1) if m else name


def _rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        return list(reader.fieldnames or []), list(reader)


def test_the_corpus_has_documents():
    assert sorted(DEVCORPUS.glob("*.txt")), "devcorpus/ holds no documents"


@pytest.mark.parametrize("txt", sorted(DEVCORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_document_has_its_gold_and_outline(txt):
    stem = txt.with_suffix("")
    assert any(Path(f"{stem}.{kind}.tsv").exists() for kind in ("indicators", "review", "targets"))
    outline = json.loads(Path(f"{stem}.outline.json").read_text(encoding="utf-8"))
    assert set(outline) == {"篇", "章", "节", "专栏"} and all(isinstance(v, int) and v >= 0 for v in outline.values())


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_is_well_formed(gold):
    columns, rows = _rows(gold)
    assert [c for c in columns if c not in OPTIONAL_COLUMNS] == INDICATOR_COLUMNS, columns
    assert rows, f"{gold.name}: no rows"
    doc = gold.name.split(".")[0]
    lines = (DEVCORPUS / f"{doc}.txt").read_text(encoding="utf-8").split("\n")
    for i, row in enumerate(rows, start=2):
        where = f"{gold.name} row {i}"
        assert row["indicator"].strip(), where
        for col in NUMERIC:
            if row[col]:
                float(row[col])  # raises on a value that does not parse
        assert row["binding"] in BINDING, (where, row["binding"])
        line_no = int(row["source_line"])
        assert 1 <= line_no <= len(lines), (where, line_no)
        window = _compact("".join(lines[max(0, line_no - 1 - NEAR): line_no + NEAR]))
        core = _compact(_name_core(row["indicator"]))
        assert core[:4] in window, (where, row["indicator"], lines[line_no - 1])
        following = _compact("".join(lines[line_no - 1: line_no + 3 * NEAR]))
        for col in ("target_text", "annual_growth", "interim_text", "alt_scope_text"):
            if row.get(col):
                assert _compact(row[col]) in following, (where, col, row[col])


REVIEW_COLUMNS = ["indicator", "unit", "base_2015", "target_2020", "planned_growth", "actual_2020", "actual_growth", "binding", "source_line"]


@pytest.mark.parametrize("gold", sorted(DEVCORPUS.glob("*.review.tsv")), ids=lambda p: p.name)
def test_review_gold_is_well_formed(gold):
    """A previous plan's results table, in the shape of ../shared/gold/*.review.tsv."""
    columns, rows = _rows(gold)
    assert columns == REVIEW_COLUMNS, columns
    assert rows, f"{gold.name}: no rows"
    lines = (DEVCORPUS / f"{gold.name.split('.')[0]}.txt").read_text(encoding="utf-8").split("\n")
    for i, row in enumerate(rows, start=2):
        where = f"{gold.name} row {i}"
        assert row["binding"] in BINDING, where
        line_no = int(row["source_line"])
        assert 1 <= line_no <= len(lines), where
        assert _compact(row["indicator"])[:4] in _compact(lines[line_no - 1]), (where, lines[line_no - 1])
        following = _compact("".join(lines[line_no - 1: line_no + 3 * NEAR]))
        for col in ("base_2015", "target_2020", "actual_2020", "actual_growth"):
            assert _compact(row[col]) in following, (where, col, row[col])


@pytest.mark.usefixtures("shared_scorer")
def test_gold_files_load_in_the_shared_scorer():
    scorer = load_scorer()
    for gold in GOLD_FILES:
        assert scorer.load_gold(gold), gold.name



@pytest.fixture
def shared_scorer():
    """The scores use the shared tool (../shared/tools/score_plan.py), not a copy: like the corpus tests
    (tests/conftest.py), they need ../shared next to the repository."""
    if not score_corpus_module.SCORER.is_file():
        pytest.skip("../shared/tools/score_plan.py is not next to the repository")

@lru_cache(maxsize=None)
def _results():
    return score_corpus(DEVCORPUS)


@pytest.mark.usefixtures("shared_scorer")
def test_corpus_scores_no_worse_than_the_floor():
    m = mean(_results())
    assert m["recall"] >= FLOOR_RECALL, m
    assert m["fields"] >= FLOOR_FIELDS, m


@pytest.mark.usefixtures("shared_scorer")
def test_no_indicator_document_falls_below_the_recall_floor():
    low = [(r["doc"], r["indicators"]["recall"]) for r in _results()
           if "indicators" in r and r["indicators"]["recall"] < FLOOR_DOC_RECALL]
    assert not low, low


@pytest.mark.usefixtures("shared_scorer")
def test_prose_targets_score_no_worse_than_the_floor():
    scored = [r["targets"] for r in _results() if "targets" in r]
    assert scored, "no document has a prose-target gold"
    m = mean(_results())
    where = [(r["doc"], r["targets"]["recall"], r["targets"]["fields"]) for r in _results() if "targets" in r]
    assert m["target_recall"] >= FLOOR_TARGET_RECALL, where
    assert m["target_fields"] >= FLOOR_TARGET_FIELDS, where


@pytest.mark.usefixtures("shared_scorer")
def test_outline_counts_are_exact_on_every_document():
    m = mean(_results())
    assert m["outline_documents"] and m["outline_exact"] == m["outline_documents"], [
        (r["doc"], r["outline_found"], r["outline_expected"]) for r in _results() if "outline_expected" in r]
