"""分解下达 on the corpus: the provincial outline's targets passed down to cities, checked against
the province's, and used by the cities' plans in evaluation and alignment."""

from __future__ import annotations

import pytest

from plantrack.analysis import align_stored
from plantrack.domain.actor import LOCAL_OPERATOR
from plantrack.duties import DutyInputError
from plantrack.duties.decomposition import check_decomposition, import_allocations, list_allocations
from plantrack.tracking import evaluate_plan

from .conftest import load, write_csv

HEADER = "parent_plan,indicator,region,assigned,unit,rule,weight"
SHANXI = "shanxi-14th-fyp-outline"
YUNCHENG = "yuncheng-14th-fyp-outline"

# The Yuncheng outline's 完成省下任务 indicators, as the provincial outline names them, with
# figures a province might give the city.
YUNCHENG_ASSIGNED = [
    [SHANXI, "战略性新兴产业增加值占地区生产总值比重", "运城市", "13", "%", "at_least", ""],
    [SHANXI, "数字经济核心产业增加值占地区生产总值比重", "运城市", "5.5", "%", "at_least", ""],
    [SHANXI, "地级及以上城市空气质量优良天数比率", "运城市", "70", "%", "at_least", ""],
    [SHANXI, "地表水达到或好于Ⅲ类水体比例", "运城市", "75", "%", "at_least", ""],
    [SHANXI, "单位地区生产总值能源消耗降低", "运城市", "[14]", "%", "weighted", "2300"],
    [SHANXI, "单位地区生产总值二氧化碳排放降低", "运城市", "[18]", "%", "weighted", "2300"],
]


@pytest.fixture
def outlines(session_factory):
    load(session_factory, SHANXI, YUNCHENG)
    return session_factory


def _import(factory, path):
    with factory.begin() as s:
        return import_allocations(s, path, LOCAL_OPERATOR)


def test_yuncheng_assigned_indicators_are_evaluated_with_the_figures_passed_down(outlines, tmp_path):
    with outlines.begin() as s:
        before = evaluate_plan(s, YUNCHENG, 2023)
    assigned_before = [a for a in before.assessments if a["kind"] == "assigned"]
    assert len(assigned_before) == 6 and {a["status"] for a in assigned_before} == {"需人工评估"}

    _import(outlines, write_csv(tmp_path / "d.csv", HEADER, YUNCHENG_ASSIGNED))
    with outlines.begin() as s:
        after = {a["indicator"]["name"]: a for a in evaluate_plan(s, YUNCHENG, 2023).assessments}
    expected = [("战略性新兴产业增加值占GDP比重", 13, "level"), ("数字经济核心产业增加值占GDP比重", 5.5, "level"),
                ("地级及以上城市空气质量优良天数比率", 70, "level"), ("地表水达到或好于Ⅲ类水体比例", 75, "level"),
                ("单位GDP能源消耗降低", 14, "cumulative_change"), ("单位GDP二氧化碳排放降低", 18, "cumulative_change")]
    for (name, figure, kind), row in zip(expected, YUNCHENG_ASSIGNED):
        a = after[name]
        assert a["status"] != "需人工评估", (name, a["explanation"])
        assert (a["kind"], a["target"]["value"]) == (kind, figure), name
        assert a["assigned"]["parent_indicator"] == row[1]


def test_an_assigned_figure_with_observations_gives_a_status_with_numbers(outlines, tmp_path):
    from plantrack.observations.importer import import_file

    _import(outlines, write_csv(tmp_path / "d.csv", HEADER, YUNCHENG_ASSIGNED))
    obs = write_csv(tmp_path / "obs.csv", "region,indicator,unit,year,value,source_url", [
        ["运城市", "地级及以上城市空气质量优良天数比率", "%", "2023", "60.3", "https://example.org/yc"]])
    import_file(outlines, obs)
    with outlines.begin() as s:
        air = next(a for a in evaluate_plan(s, YUNCHENG, 2023).assessments
                   if a["indicator"]["name"] == "地级及以上城市空气质量优良天数比率")
    assert air["status"] not in ("需人工评估", "无数据"), air["explanation"]
    assert (air["target"]["value"], air["observed"]["value"]) == (70, 60.3)


def test_a_decomposition_that_does_not_add_up_or_is_weaker_than_the_floor_is_flagged(outlines, tmp_path):
    _import(outlines, write_csv(tmp_path / "d.csv", HEADER, [
        [SHANXI, "粮食综合生产能力", "运城市", "400", "万吨", "sum", ""],
        [SHANXI, "粮食综合生产能力", "忻州市", "300", "万吨", "sum", ""],
        [SHANXI, "粮食综合生产能力", "太原市", "100", "万吨", "sum", ""],
        [SHANXI, "森林覆盖率", "运城市", "25", "%", "at_least", ""],
        [SHANXI, "森林覆盖率", "忻州市", "27", "%", "at_least", ""],
        [SHANXI, "地表水达到或好于Ⅲ类水体比例", "运城市", "75", "%", "at_least", ""],
    ]))
    with outlines() as s:
        result = check_decomposition(s, SHANXI)
    by_name = {r["indicator"]: r for r in result["indicators"]}
    grain, forest = by_name["粮食综合生产能力"], by_name["森林覆盖率"]
    assert (grain["ok"], grain["aggregate"], grain["shortfall"]) == (False, 800, 565)
    assert (forest["ok"], [(w["region"], w["shortfall"]) for w in forest["weaker"]]) == (False, [("运城市", 1)])
    assert by_name["地表水达到或好于Ⅲ类水体比例"]["ok"] is None  # the province's own figure is 完成国家考核目标
    assert (result["checked"], result["flagged"]) == (2, 2)


def test_a_bad_decomposition_file_is_refused_as_a_whole(outlines, tmp_path):
    f = write_csv(tmp_path / "d.csv", HEADER, [
        [SHANXI, "森林覆盖率", "运城市", "27", "%", "at_least", ""],
        [SHANXI, "森林覆盖率", "运城市", "28", "%", "at_least", ""],
        [SHANXI, "不存在的指标", "运城市", "1", "%", "sum", ""],
        [SHANXI, "森林覆盖率", "北京市", "27", "%", "at_least", ""],
        [SHANXI, "粮食综合生产能力", "运城市", "很多", "万吨", "sum", ""],
        [SHANXI, "粮食综合生产能力", "忻州市", "300", "吨", "total", ""],
        [SHANXI, "单位地区生产总值能源消耗降低", "运城市", "[14]", "%", "weighted", ""],
    ])
    with pytest.raises(DutyInputError) as exc:
        _import(outlines, f)
    assert exc.value.problems == [
        "d.csv 第3行：与第2行重复（森林覆盖率 运城市）",
        f"d.csv 第4行：规划“{SHANXI}”的指标表中没有“不存在的指标”",
        f"d.csv 第5行：“北京市”不是规划“{SHANXI}”所在地区（山西省）的下级地区",
        "d.csv 第6行：无法读取下达目标“很多”（应写为 26、≥26、1365 等）",
        "d.csv 第7行：单位“吨”与上位指标的单位“万吨”不一致",
        "d.csv 第7行：rule 应为 sum、weighted、at_least 或 at_most，而不是“total”",
        "d.csv 第8行：按加权平均（weighted）分解时 weight（权重）不能为空",
    ]
    with outlines() as s:
        assert list_allocations(s, SHANXI) == []


def test_xinzhou_forest_cover_is_aligned_with_the_figure_assigned_to_xinzhou(session_factory, tmp_path):
    load(session_factory, "shanxi-ecology-14th-plan", "xinzhou-ecology-14th-plan")

    def forest_findings():
        with session_factory.begin() as s:
            result = align_stored(s, "xinzhou-ecology-14th-plan")
        row = next(r for r in result["rows"] if r["parent"] and r["parent"]["name"] == "森林覆盖率")
        return row["findings"]

    before = forest_findings()
    assert [(f["kind"], f["severity"]) for f in before] == [("target_weaker", "high")]
    _import(session_factory, write_csv(tmp_path / "d.csv", HEADER, [
        ["shanxi-ecology-14th-plan", "森林覆盖率", "忻州市", "18.39", "%", "at_least", ""],
        ["shanxi-ecology-14th-plan", "森林覆盖率", "运城市", "31.77", "%", "at_least", ""],
    ]))
    after = forest_findings()
    assert [(f["kind"], f["severity"]) for f in after] == [("target_consistent", "info")]
    assert after[0]["assigned"]["value"] == "18.39" and after[0]["assigned"]["parent_target_text"] == "26"
    assert "分解下达本地区的18.39" in after[0]["message"]


def test_a_changed_figure_supersedes_the_old_one_and_the_same_file_changes_nothing(outlines, tmp_path):
    first = write_csv(tmp_path / "a.csv", HEADER, [[SHANXI, "森林覆盖率", "运城市", "25", "%", "at_least", ""]])
    second = write_csv(tmp_path / "b.csv", HEADER, [[SHANXI, "森林覆盖率", "运城市", "27", "%", "at_least", ""]])
    assert _import(outlines, first)["added"] == 1
    assert (_import(outlines, first)["added"], _import(outlines, first)["unchanged"]) == (0, 1)
    assert _import(outlines, second)["superseded"] == 1
    with outlines() as s:
        assert [(r["region"], r["assigned"], r["value"]) for r in list_allocations(s, SHANXI)] == [("运城市", "27", 27)]


def test_the_matrix_shows_each_region_assigned_figure_beside_its_latest_observation(outlines, tmp_path):
    from plantrack.duties.decomposition import decomposition_matrix
    from plantrack.observations.importer import import_file

    _import(outlines, write_csv(tmp_path / "d.csv", HEADER, [
        [SHANXI, "森林覆盖率", "运城市", "30", "%", "at_least", ""],
        [SHANXI, "森林覆盖率", "忻州市", "27", "%", "at_least", ""],
        [SHANXI, "森林覆盖率", "太原市", "27", "%", "at_least", ""],
    ]))
    import_file(outlines, write_csv(tmp_path / "obs.csv", "region,indicator,unit,year,value,source_url", [
        ["运城市", "森林覆盖率", "%", "2022", "29.1", "https://example.org/a"],
        ["运城市", "森林覆盖率", "%", "2023", "30.2", "https://example.org/b"],
        ["忻州市", "森林覆盖率", "%", "2023", "20.5", "https://example.org/c"]]))
    with outlines() as s:
        matrix = decomposition_matrix(s, SHANXI)
    [forest] = matrix["indicators"]
    assert [(r["region"], r["assigned"], r["observed"] and r["observed"]["value"], r["status"])
            for r in forest["regions"]] == [("运城市", "30", 30.2, "达到下达目标"), ("忻州市", "27", 20.5, "未达到下达目标"),
                                            ("太原市", "27", None, "无数据")]
