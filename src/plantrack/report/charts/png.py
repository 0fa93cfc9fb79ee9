"""The same line chart as a PNG image, drawn by matplotlib (Agg), for DOCX and PDF.

Word and PDF pages need a picture, not SVG. matplotlib is used through its object API
(Figure + FigureCanvasAgg, no pyplot state), so it is safe in a server. The CJK font is handed
to matplotlib by file path (font_manager.addfont) instead of relying on its font cache, which on a
fresh machine was built before the font was installed and would draw blank boxes.
"""

from __future__ import annotations

import io
import logging
from functools import lru_cache

from ...evaluate.assessment import fmt
from ..fonts import find_cjk_font
from ..paths import ChartData
from .scale import tick_label, value_range, year_range
from .svg import BASE, EXPECTED, OBSERVED, TARGET

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _font_family() -> str | None:
    """The family name matplotlib knows the CJK font by, after registering its file."""
    from matplotlib import font_manager

    font = find_cjk_font()
    if font is None:
        log.warning("no CJK font found; chart labels in Chinese will not render")
        return None
    font_manager.fontManager.addfont(font.path)
    return font_manager.FontProperties(fname=font.path).get_name()


def line_chart_png(chart: ChartData, width_in: float = 6.4, height_in: float = 2.9, dpi: int = 150) -> bytes:
    """The chart as PNG bytes."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    family = _font_family()
    rc = {"font.family": [family, "DejaVu Sans"] if family else ["DejaVu Sans"], "axes.unicode_minus": False,
          "font.size": 9}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width_in, height_in), dpi=dpi)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        unit = chart.unit or ""
        if chart.expected:
            ax.plot([p.year for p in chart.expected], [p.value for p in chart.expected], linestyle="--",
                    color=EXPECTED, linewidth=1.4, label=chart.expected_label)
        if chart.observations:
            xs = [p.year for p in chart.observations]
            ys = [p.value for p in chart.observations]
            ax.plot(xs, ys, color=OBSERVED, linewidth=2, marker="o", markersize=4, label=f"观测值（{chart.measure}）")
            noted = [p for p in chart.observations if p.note]
            if noted:  # hollow markers: values with a caveat (series break, partial year), see the notes
                ax.plot([p.year for p in noted], [p.value for p in noted], linestyle="none", marker="o", markersize=6,
                        markerfacecolor="white", markeredgecolor=OBSERVED, markeredgewidth=1.5)
            for p in chart.observations:
                ax.annotate(fmt(p.value) + ("*" if p.note else ""), (p.year, p.value), textcoords="offset points",
                            xytext=(0, 6), ha="center", fontsize=7, color=OBSERVED)
        if chart.base is not None:
            ax.plot([chart.base.year], [chart.base.value], marker="s", color=BASE, linestyle="none", label="基期")
        if chart.target is not None:
            ax.plot([chart.target.year], [chart.target.value], marker="D", color=TARGET, linestyle="none", label="目标")
        y0, y1 = year_range(chart)
        lo, hi, ticks = value_range(chart)
        ax.set_xlim(y0 - 0.4, y1 + 0.4)
        ax.set_xticks(list(range(y0, y1 + 1)))
        ax.set_ylim(lo, hi)
        ax.set_yticks(ticks)
        ax.set_yticklabels([tick_label(t) for t in ticks])
        if unit:
            ax.set_ylabel(unit)
        ax.grid(axis="y", color="#e3e3e3", linewidth=0.6)
        ax.set_title(f"{chart.title}" + (f"（{unit}）" if unit else ""), fontsize=10)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=4, frameon=False, fontsize=8)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
