"""People's corrections of indicator rows: stored beside the parser's rows, applied in one place,
used by evaluation, kept across versions, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from plantrack.corrections import (
    CorrectionError,
    apply_corrections,
    corrections_view,
    editable_table,
    effective_document,
    effective_indicators,
    submit_table,
    withdraw,
)
from plantrack.domain.actor import Actor
from plantrack.load import load_file, load_source, read_source
from plantrack.store.models import Indicator, IndicatorCorrection, Observation
from plantrack.store.repository import require_plan
from plantrack.tracking import evaluate_plan

PARTIAL = Path(__file__).resolve().parent / "fixtures" / "partial" / "tongchuan-county-14th-fyp.txt"
KEY = "tongchuan"
DOCTORS = {"category": "民生福祉", "name": "每千人口拥有执业（助理）医师数", "unit": "人", "base_year": 2020,
           "base_text": "1.9", "target_year": 2025, "target_text": "2.6", "binding": "预期性", "line": 72}


@pytest.fixture
def loaded(session_factory):
    outcome = load_file(session_factory, PARTIAL, key=KEY, overrides={"region": "山西省"})
    assert outcome.ok, outcome.message
    return session_factory


def _table(s) -> list[dict]:
    return editable_table(s, require_plan(s, KEY).current)


def _row(rows: list[dict], name: str) -> dict:
    return next(r for r in rows if r["name"] == name)


def _fix_two_and_add_one(s, who="王敏"):
    rows = _table(s)
    budget = _row(rows, "一般公共预算收入 亿元 3.9 5.5 7 预期性")
    budget.update(name="一般公共预算收入", unit="亿元", base_text="3.9", target_text="5.5", annual_growth="7",
                  binding="预期性")
    jobs = _row(rows, "人")
    jobs.update(name="城镇新增就业人数", unit="人", base_text="1850", target_text=None)
    rows.append({"ref": None, **DOCTORS})
    return submit_table(s, KEY, rows, name=who, why="对照印发稿核对")


# --- applying, pure ---------------------------------------------------------------------------------


class _C:
    def __init__(self, id, action, originals, rows):
        self.id, self.action, self.originals, self.rows = id, action, originals, rows
        self.who, self.why, self.created_at, self.status = "甲", None, None, "active"


def _p(name, line, category="经济"):
    return {"category": category, "name": name, "unit": "%", "line": line, "target_text": "1"}


def test_edit_add_split_merge_and_delete_apply_in_table_order():
    parser = [_p("甲", 10), _p("乙", 11), _p("丙丁", 12), _p("戊", 13), _p("己", 14), _p("庚", 15)]
    corrections = [
        _C(1, "edit", [parser[0]], [{**parser[0], "name": "甲一"}]),
        _C(2, "add", [], [{**_p("新", 12), "line": 12}]),
        _C(3, "split", [parser[2]], [_p("丙", 12), _p("丁", 12)]),
        _C(4, "merge", [parser[3], parser[4]], [_p("戊己", 13)]),
        _C(5, "delete", [parser[5]], []),
    ]
    result = apply_corrections(parser, corrections, indicator_ids=[101, 102, 103, 104, 105, 106])
    assert [r["name"] for r in result.rows] == ["甲一", "乙", "丙", "丁", "新", "戊己"]
    assert [r["ref"] for r in result.rows] == ["c1", "p1", "c3", "c3", "c2", "c4"]
    # an edit stays the parser row it corrects; split, merged and added rows are new rows
    assert [r["indicator_id"] for r in result.rows] == [101, 102, None, None, None, None]
    assert result.rows[0]["correction"]["originals"][0]["name"] == "甲"
    assert result.matched == {1, 2, 3, 4, 5} and not result.unmatched


def test_a_correction_whose_rows_are_gone_is_unmatched_and_changes_nothing():
    parser = [_p("甲", 10), _p("乙", 11)]
    gone = _C(1, "edit", [_p("丙", 3)], [_p("丙一", 3)])
    other_category = _C(2, "delete", [_p("甲", 10, category="民生")], [])
    result = apply_corrections(parser, [gone, other_category])
    assert [r["name"] for r in result.rows] == ["甲", "乙"]
    assert result.unmatched == {1, 2}


def test_rows_match_by_normalised_name():
    parser = [_p("地区生产总值（亿元）", 10)]
    edit = _C(1, "edit", [_p("地区生产总值(亿元)", 9)], [_p("地区生产总值", 9)])
    assert apply_corrections(parser, [edit]).matched == {1}


# --- stored ------------------------------------------------------------------------------------------


def test_the_table_sent_back_unchanged_changes_nothing(loaded):
    with loaded.begin() as s:
        assert submit_table(s, KEY, _table(s), name="王敏") == []
        assert s.scalar(select(IndicatorCorrection.id)) is None


def test_two_rows_corrected_and_one_added_are_stored_beside_the_parsers_rows(loaded):
    with loaded.begin() as s:
        version = require_plan(s, KEY).current
        parsed = [i.data for i in s.scalars(select(Indicator).where(Indicator.version_id == version.id))]
        document = dict(version.document)
        made = _fix_two_and_add_one(s)
    assert sorted(c.action for c in made) == ["add", "edit", "edit"]
    assert {c.who for c in made} == {"王敏"} and {c.why for c in made} == {"对照印发稿核对"}
    with loaded() as s:
        version = require_plan(s, KEY).current
        # the parser's output is untouched
        assert [i.data for i in s.scalars(select(Indicator).where(Indicator.version_id == version.id))] == parsed
        assert version.document["indicators"] == document["indicators"]
        rows = effective_indicators(s, version)
        budget = _row(rows, "一般公共预算收入")
        assert budget["base_value"] == 3.9 and budget["target_value"] == 5.5 and budget["binding"] == "expected"
        assert budget["correction"]["originals"][0]["name"] == "一般公共预算收入 亿元 3.9 5.5 7 预期性"
        assert budget["indicator_id"] is not None  # still the parser's row, for its assessments
        names = [r["name"] for r in rows]
        # the added row sits by its source line, after row 13
        assert names.index("每千人口拥有执业（助理）医师数") == names.index("劳动年龄人口平均受教育年限") + 1
        assert len(rows) == 15
        exported = effective_document(s, version)
        assert len(exported["indicators"]) == 15 and len(exported["corrections"]) == 3


def test_a_bad_table_is_refused_whole_with_every_bad_row_named(loaded):
    with loaded.begin() as s:
        rows = _table(s)
        rows[1]["name"] = ""
        rows[2]["base_year"] = "二〇二〇"
        rows[3]["ref"] = "p999"
        rows[4]["binding"] = "必须"
        with pytest.raises(CorrectionError) as caught:
            submit_table(s, KEY, rows, name="王敏")
    problems = caught.value.problems
    assert any(p.startswith("第2行") and "名称" in p for p in problems)
    assert any(p.startswith("第3行") and "二〇二〇" in p for p in problems)
    assert any(p.startswith("第4行") and "p999" in p for p in problems)
    assert any(p.startswith("第5行") and "约束性或预期性" in p for p in problems)
    with loaded() as s:
        assert s.scalar(select(IndicatorCorrection.id)) is None


def test_a_name_is_required_while_nobody_is_logged_in_and_an_account_names_itself(loaded):
    with loaded.begin() as s:
        rows = _table(s)
        rows[0]["target_text"] = "8左右"
        with pytest.raises(CorrectionError, match="姓名"):
            submit_table(s, KEY, rows, name=" ")
        made = submit_table(s, KEY, rows, actor=Actor(name="李规划", role="planning", user_id=7))
    assert [(c.who, c.user_id) for c in made] == [("李规划", 7)]


def test_split_merge_and_delete_through_the_table(loaded):
    with loaded.begin() as s:
        rows = _table(s)
        by_name = {r["name"]: r for r in rows}
        gdp, gdp_growth = by_name["地区生产总值"], by_name["地区生产总值增长"]
        # merge the two GDP rows, split the forest row in two, delete the grain row
        gdp["ref"] = f"{gdp_growth['ref']}+{gdp['ref']}"
        rows.remove(gdp_growth)
        forest = by_name["森林覆盖率"]
        rows.insert(rows.index(forest) + 1, {**forest, "name": "森林蓄积量", "unit": "万立方米"})
        rows.remove(by_name["粮食综合生产能力"])
        made = submit_table(s, KEY, rows, name="王敏", why="拆分合并")
        assert sorted(c.action for c in made) == ["delete", "merge", "split"]
        names = [r["name"] for r in effective_indicators(s, require_plan(s, KEY).current)]
    assert "地区生产总值增长" not in names and "粮食综合生产能力" not in names
    assert names.index("森林蓄积量") == names.index("森林覆盖率") + 1


def test_correcting_again_withdraws_the_earlier_correction_and_keeps_it(loaded):
    with loaded.begin() as s:
        _fix_two_and_add_one(s)
    with loaded.begin() as s:
        rows = _table(s)
        _row(rows, "一般公共预算收入")["target_text"] = "6"
        submit_table(s, KEY, rows, name="张校")
    with loaded() as s:
        view = corrections_view(s, KEY)["corrections"]
        budget = [c for c in view if c["rows"] and c["rows"][0]["name"] == "一般公共预算收入"]
        assert [c["status"] for c in budget] == ["withdrawn", "active"]
        assert budget[0]["replaced_by"] == budget[1]["id"]
        assert budget[1]["originals"][0]["name"] == "一般公共预算收入 亿元 3.9 5.5 7 预期性"
        assert _row(_table(s), "一般公共预算收入")["target_text"] == "6"


def test_withdrawing_brings_the_parsers_row_back(loaded):
    with loaded.begin() as s:
        made = _fix_two_and_add_one(s)
        added = next(c for c in made if c.action == "add")
        withdraw(s, KEY, added.id, name="张校", why="印发稿无此指标")
    with loaded() as s:
        assert "每千人口拥有执业（助理）医师数" not in [r["name"] for r in _table(s)]
        taken_back = s.get(IndicatorCorrection, added.id)
        assert (taken_back.status, taken_back.who, taken_back.withdrawn_by, taken_back.withdrawn_why) == (
            "withdrawn", "王敏", "张校", "印发稿无此指标")
        assert taken_back.rows[0]["name"] == "每千人口拥有执业（助理）医师数"  # nothing lost


def _observe(s, concept: str, name: str, year: int, value: float, unit: str) -> None:
    s.add(Observation(region_code="140000", name=name, concept=concept, year=year, value=value, unit=unit,
                      source_value=value, source_unit=unit, flags=[], extra={}))


def test_evaluation_uses_the_corrected_rows(loaded):
    with loaded.begin() as s:
        _observe(s, "urbanization", "常住人口城镇化率", 2023, 51.5, "%")
        _observe(s, "doctors_per_1000", "每千人口执业（助理）医师数", 2023, 2.5, "人")
    with loaded.begin() as s:
        before = {a["indicator"]["name"]: a for a in evaluate_plan(s, KEY, 2023).assessments}
    with loaded.begin() as s:
        rows = _table(s)
        _row(rows, "常住人口城镇化率")["target_text"] = "60"
        rows.append({"ref": None, **DOCTORS})
        submit_table(s, KEY, rows, name="王敏", why="印发稿目标为60")
    with loaded.begin() as s:
        after_all = evaluate_plan(s, KEY, 2023).assessments
        after = {a["indicator"]["name"]: a for a in after_all}
    assert before.get("每千人口拥有执业（助理）医师数", {}).get("origin") != "table"
    doctors = after["每千人口拥有执业（助理）医师数"]
    # the added row is the one tracked item of its concept (a prose target about it rides on it)
    assert doctors["origin"] == "table"
    assert sum(1 for a in after_all if a["concept"] == doctors["concept"]) == 1
    assert doctors["observed"]["value"] == 2.5 and doctors["correction"]["action"] == "add"
    assert before["常住人口城镇化率"]["target"]["value"] == 52 and after["常住人口城镇化率"]["target"]["value"] == 60
    assert (before["常住人口城镇化率"]["status"], after["常住人口城镇化率"]["status"]) == ("快于预期", "滞后")


def test_a_new_version_keeps_corrections_where_rows_still_match_and_marks_the_rest_unmatched(loaded):
    with loaded.begin() as s:
        _fix_two_and_add_one(s)
    changed = PARTIAL.read_text(encoding="utf-8").replace(
        "	12	城镇新增就业人数	人	1850	-	[9000]	预期性\n", "").replace("2020年，全县", "2020年，全县（修订）")
    source = read_source("tongchuan-v2.txt", changed.encode("utf-8"))
    outcome = load_source(loaded, source, key=KEY, overrides={"region": "山西省"})
    assert outcome.status == "new_version"
    with loaded() as s:
        view = {c["rows"][0]["name"] if c["rows"] else None: c for c in corrections_view(s, KEY)["corrections"]}
        assert view["一般公共预算收入"]["status"] == "active"
        assert view["每千人口拥有执业（助理）医师数"]["status"] == "active"
        assert view["城镇新增就业人数"]["status"] == "unmatched"  # the row is gone from version 2
        rows = effective_indicators(s, require_plan(s, KEY).current)
        names = [r["name"] for r in rows]
        assert "一般公共预算收入" in names and "每千人口拥有执业（助理）医师数" in names
        assert "城镇新增就业人数" not in names


def test_alignment_self_check_and_report_read_the_corrected_rows(loaded):
    from plantrack.analysis import align_stored, check_stored
    from plantrack.report import build_report
    from plantrack.store.repository import link_plans

    parent = Path(__file__).resolve().parent / "fixtures" / "jiangzhou-ecology-14th-plan.txt"
    assert load_file(loaded, parent, key="parent", overrides={"region": "山西省"}).ok
    with loaded.begin() as s:
        link_plans(s, KEY, "parent")
        counted = [f for f in check_stored(s, KEY) if f["kind"] == "count_mismatch"]
        assert counted  # 共设置15项主要指标, 14 rows read
    with loaded.begin() as s:
        _fix_two_and_add_one(s)
    with loaded.begin() as s:
        assert [f for f in check_stored(s, KEY) if f["kind"] == "count_mismatch"] == []  # 15 rows now
        aligned = align_stored(s, KEY)
        children = {(r.get("child") or {}).get("name") for r in aligned["rows"]}
        assert "每千人口拥有执业（助理）医师数" in children and "人" not in children
        report = build_report(s, KEY, 2023)
        names = [r.name for r in report.indicators]
        assert "每千人口拥有执业（助理）医师数" in names and "城镇新增就业人数" in names
        assert not any(f.kind in ("sequence_gap", "stated_count") for f in report.findings)


def test_a_plan_stored_before_checks_existed_has_them_recomputed(loaded):
    from plantrack.corrections import plan_checks

    with loaded() as s:
        version = require_plan(s, KEY).current
        parsed = plan_checks(version)
        version.document = {k: v for k, v in version.document.items() if k != "checks"}
        recomputed = plan_checks(version)
    assert {c["kind"] for c in parsed} >= {"sequence_gap", "stated_count"}
    assert {(c["kind"], c["line"]) for c in recomputed} >= {(c["kind"], c["line"]) for c in parsed
                                                            if c["kind"] in ("sequence_gap", "stated_count")}
