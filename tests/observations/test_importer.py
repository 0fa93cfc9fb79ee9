"""Importing observations: every bad row named, nothing written on error, corrections kept as history."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from plantrack.observations.importer import ImportRejected, import_file
from plantrack.observations.readers import ReaderError
from plantrack.store.models import Observation

from ..conftest import SHARED

HEADER = "region,indicator,unit,year,value,source_url,source_title,quote\n"


def write(tmp_path, name, body):
    p = tmp_path / name
    p.write_text(HEADER + body, encoding="utf-8")
    return p


def count(factory) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(Observation))


def test_good_rows_are_stored_with_their_concept_and_source(session_factory, tmp_path):
    p = write(tmp_path, "good.csv", "山西省,森林覆盖率,%,2021,23.6,https://example.org/a,公报,森林覆盖率23.6%\n")
    result = import_file(session_factory, p)
    assert (result.rows, result.summary.added) == (1, 1)
    with session_factory() as s:
        o = s.scalars(select(Observation)).one()
        assert (o.region_code, o.concept, o.year, o.value, o.source_url) == ("140000", "forest_coverage", 2021, 23.6, "https://example.org/a")


def test_one_bad_row_rejects_the_file_and_names_every_bad_row(session_factory, tmp_path):
    import_file(session_factory, write(tmp_path, "first.csv", "山西省,森林覆盖率,%,2021,23.6,,公报,\n"))
    before = count(session_factory)
    bad = write(
        tmp_path,
        "bad.csv",
        "山西省,森林覆盖率,%,2022,23.8,,公报,\n"
        "火星省,森林覆盖率,%,2022,1,,公报,\n"
        "山西省,森林覆盖率,%,1800,23.8,,公报,\n"
        "山西省,常住人口城镇化率,%,2022,六十,,公报,\n"
        "山西省,森林覆盖率,公顷,2023,5,,公报,\n",
    )
    with pytest.raises(ImportRejected) as exc:
        import_file(session_factory, bad)
    assert [e.row for e in exc.value.errors] == [3, 4, 5, 6]
    text = exc.value.message()
    assert "火星省" in text and "1800" in text and "六十" in text and "公顷" in text and "未导入" in text
    assert count(session_factory) == before


def test_a_correction_supersedes_and_keeps_the_old_value(session_factory, tmp_path):
    import_file(session_factory, write(tmp_path, "a.csv", "运城市,常住人口城镇化率,%,2023,52.1,https://a,,\n"))
    result = import_file(session_factory, write(tmp_path, "b.csv", "运城市,常住人口城镇化率,%,2023,52.53,https://b,,\n"))
    assert result.summary.superseded == 1
    with session_factory() as s:
        rows = s.scalars(select(Observation).order_by(Observation.id)).all()
        assert [(r.value, r.superseded_by_id is None) for r in rows] == [(52.1, False), (52.53, True)]
        assert rows[0].source_url == "https://a"


def test_importing_the_same_file_again_changes_nothing(session_factory, tmp_path):
    p = write(tmp_path, "a.csv", "山西省,地区生产总值,万亿元,2023,2.57,https://x,,\n山西省,地区生产总值,亿元,2023,25698.18,https://y,,\n")
    import_file(session_factory, p)
    again = import_file(session_factory, p)
    assert (again.summary.added, again.summary.superseded, again.summary.unchanged) == (0, 0, 2)


def test_units_convert_to_the_concept_unit(session_factory, tmp_path):
    import_file(session_factory, write(tmp_path, "g.csv", "山西省,地区生产总值,万亿元,2023,2.57,,公报,\n"))
    with session_factory() as s:
        o = s.scalars(select(Observation)).one()
        assert (o.value, o.unit, o.source_value, o.source_unit) == (25700.0, "亿元", 2.57, "万亿元")


def test_xlsx_files_import_like_csv(session_factory, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["region", "indicator", "unit", "year", "value", "source_url"])
    ws.append(["忻州市", "规上工业企业数量", "户", 2022, 560, "https://z"])
    path = tmp_path / "obs.xlsx"
    wb.save(path)
    assert import_file(session_factory, path).summary.added == 1


def test_a_file_without_required_columns_is_refused(session_factory, tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("地区,数值\n山西省,1\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="缺少必需的列"):
        import_file(session_factory, p)


def test_the_shared_observations_import_whole_and_keep_other_concepts(session_factory):
    path = SHARED / "data" / "observations.csv"
    if not path.exists():
        pytest.skip("../shared/data is not next to the repository")
    result = import_file(session_factory, path)
    assert result.rows == 95
    concepts = {c for _, _, c in result.matched}
    # Concepts no plan indicator measures are kept, under their own concept, never dropped.
    assert {"population", "gdp", "grain_output"} <= concepts
    assert count(session_factory) == 95
