"""Each export format, on 清河县's fixture plan (an indicator table with a tag, a compound row and
empty cells, and one review table): what a user opening the file sees, value by value."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from plantrack.domain.sources import without_server_paths
from plantrack.export import EXPORTERS, CsvExporter, JsonExporter, XlsxExporter, exporter_for
from plantrack.export.base import INDICATOR_FIELDS
from plantrack.export.xlsx_export import sheet_title
from plantrack.ingest.pipeline import analyse, plan_document, text_units
from plantrack.ingest.read import read_plan_file
from plantrack.store.models import PlanVersion
from plantrack.store.repository import require_plan, store_plan

QINGHE = Path(__file__).resolve().parent.parent / "fixtures" / "qinghe-county-14th-fyp.txt"


@pytest.fixture(scope="module")
def plan() -> dict:
    return plan_document(analyse(read_plan_file(QINGHE)))


def indicator(plan: dict, name: str) -> dict:
    return next(i for i in plan["indicators"] if i["name"] == name)


# --- the interface -------------------------------------------------------------------------------


def test_formats_by_name():
    assert {f: (e.suffix, e.media_type) for f, e in EXPORTERS.items()} == {
        "json": (".json", "application/json"),
        "csv": (".csv", "text/csv; charset=utf-8"),
        "xlsx": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    }
    assert isinstance(exporter_for("csv"), CsvExporter)
    with pytest.raises(ValueError, match="不支持的导出格式“pdf”；可用格式：json、csv、xlsx。"):
        exporter_for("pdf")


@pytest.mark.parametrize("exporter", list(EXPORTERS.values()), ids=list(EXPORTERS))
def test_write_leaves_the_stream_open(plan, exporter):
    out = io.BytesIO()
    exporter.write(plan, out)
    assert not out.closed and _content(out.getvalue()) == _content(exporter.to_bytes(plan))


def _content(data: bytes):
    """What a file says: the bytes of JSON and CSV; of an XLSX, each part of its ZIP without the
    times of writing (ZIP entry times and the created/modified stamps in docProps/core.xml), which
    differ between two writes a second apart (a byte comparison once failed on a fresh clone)."""
    import re
    import zipfile

    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    stamps = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
    return {name: stamps.sub(b"", body) if name == "docProps/core.xml" else body for name, body in parts.items()}


# --- JSON ----------------------------------------------------------------------------------------


def test_json_is_readable_utf8(plan):
    data = JsonExporter().to_bytes(plan)
    assert "清河县人民政府".encode("utf-8") in data  # not \\u escapes
    assert json.loads(data.decode("utf-8")) == plan


def test_json_equals_the_stored_document(session_factory):
    source = read_plan_file(QINGHE)
    doc = analyse(source)
    with session_factory() as s:
        store_plan(s, plan_document(doc), source.text, text_units(doc), "qinghe")
        s.commit()
    with session_factory() as s:
        plan_id = require_plan(s, "qinghe").id
        stored = s.scalar(select(PlanVersion.document).where(PlanVersion.plan_id == plan_id))
    assert json.loads(JsonExporter().to_bytes(stored)) == stored
    # stored as parsed, except that the source is named by its file name, never the server's path
    assert json.loads(JsonExporter().to_bytes(stored)) == without_server_paths(plan_document(analyse(read_plan_file(QINGHE))))


# --- CSV -----------------------------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_a_bom_and_the_contract_header(plan):
    data = CsvExporter().to_bytes(plan)
    assert data.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    # The contract's fields first, then what the parser adds (evidence, confidence …): nothing dropped.
    assert header[:len(INDICATOR_FIELDS)] == list(INDICATOR_FIELDS)
    assert set(header[len(INDICATOR_FIELDS):]) >= {"evidence", "confidence"}


def test_csv_rows_round_trip(plan):
    rows = read_csv(CsvExporter().to_bytes(plan))
    assert len(rows) == len(plan["indicators"]) == 18
    gdp = {k: v for k, v in rows[1].items() if k in INDICATOR_FIELDS}
    assert rows[1]["evidence"] == "header"
    assert gdp == {
        "category": "经济发展", "name": "人均地区生产总值", "unit": "元", "tag": "",
        "base_year": "2020", "base_value": "41260", "base_text": "41260",
        "target_year": "2025", "target_value": "60000", "target_text": "60000",
        "annual_growth": "", "binding": "expected", "line": "72",
    }
    for row, ind in zip(rows, plan["indicators"]):
        for field in INDICATOR_FIELDS:
            value = ind[field]
            if value is None:
                assert row[field] == ""
            elif isinstance(value, (int, float)):
                assert float(row[field]) == value
            else:
                assert row[field] == value


def test_csv_keeps_fields_added_to_the_contract():
    plan = {"indicators": [{"name": "森林覆盖率", "line": 3, "direction": "higher"}]}
    rows = read_csv(CsvExporter().to_bytes(plan))
    assert list(rows[0])[-1] == "direction" and rows[0]["direction"] == "higher" and rows[0]["name"] == "森林覆盖率"


# --- XLSX ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(plan):
    return load_workbook(io.BytesIO(XlsxExporter().to_bytes(plan)))


def test_xlsx_sheets(workbook):
    assert workbook.sheetnames == ["规划信息", "主要指标", "清河县“十三五”规划主要指标完成情况"]


def test_xlsx_plan_information(workbook):
    info = {row[0]: row[1] for row in workbook["规划信息"].iter_rows(min_row=2, values_only=True)}
    assert info["规划名称"] == "清河县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert info["发布机关"] == "清河县人民政府"
    assert info["文号"] == "清政发〔2021〕6号"
    assert (info["层级"], info["类型"], info["地区"], info["规划期"], info["远景目标年"]) == ("县级", "总体规划", "清河县", "2021–2025", 2035)
    assert (info["主要指标数"], info["回顾表数"], info["源文件行数"]) == (18, 1, 188)


def test_xlsx_indicator_sheet_header_and_values(workbook, plan):
    ws = workbook["主要指标"]
    header = [c.value for c in ws[1]]
    assert header[:13] == ["类别", "指标名称", "单位", "标注", "基期年份", "基期值", "基期值（原文）", "目标年份", "目标值",
                           "目标值（原文）", "年均增长/累计", "指标属性", "原文行号"]
    assert "识别依据" in header[13:]  # the parser's additions, labelled in Chinese too
    assert all(c.font.bold and c.fill.fill_type == "solid" for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width > ws.column_dimensions["E"].width
    assert ws.max_row == 1 + len(plan["indicators"])
    row = [c.value for c in ws[3]][:13]
    assert row == ["经济发展", "人均地区生产总值", "元", None, 2020, 41260, "41260", 2025, 60000, "60000", None, "预期性", 72]
    assert ws["F3"].data_type == "n" and ws["I3"].data_type == "n" and ws["G3"].data_type == "s"
    growth = [c.value for c in ws[2]]
    assert (growth[5], growth[10]) == (3.4, "7左右")


def test_xlsx_review_sheet(workbook, plan):
    ws = workbook["清河县“十三五”规划主要指标完成情况"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["类别", "指标名称", "单位"] and "实际值" in header and "实际值（原文）" in header
    assert ws[1][0].font.bold and ws.freeze_panes == "A2"
    first = dict(zip(header, (c.value for c in ws[2])))
    assert (first["指标名称"], first["单位"], first["基期值"], first["目标值"], first["实际值"], first["原文行号"]) == (
        "地区生产总值", "亿元", 68.4, 100, 96.2, 37,
    )
    assert ws.max_row == 1 + len(plan["reviews"][0]["rows"])


def test_sheet_titles_are_legal_and_unique():
    taken = {"主要指标"}
    assert sheet_title("主要指标", taken) == "主要指标(2)"
    long = sheet_title("表[1]: " + "很长的标题" * 10, taken)
    assert len(long) == 31 and not set("[]:*?/\\") & set(long)
    assert sheet_title("表[1]: " + "很长的标题" * 10, taken) != long
