"""Score the parser on the development corpus: every devcorpus/*.txt against its hand-checked gold.

    PYTHONPATH=src .venv/bin/python bench/score_corpus.py [DEVCORPUS_DIR] [--show]

The devcorpus holds real plans from outside Shanxi (issue 15, item 4), so these figures say how
the parser does on plans it was not written against. Each file is parsed in-process with
plantrack.ingest.pipeline.parse_file (no subprocess per file); the scoring is the shared tool's
(../shared/tools/score_plan.py, imported, not copied), so a figure here means the same as the
tool's. Per document it prints gold rows, recall, precision and fields for the indicator table;
recall and fields for prose targets where a NAME.targets.tsv exists; and the outline counts found
against NAME.outline.json. The last line is the mean over documents. Asserts nothing; exit 0.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

from plantrack.ingest.pipeline import parse_file

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / "devcorpus"
SCORER = REPO.parent / "shared" / "tools" / "score_plan.py"
# Outline node kinds as the contract's outline carries them, keyed by the gold's heading words.
OUTLINE_KINDS = {"篇": "part", "章": "chapter", "节": "section", "专栏": "box"}


def load_scorer(path: Path = SCORER):
    """The shared scorer as a module; it is a script in another tree, so it is loaded by path."""
    spec = importlib.util.spec_from_file_location("score_plan", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def outline_counts(plan: dict) -> dict[str, int]:
    """How many headings of each gold kind (篇, 章, 节, 专栏) the parsed outline holds."""
    kinds: Counter = Counter()
    stack = list(plan.get("outline", []))
    while stack:
        node = stack.pop()
        kinds[node.get("kind")] += 1
        stack.extend(node.get("children", []))
    return {word: kinds[kind] for word, kind in OUTLINE_KINDS.items()}


def score_document(scorer, txt: Path, show: bool = False) -> dict:
    """All figures of one document: its indicator score, targets score and outline counts."""
    plan = parse_file(txt)
    stem = txt.with_suffix("")
    gold = scorer.load_gold(f"{stem}.indicators.tsv")
    if show:
        print(f"{txt.name}:")
    result = {"doc": txt.stem, "indicators": scorer.score(plan, gold, show)}
    targets = Path(f"{stem}.targets.tsv")
    if targets.exists():
        result["targets"] = scorer.score(plan, scorer.load_gold(targets), show, key="targets")
    outline = Path(f"{stem}.outline.json")
    if outline.exists():
        result["outline_expected"] = json.loads(outline.read_text(encoding="utf-8"))
        result["outline_found"] = outline_counts(plan)
    return result


def score_corpus(corpus: Path = DEFAULT_CORPUS, show: bool = False) -> list[dict]:
    """Every document of the corpus that has an indicator gold, in name order."""
    scorer = load_scorer()
    return [score_document(scorer, txt, show) for txt in sorted(corpus.glob("*.txt"))
            if Path(f"{txt.with_suffix('')}.indicators.tsv").exists()]


def mean(results: list[dict]) -> dict:
    """Unweighted mean over documents (a small plan counts as much as a big one), and the row total."""
    n = len(results) or 1
    return {
        "recall": sum(r["indicators"]["recall"] for r in results) / n,
        "precision": sum(r["indicators"]["precision"] for r in results) / n,
        "fields": sum(r["indicators"]["fields"] for r in results) / n,
        "documents": len(results),
        "gold_rows": sum(r["indicators"]["gold"] for r in results),
    }


def _outline_cell(r: dict) -> str:
    if "outline_expected" not in r:
        return "-"
    exp, found = r["outline_expected"], r["outline_found"]
    return " ".join(f"{k}{found.get(k, 0)}/{exp.get(k, 0)}" for k in OUTLINE_KINDS)


def print_table(results: list[dict]) -> None:
    print(f"{'doc':44} {'gold':>4} {'recall':>6} {'prec':>6} {'fields':>6}  {'targets r/f':>11}  outline found/expected")
    for r in results:
        s = r["indicators"]
        t = r.get("targets")
        tcell = f"{t['recall']:.2f}/{t['fields']:.2f}" if t else "-"
        print(f"{r['doc']:44} {s['gold']:>4} {s['recall']:>6.2f} {s['precision']:>6.2f} {s['fields']:>6.2f}  {tcell:>11}  {_outline_cell(r)}")
    m = mean(results)
    print(f"mean  recall {m['recall']:.2f}  precision {m['precision']:.2f}  fields {m['fields']:.2f}  "
          f"({m['documents']} documents, {m['gold_rows']} gold rows)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help=f"folder of .txt plans with gold (default {DEFAULT_CORPUS})")
    ap.add_argument("--show", action="store_true", help="print every gold row the parser got wrong")
    args = ap.parse_args(argv)
    results = score_corpus(args.corpus, args.show)
    if not results:
        print(f"no documents with gold in {args.corpus}", file=sys.stderr)
        return 0
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
