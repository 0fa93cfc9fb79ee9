"""The plan period a table's year columns are read against.

Of two future year columns less than ten years apart, columns.py takes the later as the target
(phases of one plan: 2015年 | 2020年). A table of a five-year plan printed with the base year, the
plan's end and the next milestone (2020 | 2025 | 2030) reads the other way: its target is the end
of the plan's period, and 2030 lies past it. Nothing in a bare header tells the two apart; the
words around the table do. A table whose title names a period is read against it (layouts.py,
`_target_of_titled_period`); one whose title names no year is read against the period the lines
above it name (“十四五”时期, 2021—2025年), else the period the plan's title names (its first lines:
XX市“十四五”…规划, …规划（2021—2025年）). With no such evidence, or no year column at that end,
the header's reading stands. Roles are settled before the body is read, as rows keep cells by role.
"""

from __future__ import annotations

import re

from .columns import Column

# The five-year period a text names (“十四五”时期主要指标) and the year it ends.
PERIOD_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
_FIVE_YEAR = re.compile("|".join(PERIOD_END))
# A span of five years (2021—2025年, 2021-2025): its last year ends the period.
_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-~～至到]{1,2}\s*((?:19|20)\d{2})(?!\d)")
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}|十[一二三四五]五")
# How far above a table its lead-in may lie: the lines right before its title or header.
NEAR_LINES = 4
# The plan's title block: its first non-blank lines.
TITLE_LINES = 3


def period_end_named(text: str) -> int | None:
    """The last year of the five-year period a text names, or None."""
    if m := _FIVE_YEAR.search(text or ""):
        return PERIOD_END[m.group()]
    for m in _SPAN.finditer(text or ""):
        start, end = int(m.group(1)), int(m.group(2))
        if 4 <= end - start <= 5:
            return end
    return None


def target_of_period(columns: list[Column], end: int) -> list[Column]:
    """The columns read against a period ending in `end`: its column is the target, a later one
    the horizon, a future one before it an interim (`other`). Unchanged when no column is that
    year or there are not two future columns to choose between."""
    future = [c for c in columns if c.role in ("target", "horizon", "other") and c.year and c.year >= end]
    if not any(c.year == end for c in future) or len([c for c in columns if c.role in ("target", "horizon")]) < 2 \
            and not any(c.role == "other" and c.year == end for c in columns):
        return columns
    out = []
    for c in columns:
        if c.role in ("target", "horizon", "other") and c.year:
            role = "target" if c.year == end else "horizon" if c.year > end else (
                "other" if c.role in ("target", "horizon") else c.role)
            out.append(Column(role, c.year, c.text))
        else:
            out.append(c)
    return out


def period_near(lines, first: int) -> int | None:
    """The period end the lines right above a table's first line name (its lead-in)."""
    for k in range(first - 1, max(-1, first - 1 - NEAR_LINES), -1):
        if end := period_end_named(lines[k].text):
            return end
    return None


def plan_period_end(lines) -> int | None:
    """The period the plan's title names: its first few lines (the title block), before any body."""
    shown = [ln.text for ln in lines[:TITLE_LINES * 3] if ln.text.strip()][:TITLE_LINES]
    return next((end for t in shown if (end := period_end_named(t))), None)


def columns_against_period(columns: list[Column], title: str, lines, first: int) -> list[Column]:
    """A table's columns re-read against the period around it (the module's note): only for a table
    whose title names no year; the lines above it first, then the plan's title."""
    if _ANY_YEAR.search(title or ""):
        return columns
    end = period_near(lines, first) or plan_period_end(lines)
    return target_of_period(columns, end) if end else columns
