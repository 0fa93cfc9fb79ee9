"""The annual view: one year's value against that year's own target, read as a plan writes it."""

from __future__ import annotations

import pytest

from plantrack.domain.targets import interpret
from plantrack.evaluate.annual import MET, NO_DATA, NOT_MET, annual_spec, annual_view, meets, readable
from plantrack.evaluate.status import assess

GDP = {"name": "地区生产总值增长", "unit": "%", "target_text": None, "annual_growth": "保持在合理区间", "line": 10}
UNEMPLOYMENT = {"name": "城镇调查失业率", "unit": "%", "target_text": "<5.5", "line": 11}
COVERAGE = {"name": "基本养老保险参保率", "unit": "%", "target_text": "95", "line": 12}


@pytest.mark.parametrize("indicator, text, value, met", [
    (GDP, "6.5", 6.6, True), (GDP, "6.5", 6.4, False),
    (GDP, "5.5左右", 5.3, True), (GDP, "5.5左右", 5.1, False), (GDP, "5.5左右", 7.0, True),
    (GDP, "5-8", 4.9, False), (GDP, "5-8", 8.5, True),
    (COVERAGE, "≥95", 95.0, True), (COVERAGE, "≥95", 94.9, False),
    (UNEMPLOYMENT, "5.5以内", 5.4, True), (UNEMPLOYMENT, "5.5以内", 5.6, False),
])
def test_a_year_value_meets_the_year_target_as_the_target_text_says(indicator, text, value, met):
    assert meets(annual_spec(indicator, 2023, text), value) is met


def test_the_view_names_the_outcome_in_chinese():
    assert annual_view(GDP, 2023, "6.5", 7.1) == {"year": 2023, "target": "6.5", "kind": "level", "value": 7.1,
                                                  "met": True, "status": MET}
    assert annual_view(GDP, 2023, "6.5", 6.0)["status"] == NOT_MET
    assert annual_view(GDP, 2023, "6.5", None)["status"] == NO_DATA
    assert annual_view(GDP, 2023, None, 6.0) is None


@pytest.mark.parametrize("text, ok", [("6.5", True), ("≥95", True), ("5.5左右", True), ("保持稳定", False),
                                      ("完成省下达任务", False)])
def test_only_targets_with_a_figure_are_readable_as_annual_targets(text, ok):
    assert readable(annual_spec(GDP, 2023, text)) is ok


def test_an_annual_kind_indicator_is_judged_against_the_year_target_when_one_is_set():
    spec = interpret(GDP, (2021, 2025))
    assert spec.kind == "annual"
    obs = [{"year": 2022, "value": 4.4}, {"year": 2023, "value": 5.0}]
    without = assess(GDP, spec, obs, 2023)
    assert without.status == "需人工评估"
    met = assess(GDP, spec, obs, 2023, annual_target="4.5")
    assert (met.status, met.met, met.details["annual_target"]["status"]) == ("基本符合预期", True, MET)
    assert "2023年年度目标为“4.5”" in met.explanation and "完成年度目标" in met.explanation
    missed = assess(GDP, spec, obs, 2023, annual_target="6")
    assert (missed.status, missed.met, missed.details["annual_target"]["status"]) == ("滞后", False, NOT_MET)
    no_value = assess(GDP, spec, obs[:1], 2023, annual_target="6")
    assert no_value.status == "无数据"
