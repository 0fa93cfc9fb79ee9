"""The XLSX report writes text from plans and observation sources as text, never as a formula."""

from __future__ import annotations

import dataclasses
import io

from openpyxl import load_workbook

from plantrack.report import writer_for

from .test_report import _own_model

FORMULA = '=HYPERLINK("http://evil.example/","点击")'


def test_formula_text_in_a_report_stays_text():
    m = _own_model()
    m = dataclasses.replace(m, findings=[dataclasses.replace(m.findings[0], message=FORMULA)],
                            indicators=[dataclasses.replace(m.indicators[0], name="@SUM(1+1)")] + list(m.indicators[1:]))
    wb = load_workbook(io.BytesIO(writer_for("xlsx").to_bytes(m)))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert any(c.value == FORMULA and c.quotePrefix for c in cells)
    assert any(c.value == "@SUM(1+1)" and c.quotePrefix for c in cells)
