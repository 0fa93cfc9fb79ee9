"""Two-column target lists: one indicator a line, its target beside it after a space.

Quiz pages and news reposts quote a plan's indicators as a small two-column table that a converter
flattened to one line per row, each closed by a pipe:

    2030年的主要健康指标，其中：
    人均预期寿命 达到79岁(2020年…达到77.3岁) |
    重大慢性病过早死亡率 较2015年下降30% |
    婴儿死亡率 5.0‰(目前8.1‰) |

No header row names the columns: the year the targets are for comes from the title line just above
the list (2030年的…指标). A line is a row when it splits at its one run of spaces into a name and a
target cell that states a figure, after at most a few words of aim (达到, 降至, 较2015年下降). The
figure is the cell's first number that is not a year; the words after it are the unit when they are
one (岁, ‰, /10万, 亿人). A bracketed aside after the target that states where things stand now
(目前8.1‰, 2014年为3.6亿人) is the row's base; any other aside (a milestone on the way) is left out.
Fewer than three such lines in a row, or no dated title above them, is not a table.
"""

from __future__ import annotations

import re

from .fields import is_unit

_ROW = re.compile(r"^(?P<name>\S{2,40}?)\s+(?P<cell>\S+)$")
# The cell opens with its figure, or with a few words of aim (and perhaps a reference year) first.
_CELL_OPENS = re.compile(r"^(?:[<>≤≥]|[\u4e00-\u9fff]{1,4}(?:\d{4}年[\u4e00-\u9fff]{1,4})?)?\d")
_TITLE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年.{0,20}?(?:指标|目标)")
_FIGURE = re.compile(r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)(?!\s*年)(?![\d.])")
_QUALIFIER = re.compile(r"(?:及?以上|以下|以内|左右)$")
_ASIDE = re.compile(r"^(?P<main>.*?\S)\s*[(（](?P<aside>[^()（）]+)[)）]$")
_NOW = re.compile(r"^(?:目前|现状|当前|现为|现在)\s*(?P<value>[<>≤≥]?\d+(?:\.\d+)?\S*)$")
_DATED = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年\s*(?:为|是)\s*(?P<value>\d+(?:\.\d+)?\S*)$")
MIN_ROWS = 3
TITLE_REACH = 2


def _row_parts(text: str) -> tuple[str, str] | None:
    m = _ROW.match(text.strip())
    if not m:
        return None
    name, cell = m.group("name"), m.group("cell")
    if len(re.findall(r"[\u4e00-\u9fff]", name)) < 2 or re.search(r"\d{4}\s*年|[。，；：:]", name):
        return None
    if not _CELL_OPENS.match(cell) or len(cell) > 40 or re.search(r"[。，；,;]", cell):  # a clause, not a cell
        return None
    return name, cell


def target_list_runs(texts: list[str], taken: set[int]) -> list[tuple[int, int, int]]:
    """(first, last, target year) of each run of two-column target lines under a dated title."""
    out = []
    i, n = 0, len(texts)
    while i < n:
        if i in taken or _row_parts(texts[i]) is None:
            i += 1
            continue
        j = i
        while j + 1 < n and j + 1 not in taken and _row_parts(texts[j + 1]) is not None:
            j += 1
        year = _title_year(texts, i)
        if j - i + 1 >= MIN_ROWS and year is not None:
            out.append((i, j, year))
        i = j + 1
    return out


def _title_year(texts: list[str], first: int) -> int | None:
    seen = 0
    for k in range(first - 1, -1, -1):
        t = texts[k].strip()
        if not t:
            continue
        m = _TITLE.search(t)
        if m:
            return int(m.group("year"))
        seen += 1
        if seen >= TITLE_REACH:
            return None
    return None


def read_target_row(text: str) -> dict | None:
    """The cells of one list line by role (name, target, unit, base — texts as found in the line),
    with the target's figure and the base's year where the aside gives one."""
    parts = _row_parts(text)
    if parts is None:
        return None
    name, cell = parts
    main, aside = cell, None
    m = _ASIDE.match(cell)
    if m:
        main, aside = m.group("main"), m.group("aside").strip()
    figure = _FIGURE.search(main)
    if figure is None:
        return None
    out: dict = {"name": name, "target": main, "target_value": float(figure.group("num"))}
    unit = _QUALIFIER.sub("", main[figure.end():]).strip()
    if unit and is_unit(unit):
        out["unit"] = unit
    if aside:
        now, dated = _NOW.match(aside), _DATED.match(aside)
        if now:
            out["base"] = now.group("value")
        elif dated:
            out["base"] = dated.group("value")
            out["base_year"] = int(dated.group("year"))
    return out
