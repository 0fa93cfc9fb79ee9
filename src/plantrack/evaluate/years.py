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


MIDTERM, FINAL, ANNUAL = "midterm", "final", "annual"


def evaluation_kind(year: int, period_start: int | None, period_end: int | None) -> str:
    """Which evaluation a year's report is: 总结评估 (final) from the plan's last year on, 中期评估
    (midterm) for its middle year (2023 of 2021-2025: "时间过半" is when 监督法 asks for the mid-term
    report), 年度监测 (annual) for any other year. A report titled "2025 年中期评估报告" for the last
    year of a plan, or for a year that is not yet measured, tells a reader the wrong thing."""
    if not period_start or not period_end or period_end < period_start:
        return ANNUAL
    if year >= period_end:
        return FINAL
    if year == period_start + (period_end - period_start) // 2:
        return MIDTERM
    return ANNUAL
