"""Thresholds and methods are configured in one place, and bad settings are refused."""

import pytest

from plantrack.domain.targets import interpret
from plantrack.evaluate import DEFAULT, EvalConfig, Status, assess, classify


def test_defaults():
    assert (DEFAULT.ahead_ratio, DEFAULT.on_track_ratio) == (1.10, 0.90)
    assert (DEFAULT.level_path, DEFAULT.cumulative_path, DEFAULT.rate_average) == ("linear", "pro_rata", "geometric")


@pytest.mark.parametrize("ratio, status", [
    (1.10, Status.AHEAD), (1.0999, Status.ON_TRACK), (0.90, Status.ON_TRACK), (0.8999, Status.LAGGING),
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
    # base 100 -> 200 by 2025, compound path: 100 x 2^(3/5) = 151.572 in 2023; observed 150
    # ratio (150 - 100) / 51.572 = 0.9695 -> 基本符合预期 (linear would expect 160: ratio 0.833, 滞后)
    indicator = {"name": "技术合同交易额", "unit": "亿元", "base_year": 2020, "base_value": 100,
                 "target_year": 2025, "target_text": "200", "annual_growth": None, "line": 1}
    spec = interpret(indicator)
    a = assess(indicator, spec, [{"year": 2023, "value": 150}], 2023, config=DEFAULT.but(level_path="compound"))
    assert a.method == "compound"
    assert a.expected == pytest.approx(100 * 2 ** 0.6)
    assert a.status == Status.ON_TRACK
    assert assess(indicator, spec, [{"year": 2023, "value": 150}], 2023).status == Status.LAGGING
