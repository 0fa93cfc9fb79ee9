"""Checks of completeness: where the parser may have read an indicator table only in part, say so.

A table read in part looks complete: nothing in the rows shows that a row is missing. The plan
itself often does: its rows are numbered (序号 1, 2, 4: row 3 was not read), its text states how
many indicators there are (共设置25项指标 against 24 rows found), a row has no unit or a value
cell whose number did not parse, or a run of lines shaped like a table was not read as one.
Each check is a small named rule over the contract JSON and the cleaned lines, listed in CHECKS;
each finding is {kind, label, severity, message, line} with a Chinese message a planning office
can act on, and goes into the plan's `checks` (domain/plan.py). Pure: no store, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..domain.numerals import cn_to_int
from ..domain.units import is_unit
from ..domain.values import is_compound, is_empty_cell, is_range, leading_number

KIND_LABELS = {
    "sequence_gap": "序号不连续",
    "stated_count": "指标数量与正文不符",
    "missing_unit": "缺少计量单位",
    "unparsed_value": "数值未能识别",
    "unread_table": "疑似表格未读取",
}
SEVERITY = {"sequence_gap": "medium", "stated_count": "medium", "missing_unit": "low", "unparsed_value": "low",
            "unread_table": "medium"}


class TextLine(Protocol):
    no: int
    text: str


@dataclass(frozen=True)
class SourceLine:
    """A line as the checks read it; ingest.clean.Line has the same shape."""

    no: int
    text: str


@dataclass
class Context:
    plan: dict
    lines: Sequence[TextLine]
    read: set[int] = field(default_factory=set)  # source line numbers the parser consumed as tables
    unread_runs: list[tuple[int, int]] | None = None  # (first, last) source lines the table reader declined

    @property
    def indicators(self) -> list[dict]:
        return self.plan.get("indicators") or []

    def text_at(self, no: int) -> str:
        by_no = getattr(self, "_by_no", None)
        if by_no is None:
            by_no = self._by_no = {ln.no: ln.text for ln in self.lines}
        return by_no.get(no, "")


def finding(kind: str, message: str, line: int | None, **extra) -> dict:
    return {"kind": kind, "label": KIND_LABELS[kind], "severity": SEVERITY[kind], "message": message, "line": line,
            **extra}


# --- sequence numbers -----------------------------------------------------------------------------

_CELL_SPLIT = re.compile(r"\t|\u3000+|\s{2,}|\|")
_SEQ_CELL = re.compile(r"^[（(]?(\d{1,3})[)）]?[.、．]?$")
_SEQ_PREFIX = re.compile(r"^(\d{1,3})(?:[.、．]\s*|\s+)[^\d\s.%％,，)）\]］*-]")


def cells(text: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT.split(text.strip()) if c.strip()]


def sequence_number(text: str) -> int | None:
    """The 序号 a table row starts with, in its first or second cell (a category label may come first)."""
    parts = cells(text)
    for k, cell in enumerate(parts[:2]):
        m = _SEQ_CELL.match(cell) or _SEQ_PREFIX.match(cell)
        if not m:
            continue
        # In the second cell a number is the 序号 only where a name follows it (not a value column).
        if k == 1 and not (len(parts) > 2 and _CJK.search(parts[2]) and not _NUMBERISH.match(parts[2])):
            return None
        return int(m.group(1))
    return None


def row_sequence_number(ctx: Context, line: int) -> int | None:
    """The 序号 of the row at line: on the row's own line, or alone on the line above it (layouts
    that print the number, then the wrapped name, on lines of their own)."""
    n = sequence_number(ctx.text_at(line))
    if n is not None:
        return n
    for above in range(line - 1, max(0, line - 3), -1):
        text = ctx.text_at(above).strip()
        if not text:
            continue
        m = _SEQ_CELL.match(text)
        return int(m.group(1)) if m else None
    return None


def check_sequence(ctx: Context) -> list[dict]:
    """序号 1, 2, 4: the row numbered 3 was not read. Numbering may restart (per category or per
    table); a number not above the one before starts a new run."""
    out = []
    prev: int | None = None
    for ind in ctx.indicators:
        n = row_sequence_number(ctx, ind.get("line") or 0)
        if n is None:
            continue
        expected_first = 1 if prev is None else prev + 1
        if prev is not None and n <= prev:
            prev = n
            continue
        if n > expected_first:
            missing = list(range(expected_first, n))
            shown = "、".join(str(m) for m in missing[:5]) + ("等" if len(missing) > 5 else "")
            out.append(finding(
                "sequence_gap",
                f"第{ind['line']}行指标“{ind['name']}”的序号是{n}，前面缺少序号{shown}的指标"
                f"（{len(missing)}行），可能有指标行未被识别，请核对原文并补录。",
                ind["line"], missing=missing))
        prev = n
    return out


# --- counts stated in the text --------------------------------------------------------------------

_N = r"(?P<n>\d{1,3}|[一二三四五六七八九十百两]{1,4})"
STATED_COUNT = (
    re.compile(r"共(?:设置|设立|设有|有|列出|包括|选取|确定)?了?\s*" + _N + r"\s*(?:项|个)\s*(?:主要|核心|具体|规划)?指标"),
    re.compile(r"主要指标(?:共|合计)?(?:设置|包括|有)?\s*" + _N + r"\s*(?:项|个)"),
    re.compile(_N + r"\s*(?:项|个)\s*主要指标"),
)
_REVIEW_CONTEXT = re.compile(r"十[一二三]五|完成|实现|已经|预计")


def stated_counts(lines: Iterable[TextLine]) -> list[tuple[int, int, str]]:
    """(line, count, words) for each sentence stating how many indicators the plan sets."""
    out = []
    for ln in lines:
        if "指标" not in ln.text:  # every phrasing names 指标; most lines are skipped here
            continue
        for rx in STATED_COUNT:
            m = rx.search(ln.text)
            if not m:
                continue
            if _REVIEW_CONTEXT.search(ln.text[max(0, m.start() - 20): m.end() + 10]):
                break  # the previous plan's results, not this plan's table
            raw = m.group("n")
            n = int(raw) if raw.isdigit() else cn_to_int(raw)
            if n:
                out.append((ln.no, n, m.group(0)))
            break
    return out


def check_stated_count(ctx: Context) -> list[dict]:
    found = len(ctx.indicators)
    out, seen = [], set()
    for no, n, words in stated_counts(ctx.lines):
        if n == found or n in seen or no in ctx.read:
            continue
        seen.add(n)
        diff = (f"少{n - found}项，可能有指标行未被识别，请核对原文并补录" if n > found
                else f"多{found - n}项，可能有非指标行被误读为指标，请核对")
        out.append(finding("stated_count", f"第{no}行正文称“{words}”，但识别出的指标表有{found}项，{diff}。",
                           no, stated=n, found=found))
    return out


# --- rows -----------------------------------------------------------------------------------------


def check_units(ctx: Context) -> list[dict]:
    return [
        finding("missing_unit", f"第{ind['line']}行指标“{ind['name']}”没有识别出计量单位，请核对。", ind["line"])
        for ind in ctx.indicators
        if not (ind.get("unit") or "").strip()
    ]


def _unparsed(text: str | None, value) -> bool:
    """A cell that states a number the parser did not read (a qualitative target such as
    完成国家下达任务, a compound 0/97/0/81 or a range 5-6 is read as text on purpose)."""
    if value is not None or text is None or is_empty_cell(text):
        return False
    if not re.search(r"\d", text) or is_compound(text) or is_range(text):
        return False
    return leading_number(text) is None and not re.search(r"[\u4e00-\u9fff]{2,}", text)


def check_values(ctx: Context) -> list[dict]:
    out = []
    for ind in ctx.indicators:
        for text_field, value_field, what in (("base_text", "base_value", "基期值"), ("target_text", "target_value", "目标值")):
            if _unparsed(ind.get(text_field), ind.get(value_field)):
                out.append(finding(
                    "unparsed_value",
                    f"第{ind['line']}行指标“{ind['name']}”的{what}“{ind[text_field]}”未能识别为数值，请核对。",
                    ind["line"], field=value_field))
    return out


# --- table-like runs that were not read -------------------------------------------------------------

_NUMBERISH = re.compile(r"^[<>≤≥＜＞\[［(（〔]?\s*[-+]?\d[\d.,，%％]*\s*[\]］)）〕*]*(?:左右|以上|以内|以下)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SEPARATOR = re.compile(r"\t|\u3000|\s\s|\|")
_DIGITS = re.compile(r"\d.*\d", re.S)
MIN_RUN = 3


def table_like(text: str) -> bool:
    """A line shaped like a table row: three or more cells, at least one a name and two numbers."""
    if not _SEPARATOR.search(text) or not _DIGITS.search(text):  # cheap refusals first: most lines are prose
        return False
    parts = cells(text)
    if len(parts) < 3:
        return False
    numbers = sum(1 for c in parts if _NUMBERISH.match(c))
    return numbers >= 2 and any(_CJK.search(c) for c in parts)


def table_like_runs(lines: Sequence[TextLine], read: set[int]) -> list[tuple[int, int]]:
    """(first, last) source lines of runs of MIN_RUN or more table-shaped lines outside every table
    the parser read. A stand-in until the table reader says itself which candidate regions it
    declined (Context.unread_runs); blank lines inside a run do not end it."""
    runs, start, last, count = [], None, None, 0
    for ln in lines:
        if not ln.text.strip():
            continue
        if ln.no not in read and table_like(ln.text):
            if start is None:
                start, count = ln.no, 0
            last, count = ln.no, count + 1
            continue
        if start is not None and count >= MIN_RUN:
            runs.append((start, last))
        start, count = None, 0
    if start is not None and count >= MIN_RUN:
        runs.append((start, last))
    return runs


_SHORT_CELL_MAX = 24
_SENTENCE = re.compile(r"[。；！？]")
_BINDING_WORD = re.compile(r"约束性|预期性")
MIN_CELL_LINES = 12


def _cell_like(text: str) -> str | None:
    """What a line holding one table cell holds: number, unit, binding or text; None if it is prose."""
    t = text.strip()
    if len(t) > _SHORT_CELL_MAX or _SENTENCE.search(t):
        return None
    if _NUMBERISH.match(t) or t in ("-", "—", "－", "/"):
        return "number"
    if _BINDING_WORD.fullmatch(t):
        return "binding"
    if is_unit(t):
        return "unit"
    return "text"


def one_cell_per_line_runs(lines: Sequence[TextLine], read: set[int]) -> list[tuple[int, int]]:
    """Runs of lines holding one short cell each (tables from web pages converted to text): at least
    MIN_CELL_LINES of them, with numbers and units or binding words among them."""
    runs: list[tuple[int, int]] = []
    cells_seen: list[tuple[int, str]] = []

    def close() -> None:
        kinds = [k for _, k in cells_seen]
        if (len(kinds) >= MIN_CELL_LINES and kinds.count("number") >= 4
                and kinds.count("unit") + kinds.count("binding") >= 2):
            runs.append((cells_seen[0][0], cells_seen[-1][0]))
        cells_seen.clear()

    for ln in lines:
        if not ln.text.strip():
            continue
        kind = None if ln.no in read else _cell_like(ln.text)
        if kind is None:
            close()
        else:
            cells_seen.append((ln.no, kind))
    close()
    return runs


_NUMBER_IN_TEXT = re.compile(r"\d+(?:\.\d+)?")
_TABLE_WORDS = re.compile(r"约束性|预期性|指标|单位|预期值|目标值")


def flattened_table_lines(lines: Sequence[TextLine], read: set[int]) -> list[tuple[int, int]]:
    """Single lines that are a whole table run together (cells without separators, no sentences):
    long, full of numbers, with table words."""
    out = []
    for ln in lines:
        t = ln.text
        if ln.no in read or len(t) < 60 or "。" in t:
            continue
        if len(_NUMBER_IN_TEXT.findall(t)) >= 8 and _TABLE_WORDS.search(t) and t.count("，") <= 2:
            out.append((ln.no, ln.no))
    return out


TABLE_SHAPES: tuple[Callable[[Sequence[TextLine], set[int]], list[tuple[int, int]]], ...] = (
    table_like_runs,
    one_cell_per_line_runs,
    flattened_table_lines,
)
"""The shapes of a table the checks recognise in lines the parser did not read, in one place."""


def table_like_regions(lines: Sequence[TextLine], read: set[int]) -> list[tuple[int, int]]:
    """Every table-shaped region outside the tables read, overlapping and adjacent ones merged."""
    spans = sorted(span for shape in TABLE_SHAPES for span in shape(lines, read))
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 2:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def check_unread_tables(ctx: Context) -> list[dict]:
    runs = ctx.unread_runs if ctx.unread_runs is not None else table_like_regions(ctx.lines, ctx.read)
    return [
        finding("unread_table",
                (f"第{a}—{b}行看起来是表格（{b - a + 1}行）" if b > a else f"第{a}行看起来是压成一行的表格")
                + "，但没有被读取为指标表；如果其中有指标，请对照原文补录。",
                a, last_line=b)
        for a, b in runs
    ]


CHECKS: tuple[Callable[[Context], list[dict]], ...] = (
    check_sequence,
    check_stated_count,
    check_unread_tables,
    check_units,
    check_values,
)


def check_completeness(plan: dict, lines: Sequence[TextLine], read: Iterable[int] = (),
                       unread_runs: list[tuple[int, int]] | None = None) -> list[dict]:
    """Every finding of every check, in the order of CHECKS.

    plan: the contract JSON; lines: the plan's lines with their source numbers; read: the source
    lines the parser took as tables (indicator, review and project tables), so a table it read is
    not reported as unread; unread_runs: the table reader's own list of declined regions, when it
    gives one.
    """
    ctx = Context(plan, lines, set(read), unread_runs)
    out: list[dict] = []
    for check in CHECKS:
        out.extend(check(ctx))
    return out


def source_lines_of(text: str) -> list[SourceLine]:
    """A stored plan's text as numbered lines, for checking a plan stored before checks existed."""
    return [SourceLine(no, t.rstrip("\r")) for no, t in enumerate(text.split("\n"), start=1)]


def read_lines_of(plan: dict) -> set[int]:
    """The lines a stored plan's rows came from, when the table spans are no longer at hand."""
    read = {i["line"] for i in plan.get("indicators") or []}
    for review in plan.get("reviews") or []:
        read.add(review.get("line"))
        read.update(r["line"] for r in review.get("rows") or [])
    read.update(p["line"] for p in plan.get("projects") or [])
    return read
