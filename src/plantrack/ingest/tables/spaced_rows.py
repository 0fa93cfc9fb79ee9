"""A table run together on one line with a space between cells, rows told apart by their numbers.

Document-sharing sites dump a Word table as one line: the header words (监测指标 单位 权重 目标值),
then every row as `N.名称 cell cell cell`, a space between cells. A category printed down the
left edge, one character per row (社/会/保/障), lands as lone characters between rows; numbering
restarts at 1 in each group; page numbers (- 5 -) close the dump.

Columns come from the header words after the name word; a row is taken only when it has exactly
as many cells after its name as the header has columns, its unit cell is a unit and its value
cells hold figures. A lone character belongs to the group of the row after it (the label cell
spans the group's rows, and its characters are spread over them), and a group's category is its
characters joined. The first row that does not fit ends the table.
"""

from __future__ import annotations

import re

from ...domain.units import is_unit

_NAME_WORD = r"(?:监测|评估|考核|主要)?指标(?:名称)?"
_COLUMN_WORDS = {
    "unit": r"(?:计量)?单位",
    "other": r"权重|分值|权数|备注|责任单位|牵头单位",
    "target": r"目标值|(?:(?:19|20)\d{2}\s*年)?目标值?|规划值|预期值",
    "base": r"基期值|现状值|基数",
    "binding": r"(?:指标)?属性",
}
_HEADER = re.compile(rf"(?<!\S){_NAME_WORD}(?P<cols>(?:\s+(?:{'|'.join(_COLUMN_WORDS.values())}))+)\s+(?=1[.．、])")
_ROW = re.compile(r"^(?P<seq>\d{1,2})[.．、](?P<name>[^\s\d][^\s]*)$")
_FIGURE = re.compile(r"^[≥≤<>]?\d+(?:\.\d+)?%?$")
_LONE = re.compile(r"^[\u4e00-\u9fff]$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
MIN_LENGTH = 60


def _roles(cols: str) -> list[tuple[str, int | None]]:
    out = []
    for word in cols.split():
        for role, pattern in _COLUMN_WORDS.items():
            if re.fullmatch(pattern, word):
                year = _YEAR.search(word)
                out.append((role, int(year.group(1)) if year else None))
                break
    return out


def spaced_row_lines(texts: list[str], taken: set[int]) -> list[int]:
    """Indices of long lines holding such a header followed by row 1."""
    return [i for i, t in enumerate(texts)
            if i not in taken and len(t) >= MIN_LENGTH and "。" not in t and _HEADER.search(t)]


def _fits(role: str, cell: str) -> bool:
    if role == "unit":
        return is_unit(cell) or cell in ("-", "—", "/")
    if role in ("target", "base", "other"):
        return bool(_FIGURE.match(cell)) or cell in ("-", "—", "/")
    if role == "binding":
        return cell in ("约束性", "预期性")
    return True


def read_spaced_rows(text: str) -> tuple[str, list[tuple[str, int | None]], list[dict]] | None:
    """(title, column roles with their years, rows) of the table on the line; each row has name,
    its cells by role, seq and category. None when fewer than three rows read."""
    m = _HEADER.search(text)
    if not m:
        return None
    roles = _roles(m.group("cols"))
    tokens = text[m.end():].split()
    rows: list[dict] = []
    groups: list[list[str]] = [[]]  # label characters per group
    pending: list[str] = []  # lone characters waiting for the row after them
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if _LONE.match(tok):
            pending.append(tok)
            k += 1
            continue
        row = _ROW.match(tok)
        cells = tokens[k + 1: k + 1 + len(roles)]
        if not row or len(cells) < len(roles) or not all(_fits(r, c) for (r, _), c in zip(roles, cells)):
            break
        seq = int(row.group("seq"))
        if rows and seq <= rows[-1]["seq"]:
            groups.append([])
        groups[-1].extend(pending)
        pending = []
        rows.append({"name": row.group("name"), "seq": seq, "group": len(groups) - 1,
                     "cells": {r: c for (r, _), c in zip(roles, cells) if r != "other"}})
        k += 1 + len(roles)
    if len(rows) < 3:
        return None
    groups[-1].extend(pending)
    for row in rows:
        row["category"] = "".join(groups[row.pop("group")]) or None
    return text[: m.start()].strip(), roles, rows
