"""Charts of one indicator, drawn on the server: inline SVG for HTML, PNG for DOCX and PDF."""

from .png import line_chart_png
from .svg import line_chart

__all__ = ["line_chart", "line_chart_png"]
