"""`plantrack corrections` and `plantrack check` on a plan the parser reads in part: the table out
to Excel and back (unchanged: nothing saved; corrected: saved with who and why; bad: nothing saved,
every bad row named), and the completeness checks in the self-check."""

from __future__ import annotations

import json
from io import BytesIO

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from plantrack.cli import app
from plantrack.export.corrections_xlsx import HEADERS, SHEET

from .conftest import FIXTURES

PARTIAL = FIXTURES / "partial" / "tongchuan-county-14th-fyp.txt"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def stored(store_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_HOME", str(tmp_path / "home"))
    result = run("ingest", PARTIAL, "--key", "tc")
    assert result.exit_code == 0, result.output
    return tmp_path


def _listed() -> list[dict]:
    result = run("corrections", "tc", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["corrections"]


def _edit(path, change) -> None:
    wb = load_workbook(path)
    ws = wb[SHEET]
    col = {h: i + 1 for i, h in enumerate(HEADERS)}
    change(ws, col)
    wb.save(path)


def _row_of(ws, col, name: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col["指标名称"]).value == name)


def test_the_table_downloaded_and_loaded_back_unchanged_changes_nothing(stored):
    book = stored / "tc.xlsx"
    assert run("corrections", "export", "tc", "-o", book).exit_code == 0
    before = book.read_bytes()
    result = run("corrections", "import", "tc", book, "--by", "王敏")
    assert result.exit_code == 0, result.output
    assert "没有需要保存的修正" in result.output
    assert _listed() == []
    # and the workbook exported again is the same table
    assert run("corrections", "export", "tc", "-o", stored / "again.xlsx").exit_code == 0
    first = [list(r) for r in load_workbook(BytesIO(before))[SHEET].iter_rows(values_only=True)]
    second = [list(r) for r in load_workbook(stored / "again.xlsx")[SHEET].iter_rows(values_only=True)]
    assert first == second


def test_a_corrected_workbook_is_saved_as_corrections_with_who_and_why(stored):
    book = stored / "tc.xlsx"
    run("corrections", "export", "tc", "-o", book)

    def change(ws, col):
        r = _row_of(ws, col, "人")
        ws.cell(r, col["指标名称"]).value = "城镇新增就业人数"
        ws.cell(r + 1, col["目标值"]).value = "11"  # 劳动年龄人口平均受教育年限
        new = ws.max_row + 1
        for header, value in (("类别", "民生福祉"), ("指标名称", "每千人口拥有执业（助理）医师数"), ("单位", "人"),
                              ("基期值", "1.9"), ("目标值", "2.6"), ("属性", "预期性"), ("原文行号", 72)):
            ws.cell(new, col[header]).value = value
        ws.delete_rows(_row_of(ws, col, "粮食综合生产能力"))

    _edit(book, change)
    result = run("corrections", "import", "tc", book, "--by", "王敏", "--why", "对照印发稿")
    assert result.exit_code == 0, result.output
    listed = _listed()
    assert sorted(c["action"] for c in listed) == ["add", "delete", "edit", "edit"]
    assert {(c["who"], c["why"], c["status"]) for c in listed} == {("王敏", "对照印发稿", "active")}
    exported = json.loads(run("export", "tc", "--format", "json").stdout)
    names = [i["name"] for i in exported["indicators"]]
    assert "城镇新增就业人数" in names and "每千人口拥有执业（助理）医师数" in names
    assert "粮食综合生产能力" not in names
    assert len(exported["corrections"]) == 4


def test_a_bad_workbook_saves_nothing_and_names_every_bad_row(stored):
    book = stored / "tc.xlsx"
    run("corrections", "export", "tc", "-o", book)

    def change(ws, col):
        ws.cell(3, col["指标名称"]).value = None
        ws.cell(5, col["基期年份"]).value = "去年"
        ws.cell(6, col["行键"]).value = "p99"

    _edit(book, change)
    result = run("corrections", "import", "tc", book, "--by", "王敏")
    assert result.exit_code == 2
    for row in ("第3行", "第5行", "第6行"):
        assert row in result.output
    assert _listed() == []


def test_import_needs_a_name_and_a_workbook(stored):
    book = stored / "tc.xlsx"
    run("corrections", "export", "tc", "-o", book)
    _edit(book, lambda ws, col: setattr(ws.cell(2, col["目标值"]), "value", "8"))
    assert "姓名" in run("corrections", "import", "tc", book).output
    not_a_book = stored / "plan.xlsx"
    not_a_book.write_text("不是表格", encoding="utf-8")
    result = run("corrections", "import", "tc", not_a_book, "--by", "王敏")
    assert result.exit_code == 2 and "不是 Excel 工作簿" in result.output
    assert _listed() == []


def test_check_reports_where_the_parser_is_unsure(stored):
    result = run("check", "tc", "--format", "json")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    gaps = [f for f in findings if f["kind"] == "sequence_gap"]
    assert len(gaps) == 1 and "缺少序号14" in gaps[0]["message"]
    # the stated count is reported once, though both the self-check and the completeness check see it
    assert sum(f["kind"] in ("count_mismatch", "stated_count") for f in findings) == 1
