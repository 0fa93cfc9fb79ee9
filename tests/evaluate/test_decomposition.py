"""Checking a decomposition: sums reach the parent's total, weighted means its rate, every child
at least as strict as the parent's floor or ceiling; the shortfall and the weaker children named."""

from __future__ import annotations

import pytest

from plantrack.domain.targets import interpret
from plantrack.evaluate.decomposition import check_allocation

GRAIN = {"name": "粮食综合生产能力", "unit": "万吨", "target_text": "1365", "line": 1}
FOREST = {"name": "森林覆盖率", "unit": "%", "target_text": "26", "line": 2}
WATER = {"name": "用水总量", "unit": "亿立方米", "target_text": "≤85", "line": 3}
ENERGY = {"name": "单位地区生产总值能源消耗降低", "unit": "%", "target_text": "[14]", "line": 4}


def child(region, value, weight=None):
    return {"region": region, "value": value, "weight": weight}


def check(ind, rule, children):
    return check_allocation(ind["name"], ind["unit"], interpret(ind), rule, children)


def test_a_sum_that_falls_short_of_the_parent_total_is_flagged_with_the_shortfall():
    result = check(GRAIN, "sum", [child("运城市", 400), child("忻州市", 300), child("太原市", 100)])
    assert (result["ok"], result["aggregate"], result["shortfall"]) == (False, 800, 565)
    assert result["message"] == "“粮食综合生产能力”各地区下达目标合计800万吨，低于上位目标1365万吨，缺口565万吨。"


def test_a_sum_that_reaches_the_parent_total_passes():
    result = check(GRAIN, "sum", [child("运城市", 700), child("忻州市", 665)])
    assert (result["ok"], result["shortfall"]) == (True, None)


def test_a_ceiling_total_must_not_be_exceeded():
    result = check(WATER, "sum", [child("运城市", 50), child("忻州市", 40)])
    assert (result["ok"], result["shortfall"]) == (False, 5)
    assert "超过上位目标85亿立方米，缺口5亿立方米" in result["message"]


def test_a_weighted_mean_is_compared_with_the_parent_rate():
    ok = check(ENERGY, "weighted", [child("运城市", 15, 2000), child("忻州市", 12, 1000)])
    assert ok["ok"] and ok["aggregate"] == pytest.approx(14)
    short = check(ENERGY, "weighted", [child("运城市", 13, 2000), child("忻州市", 15, 1000)])
    assert short["ok"] is False and short["shortfall"] == pytest.approx(14 - 41 / 3)


def test_a_weighted_rule_without_weights_cannot_be_checked():
    result = check(ENERGY, "weighted", [child("运城市", 15, 2000), child("忻州市", 12)])
    assert result["ok"] is None and "忻州市没有权重" in result["message"]


def test_children_weaker_than_the_parent_floor_are_named():
    result = check(FOREST, "at_least", [child("运城市", 25), child("忻州市", 27), child("大同市", 20.5)])
    assert result["ok"] is False
    assert [(w["region"], w["shortfall"]) for w in result["weaker"]] == [("运城市", 1), ("大同市", 5.5)]
    assert result["message"] == "“森林覆盖率”的下达目标弱于上位下限26%：运城市（25%，差1%）、大同市（20.5%，差5.5%）。"


def test_children_above_the_parent_ceiling_are_named():
    result = check(WATER, "at_most", [child("运城市", 80), child("忻州市", 90)])
    assert [w["region"] for w in result["weaker"]] == ["忻州市"]


def test_a_parent_without_a_figure_cannot_be_checked():
    ind = {"name": "地表水达到或好于Ⅲ类水体比例", "unit": "%", "target_text": "完成国家考核目标", "line": 5}
    result = check(ind, "at_least", [child("运城市", 75)])
    assert result["ok"] is None and "没有具体数值" in result["message"]
