"""预警: binding indicators that lag, and trends that miss the target, with hand-computed projections."""

import pytest

from plantrack.domain.targets import interpret
from plantrack.evaluate import assess, collect, project, warnings_for
from plantrack.evaluate.warnings import BINDING_LAGGING, OFF_TREND


def ind(name, unit="%", base_year=2020, base_value=None, target_text=None, annual_growth=None, binding="expected"):
    return {"name": name, "unit": unit, "base_year": base_year if base_value is not None else None,
            "base_value": base_value, "target_year": 2025, "target_value": None, "target_text": target_text,
            "annual_growth": annual_growth, "binding": binding, "line": 1}


def ob(year, value, **kw):
    return {"year": year, "value": value, **kw}


def warn(indicator, observations, year):
    spec = interpret(indicator)
    return warnings_for(indicator, spec, assess(indicator, spec, observations, year), observations)


def test_binding_indicator_lagging_is_warned():
    # 托位数-like binding level: base 1.5 -> 4; 2.2 in 2023 vs expected 3.0 -> ratio 0.4667, 滞后
    indicator = ind("每千人口拥有3岁以下婴幼儿托位数", unit="个", base_value=1.5, target_text="4", binding="binding")
    kinds = [w.kind for w in warn(indicator, [ob(2023, 2.2)], 2023)]
    assert BINDING_LAGGING in kinds


def test_expected_indicator_lagging_is_not_a_binding_warning():
    indicator = ind("每千人口拥有3岁以下婴幼儿托位数", unit="个", base_value=1.5, target_text="4")
    assert BINDING_LAGGING not in [w.kind for w in warn(indicator, [ob(2023, 2.2)], 2023)]


def test_level_trend_short_of_target():
    # 60.8, 61.6, 62.4 (2021-2023): slope 0.8 a year; 2025 projection 62.4 + 0.8 x 2 = 64.0 < 66, gap 2.0
    # (the status is separate: expected 2023 = 60 + 6 x 3/5 = 63.6, ratio 2.4 / 3.6 = 0.667 -> 滞后; not
    #  binding, so the only warning is the trend)
    indicator = ind("常住人口城镇化率", base_value=60, target_text="66")
    ws = warn(indicator, [ob(2021, 60.8), ob(2022, 61.6), ob(2023, 62.4)], 2023)
    trend = next(w for w in ws if w.kind == OFF_TREND)
    p = trend.projection
    assert p["slope"] == pytest.approx(0.8)
    assert p["projected"] == pytest.approx(64.0)
    assert p["gap"] == pytest.approx(2.0)
    assert "难以达到目标" in trend.message and "个百分点" in trend.message


def test_level_trend_reaching_target_gives_no_warning():
    # 61.5, 63.0 (2021-2022): slope 1.5; 2025: 63 + 1.5 x 3 = 67.5 >= 66
    indicator = ind("常住人口城镇化率", base_value=60, target_text="66")
    assert warn(indicator, [ob(2021, 61.5), ob(2022, 63.0)], 2022) == []


def test_trend_stops_at_a_series_break():
    # 2020 70 is on the old basis; the trend uses 2022-2023 only: slope 2, 2025: 88 + 4 = 92 >= 90
    indicator = ind("地表水达到或好于Ⅲ类水体比例", base_value=70, target_text="90")
    obs = [ob(2020, 70), ob(2022, 86, flags=["series_break"]), ob(2023, 88)]
    p = project(indicator, interpret(indicator), obs, 2023)
    assert [pt["year"] for pt in p["points"]] == [2022, 2023]
    assert p["projected"] == pytest.approx(92) and p["reaches"] is True


def test_growth_rate_projection_states_the_required_rate():
    # >7 a year; 8, 6, 5 observed (product 1.20204). Recent = (6 + 5) / 2 = 5.5.
    # five-year average if 2024-25 grow 5.5%: (1.20204 x 1.055^2)^(1/5) - 1 = 5.9949%  < 7
    # required for 2024-25: (1.07^5 / 1.20204)^(1/2) - 1 = (1.4025517 / 1.20204)^(1/2) - 1 = 8.0190%
    indicator = ind("地区生产总值增长", annual_growth=">7")
    ws = warn(indicator, [ob(2021, 8), ob(2022, 6), ob(2023, 5)], 2023)
    p = next(w for w in ws if w.kind == OFF_TREND).projection
    assert p["recent_rate"] == pytest.approx(5.5)
    assert p["projected"] == pytest.approx(5.9948508, rel=1e-6)
    assert p["required_rate"] == pytest.approx(8.0189582, rel=1e-6)


def test_cumulative_projection_starts_from_zero():
    # [15] reduction, start 2020 (0 by definition), 4 by 2022: points (2020, 0), (2021, 2.5), (2022, 4)
    # slope = least squares over x = -1, 0, 1 around 2021: (-1 x -2.1667 + 1 x 1.8333) / 2 = 2.0
    # 2025: 4 + 2 x 3 = 10 < 15 -> warning
    indicator = ind("单位地区生产总值能源消耗降低", annual_growth="[15]", binding="binding")
    ws = warn(indicator, [ob(2021, 2.5), ob(2022, 4)], 2022)
    p = next(w for w in ws if w.kind == OFF_TREND).projection
    assert p["slope"] == pytest.approx(2.0)
    assert p["projected"] == pytest.approx(10.0)
    assert ws[0].binding is True


def test_qualitative_targets_are_not_projected():
    indicator = ind("重点建设用地安全利用", target_text="有效保障", binding="binding")
    assert warn(indicator, [ob(2021, 90), ob(2022, 91)], 2022) == []


def test_collect_lists_binding_first():
    lagging_expected = ind("体育人口占比", base_value=30, target_text="40")
    lagging_binding = ind("森林覆盖率", base_value=20, target_text="26", binding="binding")
    items = []
    for indicator in (lagging_expected, lagging_binding):
        obs = [ob(2021, indicator["base_value"] + 0.2), ob(2022, indicator["base_value"] + 0.4)]
        spec = interpret(indicator)
        items.append((indicator, spec, assess(indicator, spec, obs, 2022), obs))
    ws = collect(items)
    assert ws[0].binding and ws[0].kind == BINDING_LAGGING
    assert ws[-1].indicator["name"] == "体育人口占比"
    assert ws[0].to_dict()["label"] == "约束性指标滞后"


def test_trend_skips_values_on_another_definition():
    # 2023's 76.0 is on its own series: the trend is 2020, 2022, 2024 on the default series.
    # least squares over x = -2, 0, 2 (mean 2022), y = 71.9, 74.5, 74.2 (mean 73.5333):
    # slope = (-2 x -1.6333 + 2 x 0.6667) / 8 = (3.2667 + 1.3333) / 8 = 0.575
    # 2025: 74.2 + 0.575 = 74.775 < 75 -> warning, gap 0.225
    indicator = ind("设区城市空气质量优良天数比例", base_value=71.9, target_text="≥75")
    obs = [ob(2020, 71.9), ob(2022, 74.5), ob(2023, 76.0, series="扣除沙尘"), ob(2024, 74.2)]
    p = project(indicator, interpret(indicator), obs, 2024)
    assert [pt["year"] for pt in p["points"]] == [2020, 2022, 2024]
    assert p["slope"] == pytest.approx(0.575)
    assert p["projected"] == pytest.approx(74.775)
    assert p["reaches"] is False


def test_an_on_track_status_and_an_off_trend_warning_explain_each_other():
    # base 50 (2020) -> 60: expected 2023 = 56; observed 56.2 -> ratio 6.2 / 6 = 1.033 -> 基本符合预期
    # trend 55, 56, 56.2 (2021-2023): slope ((-1)(55 - 55.733) + (1)(56.2 - 55.733)) / 2 = 0.6;
    # 2025: 56.2 + 0.6 x 2 = 57.4 < 60 -> 按近期趋势难以实现目标, with the reason both hold
    indicator = ind("森林覆盖率", base_value=50, target_text="60")
    observations = [ob(2021, 55), ob(2022, 56), ob(2023, 56.2)]
    spec = interpret(indicator)
    a = assess(indicator, spec, observations, 2023)
    assert a.status == "基本符合预期"
    found = [w for w in warnings_for(indicator, spec, a, observations) if w.kind == OFF_TREND]
    assert len(found) == 1
    assert found[0].projection["projected"] == pytest.approx(57.4)
    assert "两者并不矛盾" in found[0].message and "2020年以来的累计进度" in found[0].message
    assert found[0].projection["status_note"] in found[0].message


def test_a_lagging_status_with_an_off_trend_warning_needs_no_reconciling():
    indicator = ind("森林覆盖率", base_value=50, target_text="60")
    observations = [ob(2021, 51), ob(2022, 51.5), ob(2023, 52)]
    spec = interpret(indicator)
    a = assess(indicator, spec, observations, 2023)
    assert a.status == "滞后"
    found = [w for w in warnings_for(indicator, spec, a, observations) if w.kind == OFF_TREND]
    assert found and "两者并不矛盾" not in found[0].message


def test_a_cumulative_fall_observed_as_levels_is_projected_as_levels():
    # 能耗 1.50 (2020), 累计下降13.5% -> must reach 1.50 x 0.865 = 1.2975 by 2025
    # levels 1.46, 1.44, 1.43 (2021-2023): slope -0.015 a year; 2025: 1.43 - 0.03 = 1.40 > 1.2975 -> 难以达到
    indicator = ind("单位地区生产总值能源消耗", unit="吨标准煤/万元", base_value=1.5, annual_growth="累计下降13.5%")
    observations = [ob(2021, 1.46, measure="level"), ob(2022, 1.44, measure="level"), ob(2023, 1.43, measure="level")]
    proj = project(indicator, interpret(indicator), observations, 2023)
    assert proj["target"] == pytest.approx(1.2975)
    assert proj["slope"] == pytest.approx(-0.015)
    assert proj["projected"] == pytest.approx(1.40)
    assert proj["reaches"] is False and "不高于1.3" in proj["message"]


def test_a_rise_in_years_observed_as_levels_is_projected_to_the_base_plus_the_rise():
    # 人均预期寿命 77.3 (2020) 〔1〕 -> 78.3; 77.5, 77.6 (2021-2022): slope 0.1; 2025: 77.6 + 0.3 = 77.9 < 78.3
    indicator = ind("人均预期寿命", unit="岁", base_value=77.3, annual_growth="〔1〕")
    proj = project(indicator, interpret(indicator), [ob(2021, 77.5), ob(2022, 77.6)], 2022)
    assert proj["target"] == pytest.approx(78.3) and proj["projected"] == pytest.approx(77.9)
    assert proj["reaches"] is False
