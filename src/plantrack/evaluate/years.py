"""Which year an evaluation opens on: the latest year with enough complete data.

The latest year with any observation is the wrong default: the newest year holds a few early or
partial values (a January-October average) long before its statistics are complete, and pages
opened on it show mostly 无数据 and a report titled for a year that has not been measured. The
rule (config.default_year_min_share): the latest year whose full-year observations number at
least that share of the best-covered year's. Partial-year values do not count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from plantrack.evaluate.config import DEFAULT, EvalConfig
from plantrack.evaluate.observations import PARTIAL_YEAR


def full_year_counts(rows: Iterable[tuple[int, Iterable[str] | None]]) -> Counter:
    """(year, flags) rows -> full-year observations per year."""
    return Counter(int(year) for year, flags in rows if PARTIAL_YEAR not in (flags or ()))


def evaluation_year(counts: Counter | dict[int, int], fallback: int, config: EvalConfig = DEFAULT) -> int:
    """The latest year with at least default_year_min_share of the best-covered year's full-year
    observations; `fallback` when there are none."""
    counts = {y: n for y, n in counts.items() if n > 0}
    if not counts:
        return fallback
    enough = max(counts.values()) * config.default_year_min_share
    return max(y for y, n in counts.items() if n >= enough)
