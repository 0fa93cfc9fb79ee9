"""Acceptance on the corpus: two city plans aligned with their provincial parents, and the
self-checks that must fire on them. Skipped when ../shared/corpus is missing."""

from __future__ import annotations

from functools import lru_cache

import pytest

from plantrack.align.align import align_plans
from plantrack.align.checks import check_plan
from plantrack.ingest.pipeline import parse_file

from ..conftest import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not next to the repository")


@lru_cache(maxsize=None)
def plan(name: str) -> dict:
    return parse_file(CORPUS / f"{name}.txt")


@lru_cache(maxsize=None)
def xinzhou() -> dict:
    return align_plans(plan("xinzhou-ecology-14th-plan"), plan("shanxi-ecology-14th-plan"), "xinzhou", "shanxi-ecology")


@lru_cache(maxsize=None)
def yuncheng() -> dict:
    return align_plans(plan("yuncheng-14th-fyp-outline"), plan("shanxi-14th-fyp-outline"), "yuncheng", "shanxi")


def _pairs(result: dict) -> set[tuple[str, str]]:
    return {(r["parent"]["name"], r["child"]["name"]) for r in result["rows"] if r["parent"] and r["child"]}


def _row(result: dict, parent_name: str) -> dict:
    return next(r for r in result["rows"] if r["parent"] and r["parent"]["name"] == parent_name)


def _kinds(row: dict) -> set[str]:
    return {f["kind"] for f in row["findings"]}


# --- Xinzhou ecology plan against the provincial ecology plan ------------------------------------

def test_xinzhou_matches_25_of_26_missing_so2():
    r = xinzhou()
    parent_rows = [x for x in r["rows"] if x["parent"]]
    assert len(parent_rows) == 26
    assert sum(1 for x in parent_rows if x["child"]) == 25
    missing = [x["parent"]["name"] for x in parent_rows if not x["child"]]
    assert missing == ["二氧化硫排放总量减少"]
    f = next(f for f in _row(r, "二氧化硫排放总量减少")["findings"] if f["kind"] == "missing")
    assert f["severity"] == "high" and "第118行" in f["message"]
    assert r["summary"]["matched"] == 25 and r["summary"]["missing"] == 1


def test_xinzhou_downgrades_soil_conservation():
    row = _row(xinzhou(), "全省水土保持率")
    assert row["child"]["name"] == "水土保持率"
    f = next(f for f in row["findings"] if f["kind"] == "downgraded")
    assert f["severity"] == "high"
    assert (f["parent_line"], f["child_line"]) == (102, 480)
    assert "上位规划第102行" in f["message"] and "本规划第480行" in f["message"]
    assert [x["parent"]["name"] for x in xinzhou()["rows"]
            if any(f["kind"] == "downgraded" for f in x["findings"])] == ["全省水土保持率"]


@pytest.mark.parametrize("name", ["森林草原火灾受害控制率", "森林草原有害生物成灾控制率"])
def test_xinzhou_unit_change_percent_to_permille(name):
    row = _row(xinzhou(), name)
    f = next(f for f in row["findings"] if f["kind"] == "unit_changed")
    assert "“%”" in f["message"] and "“‰”" in f["message"] and "10倍" in f["message"]
    assert f["severity"] == "medium"
    assert "target_stricter" not in _kinds(row)  # the same figure under a new unit is a slip to check, not a stricter target


def test_xinzhou_inherited_targets_are_consistent():
    row = _row(xinzhou(), "单位地区生产总值能源消耗降低")
    assert row["match"] == "exact" and row["concept"] == "energy_intensity_decline"
    assert "target_inherited" in _kinds(row)


def test_xinzhou_projects_are_found_in_its_text():
    projects = xinzhou()["projects"]
    assert len(projects) == len(plan("shanxi-ecology-14th-plan")["projects"])
    named = {p["parent"]["name"] for p in projects if p["child_mentions"]}
    assert "生态修复工程" in named
    for p in projects:
        for m in p["child_mentions"]:
            assert isinstance(m["line"], int) and m["text"]


# --- Yuncheng outline against the provincial outline ---------------------------------------------

EXPECTED_YUNCHENG_PAIRS = {
    ("地区生产总值增长", "地区生产总值（GDP）增长率"),
    ("常住人口城镇化率", "常住人口城镇化率"),
    ("规上工业企业数量", "规上工业企业数量"),
    ("工业增加值占地区生产总值比重", "工业增加值占GDP比重"),
    ("战略性新兴产业增加值占地区生产总值比重", "战略性新兴产业增加值占GDP比重"),
    ("研发经费投入增长", "研发经费投入增长"),
    ("高技术制造业增加值增速", "高技术制造业增加值增速"),
    ("5G网络用户普及率", "5G网络用户普及率"),
    ("每万人口高价值发明专利拥有量", "每万人口高价值发明专利拥有量"),
    ("新材料生产企业营业收入增速", "新材料生产企业主营业务收入增速"),
    ("高端装备制造业增加值增速", "高端装备制造业增加值增速"),
    ("新产品开发项目数量年均增速", "新产品开发项目数量年均增速"),
    ("数字经济核心产业增加值占地区生产总值比重", "数字经济核心产业增加值占GDP比重"),
    ("制造业增加值占规上工业增加值比重", "制造业增加值占规上工业增加值比重"),
    ("地级及以上城市空气质量优良天数比率", "地级及以上城市空气质量优良天数比率"),
    ("地表水达到或好于Ⅲ类水体比例", "地表水达到或好于Ⅲ类水体比例"),
    ("森林覆盖率", "森林覆盖率"),
    ("单位地区生产总值能源消耗降低", "单位GDP能源消耗降低"),
    ("单位地区生产总值二氧化碳排放降低", "单位GDP二氧化碳排放降低"),
    ("从业人员持证率", "从业人员持证率"),
    ("全社会劳动力持证率", "全社会劳动力持证率"),
    ("劳动年龄人口平均受教育年限", "劳动年龄人口平均受教育年限"),
    ("每千人口拥有执业(助理)医师数", "每千人口拥有执业（助理）医师数"),
    ("基本养老保险参保率", "基本养老保险参保率"),
    ("每千人口拥有3岁以下婴幼儿托位数", "每千人口拥有3岁以下婴幼儿托位数"),
    ("体育人口占比", "体育人口占比"),
    ("粮食综合生产能力", "粮食综合生产能力"),
    ("能源综合生产能力", "能源综合生产能力"),
}


def test_yuncheng_pairs_exactly_as_expected():
    pairs = _pairs(yuncheng())
    assert len(pairs) >= 26
    assert pairs - EXPECTED_YUNCHENG_PAIRS == set(), "false matches"
    assert EXPECTED_YUNCHENG_PAIRS - pairs == set(), "missed matches"


def test_yuncheng_one_to_one():
    rows = yuncheng()["rows"]
    children = [r["child"]["line"] for r in rows if r["child"]]
    parents = [r["parent"]["line"] for r in rows if r["parent"]]
    assert len(children) == len(set(children)) == 37
    assert len(parents) == len(set(parents)) == 38


def test_yuncheng_keeps_every_binding_indicator():
    r = yuncheng()
    binding = [x for x in r["rows"] if x["parent"] and x["parent"]["binding"] == "binding"]
    assert len(binding) == 8
    for x in binding:
        assert x["child"] is not None, x["parent"]["name"]
        assert x["child"]["binding"] == "binding", x["parent"]["name"]
        assert "downgraded" not in _kinds(x)
    assert r["summary"]["binding_kept"] == 8


def test_yuncheng_registered_is_not_surveyed_unemployment():
    r = yuncheng()
    row = _row(r, "城镇调查失业率")
    assert row["child"] is None
    assert "missing" in _kinds(row)
    assert ("城镇调查失业率", "城镇登记失业率") not in _pairs(r)
    related = [f for f in row["findings"] if f["kind"] == "related"]
    assert related and related[0]["child_line"] == 422
    child_row = next(x for x in r["rows"] if x["child"] and x["child"]["name"] == "城镇登记失业率")
    assert child_row["parent"] is None and child_row["concept"] == "registered_unemployment"


def test_yuncheng_targets():
    r = yuncheng()
    assert "target_stricter" in _kinds(_row(r, "地区生产总值增长"))  # 10 against >8 a year
    assert "target_weaker" in _kinds(_row(r, "常住人口城镇化率"))  # 58 against 68
    assert "target_inherited" in _kinds(_row(r, "单位地区生产总值能源消耗降低"))
    assert "target_not_comparable" in _kinds(_row(r, "粮食综合生产能力"))  # a city's total, not the province's


def test_yuncheng_json_shape():
    r = yuncheng()
    assert set(r) == {"child", "parent", "rows", "projects", "summary"}
    for row in r["rows"]:
        assert set(row) == {"parent", "child", "concept", "match", "findings"}
        for f in row["findings"]:
            assert f["severity"] in ("high", "medium", "low", "info")
            assert {"kind", "message", "parent_line", "child_line"} <= set(f)
    assert {"parent", "child_mentions"} <= set(r["projects"][0])


# --- checks of a plan against itself -------------------------------------------------------------

def test_xinzhou_checks():
    findings = check_plan(plan("xinzhou-ecology-14th-plan"), "xinzhou")
    forest = [f for f in findings if f["kind"] == "table_prose_conflict" and f.get("indicator") == "森林覆盖率"]
    assert len(forest) == 1 and forest[0]["lines"] == [474, 3091]
    assert "18.39" in forest[0]["message"] and "26%" in forest[0]["message"]
    count = [f for f in findings if f["kind"] == "count_mismatch"]
    assert len(count) == 1
    assert count[0]["lines"][0] == 447 and (count[0]["stated"], count[0]["actual"]) == (26, 25)


def test_yuncheng_checks_targets_below_base():
    findings = check_plan(plan("yuncheng-14th-fyp-outline"), "yuncheng")
    below = {f["indicator"]: f for f in findings if f["kind"] == "target_below_base"}
    assert "粮食综合生产能力" in below
    grain = below["粮食综合生产能力"]
    assert grain["severity"] == "high" and "270" in grain["message"] and "282" in grain["message"]
    assert grain["lines"] == [430, 430]
    assert "亿元GDP生产安全事故死亡率" in below  # lower is better: 0.021 -> 0.03
    assert not [f for f in findings if f["kind"] == "count_mismatch"]  # its category counts are right


def test_provincial_outline_has_no_false_alarms():
    findings = check_plan(plan("shanxi-14th-fyp-outline"), "shanxi")
    assert [f for f in findings if f["kind"] in ("count_mismatch", "table_prose_conflict", "target_below_base")] == []
