"""Transposed indicator tables: one line per column, the indicators side by side.

A wide table squeezed onto a narrow web page is sometimes turned on its side and cut into blocks
of a few indicators each. Every line of a block opens with a header word naming what the line
holds, and the cells after it (or on the next line) stand in the order of the block's names:

    主 要 指 标 |
    粮食综合生产能力 | 农业科技进步贡献率 | 农业劳动生产率 |
    2022 年 目 标 值 |
    >6亿吨 | 61.5% | 5.5万元/人 |
    属 性 | 约束性 | 预期性 | 预期性 |

then the next block, with the same header words. Header words may be spaced out one character
apart (主 要 指 标); the line-role words are the column words of an ordinary header (指标名称,
单位, 2020年基期值, 2025年目标, 年均增长, 指标属性). A block's cells are aligned by position: a line
with as many cells as the block has names gives each name its cell; a line with fewer cells is
used only at the very end of the text (the page was cut inside it), left-aligned; any other
mismatch drops that line rather than guess (fewer cells, never wrong ones).

The module reads texts (the table view of the cleaned lines) and returns blocks; layouts.py makes
them a Table of the "transposed" layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAME_WORD = re.compile(r"^(?:主要)?指标(?:名称|项目)?$|^指标名$|^名称$")
_UNIT_WORD = re.compile(r"^(?:计量)?单位$")
_YEAR = r"(?P<year>(?:19|20)\d{2})年?"
_BASE_WORD = re.compile(rf"^(?:{_YEAR})?(?:[(（]?(?:基期值?|基数|基准值?|现状值?)[)）]?)$")
_TARGET_WORD = re.compile(rf"^(?:{_YEAR})?(?:规划)?(?:目标值?|预期值?|预期目标|规划值)$")
_YEAR_WORD = re.compile(rf"^{_YEAR}$")
_GROWTH_WORD = re.compile(r"^(?:年均)?(?:增长|增速)(?:率)?(?:[(（]?%[)）]?)?$|^(?:年均增长)?[〔\[(（]?累计[〕\])）]?$")
_BINDING_WORD = re.compile(r"^(?:指标)?(?:属性|性质)$")
_CATEGORY_WORD = re.compile(r"^(?:类别|领域|维度|方面)$")
# A group label on a line of its own above a block (一、产业兴旺): words only, no sentence.
_LABEL = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]\s*)?(?P<name>[\u4e00-\u9fff]{2,10})$")
_CELL_GAP = re.compile(r"\s*\|\s*|\t| {2,}|\u3000+")  # a pipe the table view left (one inner pipe) too
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u4e00-\u9fff]")
MIN_ROWS = 3
# A block opens with a names heading; a cheap look at the line's start spares the full reading of
# every line of a long plan.
_NAME_START = re.compile(r"^\s*(?:主\s*要\s*)?指\s*标|^\s*名\s*称")


@dataclass
class Block:
    """One block of a transposed table: its names (and the line they stand on) and, per role, the
    cells aligned with them; `years` gives the year a base or target header word names."""

    names: list[str]
    name_line: int  # index of the line holding the names
    cells: dict[str, list[str]] = field(default_factory=dict)
    years: dict[str, int | None] = field(default_factory=dict)
    first: int = 0  # index of the block's first line (its name header word)
    last: int = 0  # index of its last line
    label: str | None = None  # a group label on the line above the block, if any


def header_role(word: str) -> tuple[str, int | None] | None:
    """(role, year) a line-heading word names: name, unit, base, target, year (a year alone, placed
    later as base or target), growth or binding."""
    w = re.sub(r"\s+", "", word)
    if not w or len(w) > 14:
        return None
    for role, pattern in (("name", _NAME_WORD), ("unit", _UNIT_WORD), ("base", _BASE_WORD),
                          ("target", _TARGET_WORD), ("year", _YEAR_WORD), ("growth", _GROWTH_WORD), ("binding", _BINDING_WORD),
                          ("category", _CATEGORY_WORD)):
        m = pattern.match(w)
        if m:
            year = m.groupdict().get("year")
            return role, int(year) if year else None
    return None


def _split(text: str) -> list[str]:
    """The cells of a line: by tabs or runs of spaces where it has them, else by single spaces."""
    t = text.strip()
    parts = _CELL_GAP.split(t) if _CELL_GAP.search(t) else t.split(" ")
    return [p.strip() for p in parts if p.strip()]


def heading_of(text: str) -> tuple[str, int | None, list[str]] | None:
    """(role, year, cells after the word) when the line opens with a line-heading word. The word
    may be one cell (`属 性` between pipes) or spaced out over the line's first tokens."""
    t = text.strip()
    if not t or "。" in t:
        return None
    parts = _CELL_GAP.split(t) if _CELL_GAP.search(t) else [t]
    first = header_role(parts[0])
    if first is not None:
        return (*first, [p.strip() for p in parts[1:] if p.strip()])
    tokens = parts[0].split(" ")
    for k in range(len(tokens) - 1, 0, -1):  # the longest run of tokens that is a heading word
        got = header_role("".join(tokens[:k]))
        if got is not None:
            rest = [x for x in tokens[k:] if x] + [p.strip() for p in parts[1:] if p.strip()]
            return (*got, rest)
    return None


def _is_name(cell: str) -> bool:
    return bool(_CJK.search(cell)) and not _DIGIT.match(cell) and header_role(cell) is None


def find_blocks(texts: list[str]) -> list[list[Block]]:
    """Runs of transposed blocks in the texts, each run a table (blocks with the same line roles
    and years, one after the other)."""
    blocks: list[Block] = []
    i, n = 0, len(texts)
    while i < n:
        block, end = _read_block(texts, i)
        if block is None:
            i += 1
            continue
        blocks.append(block)
        i = end + 1
    runs: list[list[Block]] = []
    for b in blocks:
        prev = runs[-1][-1] if runs else None
        if prev is not None and b.first - prev.last <= 2 and _same_roles(prev, b):
            runs[-1].append(b)
        else:
            runs.append([b])
    runs = [r for r in runs if sum(len(b.names) for b in r) >= MIN_ROWS]
    for run in runs:
        _label_blocks(texts, run)
    return runs


def _label_blocks(texts: list[str], run: list[Block]) -> None:
    """Group labels standing on the line above each block (一、产业兴旺 / 主要指标 …). Taken only when
    every block of a run of several has one: a lone short line above a single block is as likely
    a heading of the text (主要目标) as a label of the table."""
    if len(run) < 2:
        return
    labels = []
    for b in run:
        m = _LABEL.match(texts[b.first - 1].strip()) if b.first > 0 else None
        if not m or header_role(m.group("name")) is not None:
            return
        labels.append(m.group("name"))
    for b, label in zip(run, labels):
        b.label = label


def _same_roles(a: Block, b: Block) -> bool:
    return all(a.years.get(r) == b.years.get(r) for r in ("base", "target") if r in a.years and r in b.years) \
        and ("target" in a.cells) == ("target" in b.cells)


def _read_block(texts: list[str], i: int) -> tuple[Block | None, int]:
    """The block whose name heading stands on line i, and the index of its last line."""
    if not _NAME_START.match(texts[i]):
        return None, i
    head = heading_of(texts[i])
    if head is None or head[0] != "name":
        return None, i
    names, k = _cells_of(texts, i, head[2])
    if len(names) < 2 or not all(_is_name(c) for c in names):
        return None, i
    block = Block(names, k if k > i else i, first=i, last=k)
    before = _category_line_before(texts, i, len(names))
    if before is not None:
        block.cells["category"], block.first = before
    bare: list[tuple[int, list[str]]] = []  # lines headed by a year alone (2020年 | 2025年)
    j = k + 1
    while j < len(texts):
        got = heading_of(texts[j])
        if got is None or got[0] == "name" or got[0] in block.cells:
            break
        role, year, own = got
        cells, end = _cells_of(texts, j, own)
        at_end = end == len(texts) - 1
        if len(cells) == len(names) or (at_end and 0 < len(cells) < len(names)):
            if role == "year":
                bare.append((year, cells))
            else:
                block.cells[role] = cells
                if role in ("base", "target"):
                    block.years[role] = year
        block.last = j = end
        j += 1
    _place_bare_years(block, bare)
    if "target" not in block.cells and "base" not in block.cells:
        return None, i
    values = block.cells.get("target") or block.cells.get("base")
    if sum(bool(_DIGIT.search(v)) for v in values) * 2 < len(values):
        return None, i
    return block, block.last


def _category_line_before(texts: list[str], i: int, n: int) -> tuple[list[str], int] | None:
    """A 类别 line standing above the names heading (类 别 | 产业兴旺 | 产业兴旺 | 生态宜居), with a
    cell for each name: (its cells, the index of its first line)."""
    for j in (i - 1, i - 2):
        if j < 0:
            return None
        got = heading_of(texts[j])
        if got is None:
            continue
        if got[0] != "category":
            return None
        cells, end = _cells_of(texts, j, got[2])
        return (cells, j) if len(cells) == n and end == i - 1 else None
    return None


def _place_bare_years(block: Block, bare: list[tuple[int, list[str]]]) -> None:
    """Lines headed by a year alone: the latest year is the target, the earliest the base (as in
    an ordinary header, 2020年 | 2025年), unless a line already names that role."""
    bare = sorted(bare)
    if bare and "target" not in block.cells:
        year, cells = bare.pop()
        block.cells["target"], block.years["target"] = cells, year
    if bare and "base" not in block.cells:
        year, cells = bare.pop(0)
        block.cells["base"], block.years["base"] = cells, year


def _cells_of(texts: list[str], i: int, own: list[str]) -> tuple[list[str], int]:
    """A heading's cells: those after the word on its own line, else the next line's (when that
    line is not a heading itself). Returns the cells and the index of the last line used."""
    if own:
        return own, i
    if i + 1 < len(texts) and texts[i + 1].strip() and heading_of(texts[i + 1]) is None:
        return _split(texts[i + 1]), i + 1
    return [], i
