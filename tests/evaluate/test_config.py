"""Thresholds and methods are configured in one place, and bad settings are refused."""

import pytest

from plantrack.domain.targets import interpret
from plantrack.evaluate import DEFAULT, EvalConfig, Status, assess, classify


def test_defaults():
    assert (DEFAULT.ahead_ratio, DEFAULT.on_track_ratio) == (1.10, 0.80)
    assert (DEFAULT.level_path, DEFAULT.cumulative_path, DEFAULT.rate_average) == ("linear", "pro_rata", "geometric")


@pytest.mark.parametrize("ratio, status", [
    (1.10, Status.AHEAD), (1.0999, Status.ON_TRACK), (0.80, Status.ON_TRACK), (0.7999, Status.LAGGING),
    (-0.2, Status.LAGGING),
])
def test_classify_band_edges(ratio, status):
    assert classify(ratio, DEFAULT) == status


def test_from_mapping_overrides_and_coerces():
    cfg = EvalConfig.from_mapping({"ahead_ratio": "1.2", "trend_points": "4", "level_path": "compound"})
    assert (cfg.ahead_ratio, cfg.trend_points, cfg.level_path) == (1.2, 4, "compound")


def test_from_env():
    cfg = EvalConfig.from_env({"PLANTRACK_EVAL_ON_TRACK_RATIO": "0.95", "OTHER": "x"})
    assert cfg.on_track_ratio == 0.95


@pytest.mark.parametrize("bad", [{"ahead": 1.2}, {"on_track_ratio": 1.5}, {"level_path": "spline"},
                                 {"trend_min_points": 1}, {"ahead_ratio": "fast"}])
def test_bad_settings_are_refused(bad):
    with pytest.raises(ValueError):
        EvalConfig.from_mapping(bad)


def test_compound_level_path():
    # base 100 -> 200 by 2025, compound path: 100 x 2^(3/5) = 151.572 in 2023; observed 145
    # ratio (145 - 100) / 51.572 = 0.8726 -> 基本符合预期 (linear would expect 160: ratio 0.75, 滞后)
    indicator = {"name": "技术合同交易额", "unit": "亿元", "base_year": 2020, "base_value": 100,
                 "target_year": 2025, "target_text": "200", "annual_growth": None, "line": 1}
    spec = interpret(indicator)
    a = assess(indicator, spec, [{"year": 2023, "value": 145}], 2023, config=DEFAULT.but(level_path="compound"))
    assert a.method == "compound"
    assert a.expected == pytest.approx(100 * 2 ** 0.6)
    assert a.status == Status.ON_TRACK
    assert assess(indicator, spec, [{"year": 2023, "value": 145}], 2023).status == Status.LAGGING


def test_the_new_tolerances_have_stated_defaults_and_are_validated():
    assert (DEFAULT.in_step_tolerance, DEFAULT.base_from_observation_years, DEFAULT.default_year_min_share) == (1.0, 1, 0.5)
    cfg = EvalConfig.from_env({"PLANTRACK_EVAL_IN_STEP_TOLERANCE": "0.5", "PLANTRACK_EVAL_BASE_FROM_OBSERVATION_YEARS": "0"})
    assert (cfg.in_step_tolerance, cfg.base_from_observation_years) == (0.5, 0)
    for bad in ({"in_step_tolerance": "-1"}, {"base_from_observation_years": "-1"}, {"default_year_min_share": "0"}):
        with pytest.raises(ValueError):
            EvalConfig.from_mapping(bad)


def test_a_tighter_in_step_tolerance_changes_the_status():
    # income 7.5, 5.5 -> 6.4953%; GDP 7.0, 5.0 -> 5.9953%; gap 0.50: in step within 1, ahead beyond 0.4
    indicator = {"name": "居民人均可支配收入增长", "unit": "%", "annual_growth": "与经济增长基本同步"}
    own = [{"year": 2021, "value": 7.5}, {"year": 2022, "value": 5.5}]
    gdp = [{"year": 2021, "value": 7.0}, {"year": 2022, "value": 5.0}]
    spec = interpret(indicator)
    assert assess(indicator, spec, own, 2022, reference=gdp).status == Status.ON_TRACK
    tight = DEFAULT.but(in_step_tolerance=0.4)
    assert assess(indicator, spec, own, 2022, reference=gdp, config=tight).status == Status.AHEAD


def test_how_a_threshold_to_hold_is_judged_is_a_checked_choice():
    import pytest

    from plantrack.evaluate.config import EvalConfig

    assert EvalConfig().hold_judged_on == "latest"
    assert EvalConfig.from_mapping({"hold_judged_on": "every_year"}).hold_judged_on == "every_year"
    with pytest.raises(ValueError, match="hold_judged_on"):
        EvalConfig(hold_judged_on="sometimes")
