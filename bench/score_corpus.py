"""Score the parser on the development corpus: every devcorpus/*.txt against its hand-checked gold.

    PYTHONPATH=src .venv/bin/python bench/score_corpus.py [DEVCORPUS_DIR] [--show]

The devcorpus holds real plans from outside Shanxi (issue 15, item 4), so these figures say how
the parser does on plans it was not written against. Each file is parsed in-process with
plantrack.ingest.pipeline.parse_file (no subprocess per file); the scoring is the shared tool's
(../shared/tools/score_plan.py, imported, not copied), so a figure here means the same as the
tool's. Per document it prints gold rows, recall, precision and fields for the indicator table
(NAME.indicators.tsv); recall and fields for prose targets where a NAME.targets.tsv exists; the
share of right cells of a previous-plan review table where a NAME.review.tsv exists (scored as
tests/test_corpus.py scores the Shanxi review, by tests/ingest/review_scoring.py); and the outline
counts found against NAME.outline.json. The last line is the mean of the indicator scores over the
documents that have an indicator gold. Asserts nothing; exit 0.
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
REVIEW_SCORER = REPO / "tests" / "ingest" / "review_scoring.py"
# Outline node kinds as the contract's outline carries them, keyed by the gold's heading words.
GOLD_KINDS = ("indicators", "review", "targets")
OUTLINE_KINDS = {"篇": "part", "章": "chapter", "节": "section", "专栏": "box"}


def load_scorer(path: Path = SCORER, name: str = "score_plan"):
    """A scorer script as a module; it lives outside any package, so it is loaded by path."""
    spec = importlib.util.spec_from_file_location(name, path)
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
    if show:
        print(f"{txt.name}:")
    result = {"doc": txt.stem}
    indicators = Path(f"{stem}.indicators.tsv")
    if indicators.exists():
        result["indicators"] = scorer.score(plan, scorer.load_gold(indicators), show)
    review = Path(f"{stem}.review.tsv")
    if review.exists():
        reviewer = load_scorer(REVIEW_SCORER, "review_scoring")
        gold = reviewer.load_gold(review)
        # A plan may hold several review tables; the gold is scored against the best of them.
        scores = [reviewer.score_review(t["rows"], gold) for t in plan.get("reviews", [])] or [(0.0, [])]
        share, wrong = max(scores, key=lambda s: s[0])
        result["review"] = {"gold": len(gold), "fields": share}
        if show:
            if not plan.get("reviews"):
                print(f"  review: the parser found no review table ({len(plan.get('indicators', []))} indicator rows read)")
            for w in wrong:
                print(f"  review: {w}")
    targets = Path(f"{stem}.targets.tsv")
    if targets.exists():
        result["targets"] = scorer.score(plan, scorer.load_gold(targets), show, key="targets")
    outline = Path(f"{stem}.outline.json")
    if outline.exists():
        result["outline_expected"] = json.loads(outline.read_text(encoding="utf-8"))
        result["outline_found"] = outline_counts(plan)
    return result


def score_corpus(corpus: Path = DEFAULT_CORPUS, show: bool = False) -> list[dict]:
    """Every document of the corpus that has a gold (indicators, review or prose targets), in name order."""
    scorer = load_scorer()
    return [score_document(scorer, txt, show) for txt in sorted(corpus.glob("*.txt"))
            if any(Path(f"{txt.with_suffix('')}.{kind}.tsv").exists() for kind in GOLD_KINDS)]


def mean(results: list[dict]) -> dict:
    """Unweighted mean of the indicator scores over documents with an indicator gold (a small plan
    counts as much as a big one), and the gold row totals (review rows counted apart)."""
    scored = [r["indicators"] for r in results if "indicators" in r]
    n = len(scored) or 1
    targets = [r["targets"] for r in results if "targets" in r]
    outlines = [r for r in results if "outline_expected" in r]
    return {
        "recall": sum(s["recall"] for s in scored) / n,
        "precision": sum(s["precision"] for s in scored) / n,
        "fields": sum(s["fields"] for s in scored) / n,
        "documents": len(scored),
        "gold_rows": sum(s["gold"] for s in scored),
        "review_rows": sum(r["review"]["gold"] for r in results if "review" in r),
        "target_rows": sum(r["targets"]["gold"] for r in results if "targets" in r),
        "target_documents": len(targets),
        "target_recall": sum(s["recall"] for s in targets) / (len(targets) or 1),
        "target_fields": sum(s["fields"] for s in targets) / (len(targets) or 1),
        "outline_documents": len(outlines),
        "outline_exact": sum(all(r["outline_found"].get(k, 0) == r["outline_expected"].get(k, 0) for k in OUTLINE_KINDS)
                             for r in outlines),
    }


def _outline_cell(r: dict) -> str:
    if "outline_expected" not in r:
        return "-"
    exp, found = r["outline_expected"], r["outline_found"]
    return " ".join(f"{k}{found.get(k, 0)}/{exp.get(k, 0)}" for k in OUTLINE_KINDS)


def print_table(results: list[dict]) -> None:
    print(f"{'doc':44} {'gold':>4} {'recall':>6} {'prec':>6} {'fields':>6}  {'targets r/f':>11}  {'review n/f':>10}  outline found/expected")
    for r in results:
        s = r.get("indicators")
        cells = (f"{s['gold']:>4} {s['recall']:>6.2f} {s['precision']:>6.2f} {s['fields']:>6.2f}" if s
                 else f"{'-':>4} {'-':>6} {'-':>6} {'-':>6}")
        t, v = r.get("targets"), r.get("review")
        tcell = f"{t['recall']:.2f}/{t['fields']:.2f}" if t else "-"
        vcell = f"{v['gold']}/{v['fields']:.2f}" if v else "-"
        print(f"{r['doc']:44} {cells}  {tcell:>11}  {vcell:>10}  {_outline_cell(r)}")
    m = mean(results)
    print(f"mean  recall {m['recall']:.2f}  precision {m['precision']:.2f}  fields {m['fields']:.2f}  "
          f"({m['documents']} documents, {m['gold_rows']} gold rows; "
          f"{m['review_rows']} review and {m['target_rows']} prose-target gold rows beside them)")
    print(f"prose targets  recall {m['target_recall']:.2f}  fields {m['target_fields']:.2f}  ({m['target_documents']} documents); "
          f"outline counts exact in {m['outline_exact']} of {m['outline_documents']} documents")


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
