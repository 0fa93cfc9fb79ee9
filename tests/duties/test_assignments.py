"""Assignments from a template: every row checked before anything is saved; re-assigning withdraws."""

from __future__ import annotations

import pytest

from plantrack.domain.actor import LOCAL_OPERATOR
from plantrack.duties import DutyInputError
from plantrack.duties.assignments import import_assignments, list_assignments, parse_due
from plantrack.duties.units import import_units

from .conftest import load, write_csv

HEADER = "plan,item_kind,item,lead_unit,supporting_units,due"


@pytest.fixture
def store(session_factory, tmp_path):
    load(session_factory, "qinghe-county-14th-fyp", fixtures=True)
    units = write_csv(tmp_path / "units.csv", "region,name,short_name", [
        ["河北省", "清河县发展和改革局", "县发展改革局"],
        ["河北省", "清河县财政局", "县财政局"],
        ["河北省", "清河县统计局", "县统计局"],
    ])
    with session_factory.begin() as s:
        import_units(s, units, LOCAL_OPERATOR)
    return session_factory


def test_items_of_every_kind_are_assigned_by_name_or_source_line(store, tmp_path):
    f = write_csv(tmp_path / "a.csv", HEADER, [
        ["qinghe-county-14th-fyp", "indicator", "常住人口城镇化率", "县发展改革局", "县财政局、县统计局", "2025-12-31"],
        ["qinghe-county-14th-fyp", "project", "L118", "清河县发展和改革局", "", "2024/6/30"],
        ["qinghe-county-14th-fyp", "target", "L150", "县统计局", "", ""],
    ])
    with store.begin() as s:
        assert import_assignments(s, f, LOCAL_OPERATOR)["added"] == 3
    with store() as s:
        rows = list_assignments(s, "qinghe-county-14th-fyp")
    assert [(a["item_kind"], a["item"], a["line"], a["lead_unit"], a["supporting_units"], a["due"], a["state"])
            for a in rows] == [
        ("indicator", "常住人口城镇化率", 74, "县发展改革局", ["县财政局", "县统计局"], "2025-12-31", "active"),
        ("project", "清河经济技术开发区标准化厂房项目", 118, "县发展改革局", [], "2024-06-30", "active"),
        ("target", "农村生活污水治理率", 150, "县统计局", [], None, "active"),
    ]
    assert all(a["item_id"] for a in rows) and {a["created_by"] for a in rows} == {LOCAL_OPERATOR.name}


def test_assigning_an_item_again_withdraws_the_earlier_assignment(store, tmp_path):
    first = write_csv(tmp_path / "a.csv", HEADER, [
        ["qinghe-county-14th-fyp", "indicator", "常住人口城镇化率", "县发展改革局", "", "2025-12-31"]])
    second = write_csv(tmp_path / "b.csv", HEADER, [
        ["qinghe-county-14th-fyp", "indicator", "常住人口城镇化率", "县统计局", "", "2025-06-30"]])
    with store.begin() as s:
        import_assignments(s, first, LOCAL_OPERATOR)
    with store.begin() as s:
        assert import_assignments(s, second, LOCAL_OPERATOR)["withdrawn"] == 1
    with store() as s:
        assert [a["lead_unit"] for a in list_assignments(s)] == ["县统计局"]
        assert [(a["lead_unit"], a["state"]) for a in list_assignments(s, include_withdrawn=True)] == [
            ("县发展改革局", "withdrawn"), ("县统计局", "active")]


def test_a_file_with_bad_rows_is_refused_as_a_whole_with_every_bad_row_named(store, tmp_path):
    f = write_csv(tmp_path / "a.csv", HEADER, [
        ["qinghe-county-14th-fyp", "indicator", "常住人口城镇化率", "县发展改革局", "", "2025-12-31"],
        ["qinghe-county-14th-fyp", "indicator", "不存在的指标", "县发展改革局", "", ""],
        ["qinghe-county-14th-fyp", "indicator", "人均地区生产总值", "县水利局", "县财政局、县交通局", ""],
        ["qinghe-county-14th-fyp", "indicator", "L74", "县统计局", "", ""],
        ["qinghe-county-14th-fyp", "project", "L118", "县统计局", "", "2025-02-30"],
        ["nowhere", "indicator", "人均地区生产总值", "县统计局", "", ""],
        ["qinghe-county-14th-fyp", "measure", "人均地区生产总值", "县统计局", "", ""],
    ])
    with pytest.raises(DutyInputError) as exc, store.begin() as s:
        import_assignments(s, f, LOCAL_OPERATOR)
    assert exc.value.problems == [
        "a.csv 第3行：规划“qinghe-county-14th-fyp”中没有指标“不存在的指标”",
        "a.csv 第4行：未知牵头单位“县水利局”（请先用 plantrack units import 导入单位）",
        "a.csv 第4行：未知配合单位“县交通局”（请先用 plantrack units import 导入单位）",
        "a.csv 第5行：与第2行重复（同一指标“常住人口城镇化率”）",
        "a.csv 第6行：due（报送期限）“2025-02-30”不是有效日期（应为 2025-12-31 形式）",
        "a.csv 第7行：未知规划“nowhere”",
        "a.csv 第8行：item_kind 应为 indicator、target、task 或 project，而不是“measure”",
    ]
    with store() as s:
        assert list_assignments(s, include_withdrawn=True) == []


@pytest.mark.parametrize("text, expected", [
    ("2025-12-31", "2025-12-31"), ("2025/6/30", "2025-06-30"), ("2025年6月30日", "2025-06-30"),
    ("2025-06-30 00:00:00", "2025-06-30"), ("", None),
])
def test_due_dates_are_read_in_the_forms_a_spreadsheet_gives(text, expected):
    assert parse_due(text) == expected


@pytest.mark.parametrize("text", ["2025-02-30", "明年", "20251231"])
def test_impossible_or_unreadable_due_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_due(text)


def test_a_name_the_plan_repeats_must_be_given_by_its_source_line(store, tmp_path):
    f = write_csv(tmp_path / "a.csv", HEADER, [
        ["qinghe-county-14th-fyp", "target", "城镇调查失业率", "县统计局", "", ""]])
    with pytest.raises(DutyInputError) as exc, store.begin() as s:
        import_assignments(s, f, LOCAL_OPERATOR)
    assert exc.value.problems == ["a.csv 第2行：目标“城镇调查失业率”在规划中出现多次（L65、L163），请用行号指明"]


def test_a_line_stating_several_targets_asks_for_the_name(store, tmp_path):
    """L65 states two targets (居民收入增长…基本同步, 城镇调查失业率控制在5.5%以内): the line alone cannot say which."""
    f = write_csv(tmp_path / "a.csv", HEADER, [["qinghe-county-14th-fyp", "target", "L65", "县统计局", "", ""]])
    with pytest.raises(DutyInputError) as exc, store.begin() as s:
        import_assignments(s, f, LOCAL_OPERATOR)
    assert exc.value.problems == ["a.csv 第2行：第65行有多个目标（“居民收入增长”、“城镇调查失业率”），请写作“L65 名称”"]
    f = write_csv(tmp_path / "b.csv", HEADER, [["qinghe-county-14th-fyp", "target", "L65 城镇调查失业率", "县统计局", "", ""]])
    with store.begin() as s:
        assert import_assignments(s, f, LOCAL_OPERATOR)["added"] == 1
    with store() as s:
        [row] = list_assignments(s, "qinghe-county-14th-fyp")
    assert (row["item"], row["line"]) == ("城镇调查失业率", 65)


def test_the_same_file_imported_again_changes_nothing(store, tmp_path):
    f = write_csv(tmp_path / "a.csv", HEADER, [
        ["qinghe-county-14th-fyp", "indicator", "常住人口城镇化率", "县发展改革局", "县财政局", "2025-12-31"]])
    with store.begin() as s:
        import_assignments(s, f, LOCAL_OPERATOR)
    with store.begin() as s:
        again = import_assignments(s, f, LOCAL_OPERATOR)
    assert (again["added"], again["unchanged"], again["withdrawn"]) == (0, 1, 0)
    with store() as s:
        assert len(list_assignments(s, include_withdrawn=True)) == 1
