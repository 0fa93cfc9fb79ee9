"""Axis ranges and tick values shared by the SVG and PNG charts, so both show the same axes."""

from __future__ import annotations

import math

from ..paths import ChartData


def nice_step(span: float, count: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 x 10^n) giving about `count` ticks over span."""
    if span <= 0:
        return 1.0
    raw = span / count
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def value_range(chart: ChartData) -> tuple[float, float, list[float]]:
    """(low, high, ticks) covering every value drawn, with a little room and round ends."""
    values = [p.value for p in (*chart.observations, *chart.expected)]
    values += [p.value for p in (chart.base, chart.target) if p is not None]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if hi - lo < 1e-9:
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    # Room above the highest point for its value label, and below the lowest for its marker.
    span = hi - lo
    lo, hi = lo - span * 0.05, hi + span * 0.12
    step = nice_step(hi - lo)
    lo = math.floor(lo / step) * step
    hi = math.ceil(hi / step) * step
    if lo == hi:
        hi = lo + step
    ticks = []
    t = lo
    while t <= hi + step / 1000:
        ticks.append(round(t, 10))
        t += step
    return lo, hi, ticks


def year_range(chart: ChartData) -> tuple[int, int]:
    years = chart.years
    return (years[0], years[-1]) if years else (0, 1)


def tick_label(v: float) -> str:
    if abs(v - round(v)) < 1e-9:
        return str(int(round(v)))
    return f"{v:.2f}".rstrip("0").rstrip(".")
