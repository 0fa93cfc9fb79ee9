"""Plausibility checks: impossible values, stray years, duplicates, approximate regions and missing
sources refuse the whole file with every row named; an unusual jump waits for a person's reason."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from plantrack.observations.importer import ImportRejected, import_file
from plantrack.store.models import AuditEvent, Observation, Plan

HEADER = "region,indicator,unit,year,value,source_url,source_title,quote,note,confirm_reason\n"


def write(tmp_path, name, body):
    p = tmp_path / name
    p.write_text(HEADER + body, encoding="utf-8")
    return p


def count(factory) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(Observation))


def rejected(factory, path) -> dict[int, str]:
    with pytest.raises(ImportRejected) as exc:
        import_file(factory, path)
    out: dict[int, str] = {}
    for e in exc.value.errors:
        out[e.row] = out.get(e.row, "") + e.reason
    return out


def test_a_file_with_five_kinds_of_damage_is_refused_whole_with_each_row_named(session_factory, tmp_path):
    bad = write(tmp_path, "bad.csv", (
        "山西省,森林覆盖率,%,2022,23.8,,2022年山西省统计公报,,,\n"          # row 2: fine
        "山西省,常住人口城镇化率,%,2022,130,,2022年山西省统计公报,,,\n"      # row 3: a share of 130%
        "运城市,规上工业企业数量,户,2022,-12,,运城市统计公报,,,\n"           # row 4: a negative count
        "运城市,森林覆盖率,%,2022,30.1,,运城市统计公报,,,\n"                 # row 5
        "运城市,森林覆盖率,%,2022,30.1,,运城市统计公报,,,\n"                 # row 6: duplicate of row 5
        "太原县,森林覆盖率,%,2022,20.5,,太原市统计公报,,,\n"                 # row 7: approximate region
        "忻州市,森林覆盖率,%,2022,25.0,,,,,\n"                               # row 8: no source
    ))
    errors = rejected(session_factory, bad)
    assert sorted(errors) == [3, 4, 6, 7, 8]
    assert "130" in errors[3] and "0—100" in errors[3]
    assert "-12" in errors[4] and "负数" in errors[4]
    assert "第 5 行重复" in errors[6]
    assert "太原县" in errors[7] and "太原市" in errors[7] and "未作自动替换" in errors[7]
    assert "没有来源" in errors[8] and "暂无来源" in errors[8]
    assert count(session_factory) == 0


def test_a_row_marked_without_source_is_stored_and_flagged(session_factory, tmp_path):
    import_file(session_factory, write(tmp_path, "a.csv", "忻州市,森林覆盖率,%,2022,25.0,,暂无来源,,,\n"))
    with session_factory() as s:
        o = s.scalars(select(Observation)).one()
        assert o.value == 25.0 and "no_source" in o.flags


def test_changes_may_be_negative_and_exceed_a_hundred_percent(session_factory, tmp_path):
    result = import_file(session_factory, write(tmp_path, "g.csv", (
        "山西省,地区生产总值增长,%,2020,-1.5,,公报,,,\n"
        "山西省,研发经费投入增长,%,2021,120.4,,公报,,,\n"
        "山西省,常住人口比上年增加,万人,2022,-2.3,,公报,,,\n"
    )))
    assert result.summary.added == 3


def test_a_jump_waits_for_a_reason_and_the_reason_is_kept_and_audited(session_factory, tmp_path):
    import_file(session_factory, write(tmp_path, "a.csv", "运城市,常住人口城镇化率,%,2022,52.1,,公报,,,\n"))
    errors = rejected(session_factory, write(tmp_path, "b.csv", "运城市,常住人口城镇化率,%,2023,5.21,,公报,,,\n"))
    assert list(errors) == [2] and "需确认" in errors[2] and "确认理由" in errors[2]
    assert count(session_factory) == 1
    import_file(session_factory, write(tmp_path, "c.csv", "运城市,常住人口城镇化率,%,2023,5.21,,公报,,,口径调整为城区\n"))
    with session_factory() as s:
        o = s.scalars(select(Observation).where(Observation.year == 2023)).one()
        assert "confirmed" in o.flags
        assert o.extra["confirmation"]["reason"] == "口径调整为城区"
        assert o.extra["confirmation"]["other_value"] == 52.1
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "observations.import")
                          .order_by(AuditEvent.id.desc())).first()
        assert event.after["values"][0]["confirmation"]["reason"] == "口径调整为城区"


def test_a_jump_inside_one_file_is_caught_too(session_factory, tmp_path):
    errors = rejected(session_factory, write(tmp_path, "a.csv", (
        "山西省,地区生产总值,亿元,2022,25642.59,,公报,,,\n"
        "山西省,地区生产总值,亿元,2023,2.57,,公报,,,\n"  # 万亿元 typed as 亿元
    )))
    assert "需确认" in errors[3]


def test_years_outside_the_plan_era_are_refused(session_factory, tmp_path):
    with session_factory() as s:
        s.add(Plan(key="p", title="某规划", period_start=2021, period_end=2025))
        s.commit()
    errors = rejected(session_factory, write(tmp_path, "a.csv", (
        "山西省,森林覆盖率,%,2010,18.0,,公报,,,\n"
        "山西省,森林覆盖率,%,2016,20.5,,公报,,,\n"
    )))
    assert list(errors) == [2] and "规划期" in errors[2] and "2015" in errors[2]


@pytest.mark.parametrize("written", ["运城", "运城市", "140800", "山西省运城市"])
def test_exact_short_code_and_path_names_are_accepted(session_factory, tmp_path, written):
    import_file(session_factory, write(tmp_path, "a.csv", f"{written},森林覆盖率,%,2022,30.1,,公报,,,\n"))
    with session_factory() as s:
        assert s.scalars(select(Observation.region_code)).one() == "140800"


def test_a_former_name_is_not_approximate(session_factory, tmp_path):
    import_file(session_factory, write(tmp_path, "a.csv", "太谷县,森林覆盖率,%,2018,30.1,,公报,,,\n"))
    with session_factory() as s:
        assert s.scalars(select(Observation.region_code)).one() == "140703"
