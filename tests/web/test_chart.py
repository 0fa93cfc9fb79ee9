"""The chart data agrees with the status it illustrates."""

import pytest

from plantrack.web.chart import chart_data


def test_no_base_is_drawn_when_the_status_says_the_base_is_missing():
    indicator = {"name": "常住人口城镇化率", "unit": "%", "base_year": 2019, "base_value": 51.24, "target_year": 2025}
    a = {"year": 2023, "status": "需人工评估", "reason": "missing_base", "method": None, "base": None,
         "target": {"kind": "level", "value": 58, "year": 2025, "text": "58"}, "details": {}}
    data = chart_data(a, indicator, [{"year": 2023, "value": 52.53}], [], (2021, 2025))
    assert data["base"] is None and data["expected_path"] is None


def test_the_base_the_assessment_used_is_drawn():
    indicator = {"name": "常住人口城镇化率", "unit": "%", "base_year": None, "base_value": None, "target_year": 2025}
    a = {"year": 2023, "status": "滞后", "reason": None, "method": "linear",
         "base": {"year": 2019, "value": 51.24, "series": None, "source": "observation"},
         "target": {"kind": "level", "value": 58, "year": 2025, "text": "58"},
         "details": {"end_value": 58, "path_start": 2019, "path_end": 2025}}
    data = chart_data(a, indicator, [{"year": 2023, "value": 52.53}], [], (2021, 2025))
    assert data["base"] == {"year": 2019, "value": 51.24}
    assert data["expected_path"]["points"][0] == [2019, 51.24]


def test_a_cumulative_fall_observed_as_levels_is_drawn_as_a_level_path():
    # 1.50 (2020), 累计下降13.5% pro rata: 2022 due 5.4% -> 1.50 x 0.946 = 1.419; 2025: 1.50 x 0.865 = 1.2975
    from plantrack.domain.targets import interpret
    from plantrack.evaluate import assess

    indicator = {"name": "单位地区生产总值能源消耗", "unit": "吨标准煤/万元", "base_year": 2020, "base_value": 1.5,
                 "target_year": 2025, "target_text": None, "annual_growth": "累计下降13.5%"}
    a = assess(indicator, interpret(indicator), [{"year": 2022, "value": 1.40, "measure": "level"}], 2022).to_dict()
    path = dict((y, v) for y, v in chart_data(a, indicator, [], [], (2021, 2025))["expected_path"]["points"])
    assert path[2020] == pytest.approx(1.5)
    assert path[2022] == pytest.approx(1.419)
    assert path[2025] == pytest.approx(1.2975)
