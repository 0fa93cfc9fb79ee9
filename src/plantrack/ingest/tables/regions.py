"""Candidate table regions found by their body: runs of lines shaped like indicator rows.

A header is the easy evidence, but a continuation page has none, and a header in words the rules
do not know hides the table behind it. The body is evidence of its own: a run of lines most of
which carry a name, numbers (or 约束性/预期性) and often a unit, cell by cell (cells.py). This
module finds such runs, infers the columns of a run from the types of its cells, and lists the
runs no table took (for the completeness checks, ingest/completeness.py).

Two strengths of evidence, on purpose:
- `is_row_like` (loose) is what a person would call "looks like a table row"; it is used to
  report unread runs, where a false alarm costs a glance;
- `body_table_columns` (strict) decides that a header-less run IS an indicator table, where a
  false table costs garbage rows: most rows must carry 约束性/预期性, or a unit column and two
  value columns.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .cells import VALUE_TYPES, cell_type

MIN_ROWS = 3
_ROW_HINT = re.compile(r"\d|约束|预期")  # a row states a number or its binding; a quick first look
_SENTENCE = re.compile(r"[。；;]")
_SPACED = re.compile(r"\S {2,}\S")
_CELL_GAP = re.compile(r"\t| {2,}")


def split_row_cells(text: str) -> list[str]:
    """The cells of one line: split by tabs or runs of spaces where the line has them, else by
    single spaces (a flattened row: 森林覆盖率 % 36.5 约束性)."""
    t = text.strip()
    if "\t" in t or _SPACED.search(t):
        parts = _CELL_GAP.split(t)
    else:
        parts = t.split(" ")
    return [p.strip() for p in parts if p.strip()]


def row_types(text: str) -> list[str]:
    return [cell_type(c) for c in split_row_cells(text)]


@lru_cache(maxsize=16384)
def is_row_like(text: str) -> bool:
    """A line shaped like an indicator row: a name, then at least two values (or one value and a
    unit or a binding word), and no sentence."""
    if len(text) > 160 or "。" in text or not _ROW_HINT.search(text) or _SENTENCE.search(text):
        return False
    types = row_types(text)
    if "name" not in types:
        return False
    after = types[types.index("name") + 1:]
    values = sum(t in VALUE_TYPES for t in after)
    numbers = sum(t in ("number", "compound") for t in after)
    return numbers >= 1 and (values >= 2 or "unit" in after or "binding" in after)


def row_runs(texts: list[str], skip: set[int] = frozenset(), gap: int = 1) -> list[tuple[int, int]]:
    """(first, last) indices of runs of MIN_ROWS or more row-like lines outside `skip`; up to `gap`
    other lines (a wrapped name, a category label) may stand between two rows of a run."""
    runs: list[tuple[int, int]] = []
    start = last = None
    count = 0
    for i, text in enumerate(texts):
        if i in skip:
            if start is not None and count >= MIN_ROWS:
                runs.append((start, last))
            start, count = None, 0
            continue
        if is_row_like(text):
            if start is None or i - last - 1 > gap:
                if start is not None and count >= MIN_ROWS:
                    runs.append((start, last))
                start, count = i, 0
            last, count = i, count + 1
    if start is not None and count >= MIN_ROWS:
        runs.append((start, last))
    return runs


def body_table_columns(texts: list[str]) -> list[str] | None:
    """Column roles of a header-less run, from the types of its cells, or None when the run is not
    surely an indicator table.

    The rows' most common cell count is the table's width; each position takes the role its types
    show: names -> name, units -> unit, 约束性/预期性 -> binding, small whole numbers before the
    name -> seq; the value positions are, in order, target alone, base and target, or base,
    target and growth (a plan row always states its target).
    """
    cells = [split_row_cells(t) for t in texts if is_row_like(t)]
    typed = [[cell_type(c) for c in r] for r in cells]
    if len(typed) < MIN_ROWS:
        return None
    width, n = Counter(len(t) for t in typed).most_common(1)[0]
    rows = [t for t in typed if len(t) == width]
    texts_at = [r for r in cells if len(r) == width]
    if n < max(MIN_ROWS, 0.6 * len(typed)):
        return None
    roles: list[str | None] = []
    for k in range(width):
        kinds = Counter(r[k] for r in rows)
        top, count = kinds.most_common(1)[0]
        share = count / len(rows)
        if top == "name" and share >= 0.6 and "name" not in roles:
            roles.append("name")
        elif top == "unit" and share >= 0.6:
            roles.append("unit")
        elif top == "binding" and share >= 0.6:
            roles.append("binding")
        elif "name" not in roles and all(re.fullmatch(r"\d{1,3}", r[k]) for r in texts_at):
            roles.append("seq")
        elif sum(kinds[t] for t in VALUE_TYPES) / len(rows) >= 0.6:
            roles.append(None)  # a value column, named below
        else:
            roles.append("other")
    if "name" not in roles:
        return None
    values = [k for k, r in enumerate(roles) if r is None and k > roles.index("name")]
    named = {1: ["target"], 2: ["base", "target"], 3: ["base", "target", "growth"]}.get(len(values))
    if named is None:
        return None
    for k, role in zip(values, named):
        roles[k] = role
    roles = [r or "other" for r in roles]
    binding_rows = sum("binding" in r for r in typed) / len(typed)
    if binding_rows < 0.5 and not ("unit" in roles and len(values) >= 2):
        return None
    return roles


def cell_stream_runs(texts: list[str], skip: set[int] = frozenset()) -> list[tuple[int, int]]:
    """(first, last) indices of runs of short lines that read as a table printed one cell per line:
    at least 12 cells, a third of them values, and names among them; a sentence ends a run."""
    runs: list[tuple[int, int]] = []
    start = None
    for i in range(len(texts) + 1):
        short = i < len(texts) and i not in skip and len(texts[i].strip()) <= 30 and not _SENTENCE.search(texts[i])
        if short and start is None:
            start = i
        elif not short and start is not None:
            if i - start >= 12:  # only a long enough run is worth typing its cells
                kinds = [cell_type(texts[k].strip()) for k in range(start, i)]
                values = sum(k in VALUE_TYPES or k == "binding" for k in kinds)
                if values * 3 >= len(kinds) and kinds.count("name") >= 3:
                    runs.append((start, i - 1))
            start = None
    return runs


def unread_runs(texts: list[str], taken: set[int]) -> list[tuple[int, int]]:
    """Runs of row-like lines, or of cells printed one per line, (indices) that no table took."""
    return sorted(row_runs(texts, taken) + cell_stream_runs(texts, taken))
