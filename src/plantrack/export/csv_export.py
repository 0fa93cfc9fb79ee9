"""The indicator table as CSV, the form statistics staff load into spreadsheets.

The header is the contract's field names so the file can be read back by name; the text is UTF-8
with a byte-order mark because Excel on Chinese Windows otherwise reads UTF-8 as GBK and garbles it.
"""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

from .base import INDICATOR_FIELDS, Exporter, columns
from .formulas import csv_row


def cell(value) -> str:
    """A CSV cell: empty for null, whole floats without a trailing .0, lists joined by 、."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


class CsvExporter(Exporter):
    format = "csv"
    media_type = "text/csv; charset=utf-8"
    suffix = ".csv"
    label = "CSV（主要指标）"

    def write(self, plan_json: dict, out: BinaryIO) -> None:
        rows = plan_json.get("indicators", [])
        header = columns(rows, INDICATOR_FIELDS)
        text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
        try:
            writer = csv.writer(text)
            writer.writerow(csv_row(header))
            for row in rows:
                writer.writerow(csv_row(cell(row.get(f)) for f in header))
            text.flush()
        finally:
            text.detach()  # leave the caller's stream open
