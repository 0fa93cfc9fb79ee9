"""Writers of a plan's contract JSON to downloadable files, one class per format (sdg-build style).

Each exporter takes the stored contract document, never database rows, so an export is exactly what
was parsed and the same code serves the API, the CLI and tests.
"""

from __future__ import annotations

from .base import Exporter
from .csv_export import CsvExporter
from .json_export import JsonExporter
from .xlsx_export import XlsxExporter

EXPORTERS: dict[str, Exporter] = {e.format: e for e in (JsonExporter(), CsvExporter(), XlsxExporter())}


def exporter_for(format: str) -> Exporter:
    """The exporter of a format name; a ValueError in Chinese names the formats there are."""
    try:
        return EXPORTERS[format]
    except KeyError:
        raise ValueError(f"不支持的导出格式“{format}”；可用格式：{'、'.join(EXPORTERS)}。") from None


__all__ = ["EXPORTERS", "Exporter", "CsvExporter", "JsonExporter", "XlsxExporter", "exporter_for"]
