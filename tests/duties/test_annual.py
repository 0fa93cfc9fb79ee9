"""Annual targets: imported all-or-nothing, and shown in evaluation as the year's value against
the year's own target, beside the period view."""

from __future__ import annotations

import pytest

from plantrack.domain.actor import LOCAL_OPERATOR
from plantrack.duties import DutyInputError
from plantrack.duties.annual import import_annual_targets, list_annual_targets
from plantrack.tracking import evaluate_plan

from .conftest import load, write_csv

HEADER = "plan,indicator,year,target"
YUNCHENG = "yuncheng-14th-fyp-outline"
GDP = "地区生产总值（GDP）增长率"


@pytest.fixture
def yuncheng(session_factory):
    load(session_factory, YUNCHENG)
    return session_factory


def test_annual_targets_give_the_year_view_beside_the_period_view(yuncheng, tmp_path):
    from plantrack.observations.importer import import_file

    with yuncheng.begin() as s:
        import_annual_targets(s, write_csv(tmp_path / "t.csv", HEADER, [
            [YUNCHENG, GDP, "2023", "6"], [YUNCHENG, GDP, "2022", "5.5左右"],
            [YUNCHENG, "常住人口城镇化率", "2023", "≥52"]]), LOCAL_OPERATOR)
    import_file(yuncheng, write_csv(tmp_path / "obs.csv", "region,indicator,unit,year,value,source_url", [
        ["运城市", "地区生产总值增长", "%", "2023", "5.6", "https://example.org/a"],
        ["运城市", "常住人口城镇化率", "%", "2023", "52.53", "https://example.org/b"]]))
    with yuncheng.begin() as s:
        by_name = {a["indicator"]["name"]: a for a in evaluate_plan(s, YUNCHENG, 2023).assessments}
    assert by_name[GDP]["annual"] == {"year": 2023, "target": "6", "kind": "level", "value": 5.6, "met": False,
                                      "status": "未完成年度目标"}
    assert by_name["常住人口城镇化率"]["annual"]["status"] == "完成年度目标"
    assert by_name[GDP]["method"] != "annual_target"  # the period view stays what it was
    assert "annual" not in by_name["规上工业增加值增速"]


def test_a_new_target_for_the_same_year_supersedes_the_old_one(yuncheng, tmp_path):
    for i, text in enumerate(["6", "6.5"]):
        with yuncheng.begin() as s:
            import_annual_targets(s, write_csv(tmp_path / f"t{i}.csv", HEADER, [[YUNCHENG, GDP, "2023", text]]),
                                  LOCAL_OPERATOR)
    with yuncheng() as s:
        assert [(r["year"], r["target"]) for r in list_annual_targets(s, YUNCHENG)] == [(2023, "6.5")]


def test_a_bad_annual_target_file_is_refused_as_a_whole(yuncheng, tmp_path):
    f = write_csv(tmp_path / "t.csv", HEADER, [
        [YUNCHENG, GDP, "2023", "6"],
        [YUNCHENG, GDP, "2023", "6.5"],
        [YUNCHENG, "不存在的指标", "2023", "6"],
        [YUNCHENG, GDP, "2030", "6"],
        [YUNCHENG, GDP, "明年", "6"],
        [YUNCHENG, GDP, "2024", "稳中有进"],
        ["nowhere", GDP, "2024", "6"],
    ])
    with pytest.raises(DutyInputError) as exc, yuncheng.begin() as s:
        import_annual_targets(s, f, LOCAL_OPERATOR)
    assert exc.value.problems == [
        f"t.csv 第3行：与第2行重复（{GDP} 2023年）",
        f"t.csv 第4行：规划“{YUNCHENG}”的指标表中没有“不存在的指标”",
        "t.csv 第5行：2030年不在规划期2021—2025年内",
        "t.csv 第6行：year（年份）“明年”不是年份",
        "t.csv 第7行：无法读取年度目标“稳中有进”（应写为 6.5、≥95、5.5左右 等）",
        "t.csv 第8行：未知规划“nowhere”",
    ]
    with yuncheng() as s:
        assert list_annual_targets(s) == []


def test_an_xlsx_with_impossible_values_is_refused_with_every_bad_row_named(yuncheng, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["plan", "indicator", "year", "target"])
    ws.append([YUNCHENG, GDP, 2023, 6.5])
    ws.append([YUNCHENG, GDP, 2019, 6])
    ws.append([YUNCHENG, "没有的指标", 2024, "≥95"])
    wb.save(tmp_path / "annual.xlsx")
    with pytest.raises(DutyInputError) as exc, yuncheng.begin() as s:
        import_annual_targets(s, tmp_path / "annual.xlsx", LOCAL_OPERATOR)
    assert exc.value.problems == [
        "annual.xlsx 第3行：2019年不在规划期2021—2025年内",
        f"annual.xlsx 第4行：规划“{YUNCHENG}”的指标表中没有“没有的指标”",
    ]
    with yuncheng() as s:
        assert list_annual_targets(s) == []


def test_an_xlsx_of_annual_targets_is_read_like_a_csv(yuncheng, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["plan", "indicator", "year", "target", "note"])
    ws.append([YUNCHENG, GDP, 2023, 6.5, "年度计划"])
    wb.save(tmp_path / "annual.xlsx")
    with yuncheng.begin() as s:
        import_annual_targets(s, tmp_path / "annual.xlsx", LOCAL_OPERATOR)
    with yuncheng() as s:
        assert [(r["year"], r["target"]) for r in list_annual_targets(s)] == [(2023, "6.5")]


def test_annual_targets_are_proposed_on_the_plan_path_and_the_proposal_imports_as_it_is(yuncheng, tmp_path):
    from plantrack.duties.annual import propose_annual_targets

    with yuncheng() as s:
        proposed = propose_annual_targets(s, YUNCHENG)
        assert list_annual_targets(s) == []  # proposing stores nothing
    by = {(p["indicator"], p["year"]): (p["target"], p["method"]) for p in proposed}
    assert by[(GDP, 2023)] == ("10", "same_rate")  # a growth rate: the plan's rate every year
    assert by[("工业增加值占GDP比重", 2025)] == ("42", "linear")  # the path ends at the plan's target
    assert by[("工业增加值占GDP比重", 2023)] == ("36.6", "linear")
    assert ("战略性新兴产业增加值占GDP比重", 2023) not in by  # 完成省下任务: no figure to draw a path to
    f = write_csv(tmp_path / "p.csv", "plan,indicator,year,target,method",
                  [[p["plan"], p["indicator"], p["year"], p["target"], p["method"]] for p in proposed])
    with yuncheng.begin() as s:
        assert import_annual_targets(s, f, LOCAL_OPERATOR)["added"] == len(proposed)
