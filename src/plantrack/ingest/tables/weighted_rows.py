"""Target systems printed one row per line with a weight column (权重), as yearbooks reprint
them: `序号 [组名] 指标名称 [单位] 目标值 现状值 [权重]`, cells set apart by single spaces.

What sets them apart from the flow layout: the unit cell is mostly empty and simply missing from
the line, so the values are read from the right (the run of numbers closing the line, in the
header's order of value columns, then the weight); sub-indicators follow their numbered row
without a number or a weight; a group label stands between the number and the first name, on
the same line (2 产业发展水平 服务业增加值占GDP比重 …) or on lines of its own, wrapped (7 高新技 /
术产业发展); markers before a name (★, ▲) say what kind of indicator it is, not its name.
The header may be flattened over several lines, a year on one line and its word on the next
(2015年 / 目标值 / 2010年 / 实现值 / 权重).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.units import is_unit
from .cells import cell_type

_YEAR = re.compile(r"^((?:19|20)\d{2})年?$")
_TARGET_WORD = re.compile(r"^(?:规划|预期)?目标值?$")
_BASE_WORD = re.compile(r"^(?:实现|现状|基期|完成|实际)值?$")
_OTHER_HEADER = re.compile(r"^(?:类别|序号|指标名称|指标|名称|单位|权重|权数)$")
_MARKERS = "★▲☆△●◆■□◇"
_SEQ = re.compile(r"^\d{1,3}$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$|^-$")


@dataclass
class WeightedRow:
    name: str
    unit: str
    values: dict[str, str]  # "target" / "base" -> cell
    category: str | None
    line: int  # index of the row's line


def read_header(texts: list[str], i: int) -> tuple[list[tuple[str, int | None]], int] | None:
    """The value columns [(role, year)] of a header starting at line i, and the index of its last
    line; None unless it names a name, a weight and a dated target."""
    words: list[str] = []
    k = i
    while k < len(texts) and len(words) < 14:
        tokens = texts[k].split()
        if not tokens or not all(_OTHER_HEADER.match(t) or _YEAR.match(t) or _TARGET_WORD.match(t)
                                 or _BASE_WORD.match(t) for t in tokens):
            break
        words += tokens
        k += 1
    if not words or "权重" not in words and "权数" not in words or not any(w in ("指标名称", "指标", "名称") for w in words):
        return None
    values: list[tuple[str, int | None]] = []
    year: int | None = None
    for w in words:
        if m := _YEAR.match(w):
            year = int(m.group(1))
        elif _TARGET_WORD.match(w):
            values.append(("target", year))
            year = None
        elif _BASE_WORD.match(w):
            values.append(("base", year))
            year = None
    if not any(r == "target" and y for r, y in values):
        return None
    return values, k - 1


def _is_value(token: str) -> bool:
    return bool(_NUMBER.match(token)) or cell_type(token) in ("number", "compound")


def read_rows(texts: list[str], start: int, n_values: int) -> tuple[list[WeightedRow], int]:
    """The rows after the header, and the index of the last line read."""
    rows: list[WeightedRow] = []
    label: str | None = None
    group_open = False  # a label line is being continued (7 高新技 / 术产业发展)
    last = start - 1
    for k in range(start, len(texts)):
        tokens = texts[k].split()
        if not tokens:
            continue
        if "。" in texts[k] or len(texts[k]) > 80:
            break
        seq = tokens.pop(0) if _SEQ.match(tokens[0]) else None
        n = 0
        while n < len(tokens) and _is_value(tokens[-1 - n]):
            n += 1
        words, values = tokens[: len(tokens) - n], tokens[len(tokens) - n:]
        if seq is not None:
            label, group_open = None, False
        if not values:  # a label line, or its continuation
            if words and all(re.fullmatch(r"[\u4e00-\u9fff]{1,8}", w) for w in words):
                label = (label or "") + "".join(words) if (seq is not None or group_open) else label
                group_open = True
                last = k
            continue
        group_open = False
        if not words:
            continue
        unit = words.pop() if len(words) >= 2 and is_unit(words[-1]) else ""
        name = words.pop().lstrip(_MARKERS)
        if words:  # 产业发展水平 before the name: the group's label
            label = "".join(words)
        cells = dict(zip(("v%d" % x for x in range(n_values)), values[:n_values]))
        rows.append(WeightedRow(name, unit, cells, label, k))
        last = k
    return rows, last
