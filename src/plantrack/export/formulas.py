"""Cells that cannot be formulas, for every XLSX and CSV plantrack writes (OWASP CSV injection).

Text from plans and observation sources (an indicator name, a source title) reaches spreadsheets;
a cell starting with =, +, -, @, a tab or a carriage return is read by Excel or LibreOffice as a
formula, which can run commands or send data away. Such text is written as text: in CSV with a
leading apostrophe (the OWASP rule), in XLSX as a string cell marked quote-prefixed (Excel's own
"this is text" flag, the same as typing an apostrophe), so its value stays exactly what was stored.
Numbers stay numbers, and text that is just a number ("-3.5") is left alone: it is no formula.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def formula_like(value) -> bool:
    """True for text a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value)


def csv_cell(value):
    """A CSV cell that is not a formula: formula-like text gets a leading apostrophe."""
    return "'" + value if formula_like(value) else value


def csv_row(values) -> list:
    return [csv_cell(v) for v in values]


def neutralise_workbook(workbook):
    """Every formula-like text cell of an openpyxl workbook becomes a quote-prefixed string cell
    (openpyxl makes any text starting with = a formula). Called just before saving."""
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if formula_like(c.value):
                    c.data_type = "s"
                    c.quotePrefix = True
    return workbook
