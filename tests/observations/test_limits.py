"""Rows per import are bounded (issue 12): a file over PLANTRACK_MAX_IMPORT_ROWS is refused as a
whole with a Chinese message, nothing saved; an .xlsx bomb is refused from its ZIP directory."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from plantrack.observations.importer import import_file
from plantrack.observations.readers import ReaderError
from plantrack.store.models import Observation

HEADER = "region,indicator,unit,year,value,source_url,source_title,quote\n"
ROW = "山西省,森林覆盖率,%,{year},23.6,,山西省统计年鉴,\n"


def rows_csv(tmp_path, n: int):
    path = tmp_path / "many.csv"
    path.write_text(HEADER + "".join(ROW.format(year=2015 + i) for i in range(n)), encoding="utf-8")
    return path


def stored(factory) -> int:
    with factory() as s:
        return s.scalar(select(func.count(Observation.id)))


def test_a_file_over_the_row_limit_is_refused_whole(session_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_MAX_IMPORT_ROWS", "5")
    with pytest.raises(ReaderError) as caught:
        import_file(session_factory, rows_csv(tmp_path, 6))
    assert "many.csv" in str(caught.value) and "超过 5 行" in str(caught.value)
    assert stored(session_factory) == 0


def test_a_file_at_the_row_limit_is_imported(session_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_MAX_IMPORT_ROWS", "5")
    assert import_file(session_factory, rows_csv(tmp_path, 5)).rows == 5


def test_an_xlsx_over_the_row_limit_is_refused(session_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_MAX_IMPORT_ROWS", "3")
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    for i in range(4):
        ws.append(["山西省", "森林覆盖率", "%", 2000 + i, 23.6])
    path = tmp_path / "many.xlsx"
    wb.save(path)
    with pytest.raises(ReaderError, match="超过 3 行"):
        import_file(session_factory, path)
    assert stored(session_factory) == 0


def test_an_xlsx_bomb_is_refused_before_openpyxl_reads_it(session_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_MAX_UNZIPPED_MB", "1")
    wb = Workbook()
    wb.active.append(HEADER.strip().split(","))
    buf = io.BytesIO()
    wb.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/padding.xml", b" " * (2 * 1024 * 1024))
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(out.getvalue())
    with pytest.raises(ReaderError, match="解压后"):
        import_file(session_factory, path)
