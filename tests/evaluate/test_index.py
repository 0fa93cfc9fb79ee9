"""规划目标实现综合指数 on a hand-computed example."""

import pytest

from plantrack.evaluate.config import IndexConfig
from plantrack.evaluate.index import attainment, composite


def a(name, category, status, ratio=None, method="linear", binding="expected", details=None, reason=None):
    return {"indicator": {"name": name, "category": category, "binding": binding}, "status": status,
            "ratio": ratio, "method": method, "details": details or {}, "reason": reason}


PLAN = [
    a("A", "经济发展", "基本符合预期", 0.95),                      # 0.95
    a("B", "经济发展", "快于预期", 1.5),                           # 1.5 capped at 1.2
    a("C", "经济发展", "无数据", reason="no_observation"),          # not counted
    a("D", "绿色生态", "滞后", None, "threshold_every_year", "binding",
      {"checked": [{"year": y} for y in (2021, 2022, 2023, 2024)], "breaches": [2023]}),  # held 3 of 4: 0.75
    a("E", "绿色生态", "滞后", -0.2),                              # moved the wrong way: 0
    a("F", "绿色生态", "需人工评估", reason="assigned"),            # not counted
    a("G", "人的全面发展", "基本符合预期", None, "direction_only"),  # no ratio, on track: 1
]


def test_each_indicator_attainment_by_what_was_measured():
    assert [attainment(x) for x in PLAN] == [
        (0.95, "ratio"), (1.2, "ratio"), (None, "not_counted"), (0.75, "years_held"), (0.0, "ratio"),
        (None, "not_counted"), (1.0, "status")]
    assert attainment(a("H", "x", "提前实现", None, "threshold_hold")) == (1.2, "status")


def test_plan_index_is_the_equal_weighted_mean_of_its_areas():
    # 经济发展 (0.95 + 1.2) / 2 = 1.075; 绿色生态 (0.75 + 0) / 2 = 0.375; 人的全面发展 1.0
    # plan (1.075 + 0.375 + 1.0) / 3 = 0.816667 -> 81.67; 5 of 7 indicators counted
    result = composite(PLAN)
    by_area = {p["area"]: p for p in result["areas"]}
    assert by_area["经济发展"]["index"] == pytest.approx(107.5)
    assert by_area["绿色生态"]["index"] == pytest.approx(37.5)
    assert by_area["人的全面发展"]["index"] == pytest.approx(100.0)
    assert all(p["weight"] == pytest.approx(1 / 3) for p in result["areas"])
    assert result["index"] == pytest.approx(81.6667, rel=1e-5)
    assert result["coverage"] == {"counted": 5, "total": 7, "share": pytest.approx(5 / 7)}
    assert [(x["name"], x["reason"]) for x in result["excluded"]] == [("C", "no_observation"), ("F", "assigned")]
    assert "上限1.2" in result["method"] and "不计入" in result["method"]


def test_weights_and_cap_are_configurable():
    # binding weight 2 (D): 绿色生态 (0.75 x 2 + 0 x 1) / 3 = 0.5; area weights 经济 1, 绿色 2, 人 1:
    # (1.075 + 2 x 0.5 + 1.0) / 4 = 0.76875 -> 76.875
    cfg = IndexConfig(binding_weight=2.0, area_weights={"绿色生态": 2.0})
    result = composite(PLAN, cfg)
    assert {p["area"]: p["index"] for p in result["areas"]}["绿色生态"] == pytest.approx(50.0)
    assert result["index"] == pytest.approx(76.875)
    # cap 1.0: B counts 1.0; 经济 0.975; (0.975 + 0.375 + 1.0) / 3 = 0.783333
    assert composite(PLAN, IndexConfig(cap=1.0))["index"] == pytest.approx(78.3333, rel=1e-5)


def test_an_area_with_nothing_counted_drops_out():
    result = composite([a("A", "经济发展", "基本符合预期", 1.0), a("C", "绿色生态", "无数据")])
    assert [p["area"] for p in result["areas"]] == ["经济发展"] and result["index"] == pytest.approx(100.0)


def test_nothing_counted_gives_no_index():
    assert composite([a("C", "绿色生态", "无数据")])["index"] is None


def test_a_config_from_a_mapping_refuses_unknown_keys():
    assert IndexConfig.from_mapping({"cap": "1.5", "area_weights": {"经济发展": "2"}}).area_weights == {"经济发展": 2.0}
    with pytest.raises(ValueError, match="unknown"):
        IndexConfig.from_mapping({"caps": 1})
    with pytest.raises(ValueError):
        IndexConfig(cap=0.5)
