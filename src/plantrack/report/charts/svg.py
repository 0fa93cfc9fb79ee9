"""A small line chart as inline SVG, for the HTML report.

Hand-written rather than drawn by matplotlib so the HTML stays small, needs no font on the
server (the reader's browser draws the Chinese labels) and prints crisply. Every text that
comes from data is XML-escaped here, because the template inserts the SVG as trusted markup.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ...evaluate.assessment import fmt
from ..paths import ChartData
from .scale import tick_label, value_range, year_range

OBSERVED = "#1F5FA8"
EXPECTED = "#E67E22"
TARGET = "#C0392B"
BASE = "#333333"


def _legend(chart: ChartData) -> list[tuple[str, str, str]]:
    items = [("obs", OBSERVED, f"观测值（{chart.measure}）")]
    if chart.expected:
        items.append(("exp", EXPECTED, chart.expected_label))
    if chart.base is not None:
        items.append(("base", BASE, "基期"))
    if chart.target is not None:
        items.append(("target", TARGET, "目标"))
    return items


def line_chart(chart: ChartData, width: int = 640, height: int = 280) -> str:
    """The chart as an <svg> element (a string of trusted, escaped markup)."""
    left, right, top, bottom = 56, 16, 26, 58
    pw, ph = width - left - right, height - top - bottom
    y0, y1 = year_range(chart)
    lo, hi, ticks = value_range(chart)

    def x(year: int) -> float:
        # Half a year of room at each end, so edge points and their labels clear the axes.
        return left + pw * (year - y0 + 0.5) / (y1 - y0 + 1)

    def y(value: float) -> float:
        return top + ph - ph * (value - lo) / (hi - lo)

    unit = chart.unit or ""
    title = f"{chart.title}（{unit}）" if unit else chart.title
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="img" aria-label={quoteattr(title)}>',
           f"<title>{escape(title)}</title>",
           f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#fff" stroke="#999" stroke-width="0.6"/>']
    for t in ticks:
        ty = y(t)
        out.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{left + pw}" y2="{ty:.1f}" stroke="#e3e3e3" stroke-width="0.6"/>')
        out.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" font-size="11" text-anchor="end" fill="#444">{escape(tick_label(t))}</text>')
    for year in range(y0, y1 + 1):
        out.append(f'<text x="{x(year):.1f}" y="{top + ph + 16}" font-size="11" text-anchor="middle" fill="#444">{year}</text>')
    if unit:
        out.append(f'<text x="{left - 6}" y="{top - 12}" font-size="10" text-anchor="end" fill="#666">{escape(unit)}</text>')

    if chart.expected:
        pts = " ".join(f"{x(p.year):.1f},{y(p.value):.1f}" for p in chart.expected)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{EXPECTED}" stroke-width="1.6" stroke-dasharray="6 4"/>')
    if chart.observations:
        pts = " ".join(f"{x(p.year):.1f},{y(p.value):.1f}" for p in chart.observations)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{OBSERVED}" stroke-width="2"/>')
        for p in chart.observations:
            tip = f"{p.year}年：{fmt(p.value)}{unit}" + (f"（{p.note}）" if p.note else "")
            fill = "#fff" if p.note else OBSERVED
            out.append(f'<circle cx="{x(p.year):.1f}" cy="{y(p.value):.1f}" r="3.5" fill="{fill}" stroke="{OBSERVED}" '
                       f'stroke-width="1.5"><title>{escape(tip)}</title></circle>')
            out.append(f'<text x="{x(p.year):.1f}" y="{y(p.value) - 7:.1f}" font-size="10" text-anchor="middle" '
                       f'fill="{OBSERVED}">{escape(fmt(p.value))}</text>')
    if chart.base is not None:
        bx, by = x(chart.base.year), y(chart.base.value)
        out.append(f'<rect x="{bx - 4:.1f}" y="{by - 4:.1f}" width="8" height="8" fill="{BASE}">'
                   f'<title>{escape(f"基期 {chart.base.year}年：{fmt(chart.base.value)}{unit}")}</title></rect>')
    if chart.target is not None:
        tx, ty = x(chart.target.year), y(chart.target.value)
        out.append(f'<path d="M{tx:.1f},{ty - 6:.1f} L{tx + 6:.1f},{ty:.1f} L{tx:.1f},{ty + 6:.1f} L{tx - 6:.1f},{ty:.1f} Z" '
                   f'fill="{TARGET}"><title>{escape(f"目标 {chart.target.year}年：{fmt(chart.target.value)}{unit}")}</title></path>')

    lx = left
    ly = height - 14
    for kind, color, text in _legend(chart):
        if kind == "obs":
            out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 22}" y2="{ly - 4}" stroke="{color}" stroke-width="2"/>')
        elif kind == "exp":
            out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 22}" y2="{ly - 4}" stroke="{color}" stroke-width="1.6" stroke-dasharray="6 4"/>')
        elif kind == "base":
            out.append(f'<rect x="{lx + 7}" y="{ly - 8}" width="8" height="8" fill="{color}"/>')
        else:
            out.append(f'<path d="M{lx + 11},{ly - 10} L{lx + 17},{ly - 4} L{lx + 11},{ly + 2} L{lx + 5},{ly - 4} Z" fill="{color}"/>')
        out.append(f'<text x="{lx + 28}" y="{ly}" font-size="11" fill="#333">{escape(text)}</text>')
        lx += 40 + 12 * len(text)
    out.append("</svg>")
    return "".join(out)
