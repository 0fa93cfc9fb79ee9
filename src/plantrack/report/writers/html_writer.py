"""The report as one self-contained HTML page: inline CSS (with a print stylesheet), inline SVG charts.

One file with nothing to fetch, so it can be mailed, archived or published as is. Jinja2
autoescaping is on for every value; the only markup inserted unescaped is the SVG built by
charts/svg.py, which escapes its own texts. Links are kept only for http(s) URLs, so a source
URL cannot smuggle a javascript: link into the page.
"""

from __future__ import annotations

from functools import lru_cache
from typing import BinaryIO

from ..labels import STATUS_COLORS
from ..model import ReportModel
from .base import ReportWriter


def safe_url(url: str | None) -> str | None:
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("plantrack.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    return env


def _svg(chart):
    from markupsafe import Markup

    from ..charts.svg import line_chart

    return Markup(line_chart(chart))


def render_html(model: ReportModel) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(m=model, colors=STATUS_COLORS, svg=_svg)


class HtmlWriter(ReportWriter):
    format = "html"
    suffix = ".html"
    media_type = "text/html; charset=utf-8"
    label = "网页（HTML）"

    def write(self, model: ReportModel, out: BinaryIO) -> None:
        out.write(render_html(model).encode("utf-8"))
