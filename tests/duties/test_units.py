"""The unit catalogue: imported from a template, listed per region, found by full or short name."""

from __future__ import annotations

import pytest

from plantrack.domain.actor import LOCAL_OPERATOR
from plantrack.duties import DutyInputError
from plantrack.duties.units import UnitFinder, import_units, list_units

from .conftest import write_csv

HEADER = "region,name,short_name,kind,contact"


def test_units_are_imported_with_their_region_and_extra_columns(session_factory, tmp_path):
    f = write_csv(tmp_path / "units.csv", HEADER, [
        ["山西省", "山西省发展和改革委员会", "省发展改革委", "部门", "规划处"],
        ["运城市", "运城市生态环境局", "市生态环境局", "", ""],
    ])
    with session_factory.begin() as s:
        result = import_units(s, f, LOCAL_OPERATOR)
    assert (result["added"], result["updated"]) == (2, 0)
    with session_factory() as s:
        shanxi = list_units(s, "山西省")
        assert [(u["region_code"], u["name"], u["short_name"], u["kind"], u["extra"]) for u in shanxi] == [
            ("140000", "山西省发展和改革委员会", "省发展改革委", "部门", {"contact": "规划处"})]
        assert [u["name"] for u in list_units(s)] == ["山西省发展和改革委员会", "运城市生态环境局"]


def test_importing_the_same_units_again_updates_instead_of_duplicating(session_factory, tmp_path):
    f = write_csv(tmp_path / "units.csv", HEADER, [["山西省", "山西省财政厅", "省财政厅", "", ""]])
    with session_factory.begin() as s:
        import_units(s, f, LOCAL_OPERATOR)
    f2 = write_csv(tmp_path / "units2.csv", HEADER, [["山西省", "山西省财政厅", "财政厅", "部门", ""]])
    with session_factory.begin() as s:
        assert import_units(s, f2, LOCAL_OPERATOR)["updated"] == 1
    with session_factory() as s:
        assert [(u["short_name"], u["kind"]) for u in list_units(s)] == [("财政厅", "部门")]


def test_a_bad_unit_file_names_every_bad_row_and_saves_nothing(session_factory, tmp_path):
    f = write_csv(tmp_path / "units.csv", HEADER, [
        ["山西省", "山西省财政厅", "省财政厅", "", ""],
        ["火星省", "火星省财政厅", "", "", ""],
        ["山西省", "", "省统计局", "", ""],
        ["山西省", "山西省财政厅", "省财政厅", "", ""],
    ])
    with pytest.raises(DutyInputError) as exc, session_factory.begin() as s:
        import_units(s, f, LOCAL_OPERATOR)
    assert exc.value.problems == [
        "units.csv 第3行：行政区划中没有“火星省”",
        "units.csv 第4行：name（单位全称）为空",
        "units.csv 第5行：与第2行重复（山西省 山西省财政厅）",
    ]
    with session_factory() as s:
        assert list_units(s) == []


def test_a_template_without_the_required_columns_is_refused(session_factory, tmp_path):
    f = write_csv(tmp_path / "units.csv", "region,name", [["山西省", "山西省财政厅"]])
    with pytest.raises(DutyInputError, match="缺少必需的列 short_name"), session_factory.begin() as s:
        import_units(s, f, LOCAL_OPERATOR)


def test_units_are_found_by_short_name_in_the_plan_region_before_the_regions_above(session_factory, tmp_path):
    f = write_csv(tmp_path / "units.csv", HEADER, [
        ["山西省", "山西省生态环境厅", "生态环境部门", "", ""],
        ["运城市", "运城市生态环境局", "生态环境部门", "", ""],
        ["山西省", "山西省水利厅", "省水利厅", "", ""],
    ])
    with session_factory.begin() as s:
        import_units(s, f, LOCAL_OPERATOR)
    with session_factory() as s:
        finder = UnitFinder(s)
        assert [u.name for u in finder.find("生态环境部门", "140800")] == ["运城市生态环境局"]
        assert [u.name for u in finder.find("省水利厅", "140800")] == ["山西省水利厅"]
        assert finder.find("省水利厅", "110000") == []


# --- the email column (where reminders go) -----------------------------------------------------


def test_the_email_column_is_checked_and_stored_under_one_name(session_factory, tmp_path):
    f = write_csv(tmp_path / "units.csv", "region,name,short_name,邮箱", [
        ["山西省", "山西省财政厅", "省财政厅", "czt@example.gov.cn； ban@example.gov.cn"],
        ["山西省", "山西省林业和草原局", "省林草局", ""]])
    with session_factory.begin() as s:
        import_units(s, f, LOCAL_OPERATOR)
    with session_factory() as s:
        emails = {u["short_name"]: (u["email"], u["extra"]) for u in list_units(s)}
    assert emails == {"省财政厅": ("czt@example.gov.cn, ban@example.gov.cn", {"email": "czt@example.gov.cn, ban@example.gov.cn"}),
                      "省林草局": (None, {})}


def test_a_malformed_address_refuses_the_file_and_names_the_row(session_factory, tmp_path):
    f = write_csv(tmp_path / "units.csv", "region,name,short_name,email", [
        ["山西省", "山西省财政厅", "省财政厅", "czt@example.gov.cn"],
        ["山西省", "山西省林业和草原局", "省林草局", "lcj at example.gov.cn"]])
    with pytest.raises(DutyInputError) as err, session_factory.begin() as s:
        import_units(s, f, LOCAL_OPERATOR)
    assert err.value.problems == ["units.csv 第3行：email（电子邮箱）“lcj、at、example.gov.cn”不是有效的邮箱地址"]
    with session_factory() as s:
        assert list_units(s) == []


def test_parse_addresses_splits_on_either_width_of_separator():
    from plantrack.duties.units import parse_addresses

    assert parse_addresses("a@x.cn，b@y.org;c@z.com 、 d@w.net") == (["a@x.cn", "b@y.org", "c@z.com", "d@w.net"], [])
    assert parse_addresses("a@x.cn, 规划处") == (["a@x.cn"], ["规划处"])
    assert parse_addresses("") == ([], [])


def test_setting_a_units_email_is_checked_and_audited(session_factory, tmp_path):
    from sqlalchemy import select

    from plantrack.duties.units import set_unit_email
    from plantrack.store.models import AuditEvent, Unit

    f = write_csv(tmp_path / "units.csv", HEADER, [["山西省", "山西省财政厅", "省财政厅", "", ""]])
    with session_factory.begin() as s:
        import_units(s, f, LOCAL_OPERATOR)
    with session_factory.begin() as s:
        unit = s.scalar(select(Unit))
        with pytest.raises(DutyInputError) as err:
            set_unit_email(s, LOCAL_OPERATOR, unit, "czt@")
        assert "“czt@”不是有效的邮箱地址" in err.value.problems[0]
        assert set_unit_email(s, LOCAL_OPERATOR, unit, "czt@example.gov.cn")["changed"] is True
        assert set_unit_email(s, LOCAL_OPERATOR, unit, "czt@example.gov.cn")["changed"] is False
    with session_factory() as s:
        assert list_units(s)[0]["email"] == "czt@example.gov.cn"
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "unit.email")))
        assert [(e.before, e.after) for e in events] == [({"email": None}, {"email": "czt@example.gov.cn"})]
