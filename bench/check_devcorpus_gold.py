"""Second look at hand-written gold: does every gold value stand in the text where the gold says?

    python3 bench/check_devcorpus_gold.py [DEVCORPUS_DIR]

A gold row is typed by hand from a page; a slip (a wrong line, a base value copied from the
neighbouring row, a target that is not in the text at all) would teach the table reader the wrong
thing and stay invisible in a score. This check re-reads each devcorpus/*.indicators.tsv and
*.targets.tsv row against its document: the row's name must start within a few lines of
source_line, and every value it claims (target_text, annual_growth, base_value, target_value)
must be written in the lines that follow. Numbers are compared as written or with their trailing
zeros dropped (the text's 46.30 is the gold's 46.3). Standard library only; exit 1 on any miss.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / "devcorpus"
NEAR = 4  # lines a wrapped name or a 其中 sub-row may stand from its source_line
AFTER = 12  # lines after source_line in which the row's values must be written


def compact(text: str) -> str:
    """Text as the check compares it: NFKC, no whitespace, one bracket form."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")


def number_forms(value: str) -> list[str]:
    """The ways a gold number may be written in the text: as given, and without a trailing .0."""
    forms = {value}
    if re.fullmatch(r"-?\d+\.\d*?0+", value):
        forms.add(value.rstrip("0").rstrip("."))
    return sorted(forms)


def name_core(name: str) -> str:
    """A 其中 sub-row is named 'parent（其中：sub）' and its line holds the sub part."""
    m = re.search(r"[（(]其中[：:](.+)[）)]$", name)
    return m.group(1) if m else name


def check_file(gold: Path) -> list[str]:
    """Every problem of one gold file, as 'file row N: what is wrong'."""
    doc = gold.parent / f"{gold.name.split('.')[0]}.txt"
    lines = doc.read_text(encoding="utf-8").split("\n")
    problems = []
    with gold.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f, delimiter="\t"), start=2):
            where = f"{gold.name} row {i} ({row['indicator']})"
            line_no = int(row["source_line"])
            if not 1 <= line_no <= len(lines):
                problems.append(f"{where}: source_line {line_no} is outside the document")
                continue
            around = compact("".join(lines[max(0, line_no - 1 - NEAR): line_no + NEAR]))
            if compact(name_core(row["indicator"]))[:4] not in around:
                problems.append(f"{where}: name not near line {line_no}")
            after = compact("".join(lines[line_no - 1: line_no + AFTER]))
            for col in ("target_text", "annual_growth"):
                if row.get(col) and compact(row[col]) not in after:
                    problems.append(f"{where}: {col} {row[col]!r} not in lines {line_no}..{line_no + AFTER}")
            for col in ("base_value", "target_value"):
                if row.get(col) and not any(form in after for form in number_forms(row[col])):
                    problems.append(f"{where}: {col} {row[col]!r} not in lines {line_no}..{line_no + AFTER}")
    return problems


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else DEFAULT
    golds = sorted(corpus.glob("*.indicators.tsv")) + sorted(corpus.glob("*.targets.tsv"))
    problems = [p for gold in golds for p in check_file(gold)]
    for p in problems:
        print(p)
    rows = sum(1 for gold in golds for _ in gold.open(encoding="utf-8")) - len(golds)
    print(f"checked {len(golds)} gold files, {rows} rows: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
