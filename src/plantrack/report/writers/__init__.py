"""Report writers, one class per format behind ReportWriter; heavy libraries load on first use."""

from __future__ import annotations

from ..errors import ReportError
from .base import ReportWriter
from .docx_writer import DocxWriter
from .html_writer import HtmlWriter
from .pdf_writer import PdfWriter
from .xlsx_writer import XlsxWriter

WRITERS: dict[str, ReportWriter] = {w.format: w for w in (HtmlWriter(), DocxWriter(), PdfWriter(), XlsxWriter())}
FORMATS = tuple(WRITERS)


def writer_for(format: str) -> ReportWriter:
    """The writer of a format name; a ReportError in Chinese names the formats there are."""
    try:
        return WRITERS[format]
    except KeyError:
        raise ReportError(f"不支持的报告格式“{format}”；可用格式：{'、'.join(WRITERS)}。") from None


__all__ = ["FORMATS", "WRITERS", "ReportWriter", "DocxWriter", "HtmlWriter", "PdfWriter", "XlsxWriter", "writer_for"]
