"""Expected values on a plan's path (序时进度) and the arithmetic of progress.

Pure functions of numbers, so each can be checked by hand:

* a level target is reached along a straight line from the base (linear; compound optional),
* an average growth target compounds: base x (1 + r)^years,
* a cumulative target accrues pro rata: 15% over five years is 9% after three,
* a growth-rate indicator is compared by its average rate over the years observed.

A growth rate is never taken of a growth-rate indicator: `implied_rate` is for level indicators
only, and status.py calls it only there.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from plantrack.evaluate.config import COMPOUND, COMPOUND_SHARE, LINEAR


def share(start: int, end: int, year: int) -> float:
    """The elapsed share of a path from `start` to `end` at `year`, clipped to 0..1."""
    if end <= start:
        return 1.0
    return min(1.0, max(0.0, (year - start) / (end - start)))


def linear(base: float, target: float, start: int, end: int, year: int) -> float:
    """base + (target - base) x elapsed share."""
    return base + (target - base) * share(start, end, year)


def geometric(base: float, target: float, start: int, end: int, year: int) -> float:
    """base x (target / base)^share: a level path at a constant rate (needs base and target > 0)."""
    if base <= 0 or target <= 0:
        return linear(base, target, start, end, year)
    return base * (target / base) ** share(start, end, year)


def level_path(method: str, base: float, target: float, start: int, end: int, year: int) -> float:
    if method == LINEAR:
        return linear(base, target, start, end, year)
    if method == COMPOUND:
        return geometric(base, target, start, end, year)
    raise ValueError(f"unknown level path {method!r}")


def compound_growth(base: float, rate_pct: float, start: int, year: int) -> float:
    """base x (1 + r/100)^(year - start)."""
    return base * (1 + rate_pct / 100) ** max(0, year - start)


def cumulative_expected(method: str, total: float, start: int, end: int, year: int, *, percent: bool,
                        reduction: bool = False) -> float:
    """The part of a cumulative change due by `year`: pro rata, or (for % changes) compounded.

    Compounded, a fall of 13.5% over five years is due as 1 - (1 - 0.135)^(2/5) = 5.64% after
    two years (the same yearly fall each year), a rise of 20% as 1.2^(2/5) - 1 = 7.57%."""
    s = share(start, end, year)
    if method == COMPOUND_SHARE and percent:
        if reduction and total < 100:
            return (1 - (1 - total / 100) ** s) * 100
        if not reduction and total > -100:
            return ((1 + total / 100) ** s - 1) * 100
    return total * s


def chain_percent_changes(changes: Sequence[float], reduction: bool) -> float:
    """Yearly % changes as one cumulative % change: falls of 3 and 4 are a fall of 6.88, not 7."""
    factor = 1.0
    for c in changes:
        factor *= (1 - c / 100) if reduction else (1 + c / 100)
    return (1 - factor) * 100 if reduction else (factor - 1) * 100


def average_rate(rates: Sequence[float], how: str = "geometric", reduction: bool = False) -> float:
    """The average of yearly rates in %: geometric (年均, compounding) or arithmetic."""
    if not rates:
        raise ValueError("no rates to average")
    if how == "arithmetic":
        return sum(rates) / len(rates)
    sign = -1 if reduction else 1
    factor = math.prod(1 + sign * r / 100 for r in rates)
    if factor <= 0:
        return sum(rates) / len(rates)
    return sign * (factor ** (1 / len(rates)) - 1) * 100


def implied_rate(base: float, value: float, years: int) -> float | None:
    """The average yearly growth in % that takes a LEVEL from base to value. Not for rates."""
    if years <= 0 or base <= 0 or value <= 0:
        return None
    return ((value / base) ** (1 / years) - 1) * 100


def ratio(achieved: float, expected: float) -> float | None:
    """Achieved change over expected change; None when nothing was expected yet."""
    if abs(expected) < 1e-12:
        return None
    return achieved / expected


def slope(points: Sequence[tuple[int, float]]) -> float | None:
    """Least-squares slope per year through (year, value) points."""
    n = len(points)
    if n < 2:
        return None
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    if sxx == 0:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in points) / sxx


def satisfies(value: float, target: float, better: str, eps: float = 1e-9) -> bool:
    """value is at or beyond target in the better direction."""
    slack = eps * max(1.0, abs(target))
    return value >= target - slack if better == "higher" else value <= target + slack
