"""Target kinds an evaluator judges from the numbers in minutes, judged here with the numbers too.

Each case writes its arithmetic in a comment. Plan period 2021-2025, base year 2020; default
thresholds (基本符合预期 for 0.90 <= ratio < 1.10, 快于预期 from 1.10, 滞后 below 0.90); 基本同步
within 1 percentage point (config.in_step_tolerance). Every assessment still carries method, base,
expected, observed and ratio.
"""

import pytest

from plantrack.domain.targets import interpret
from plantrack.evaluate import DEFAULT, Reason, Status, assess
from plantrack.evaluate.config import COMPOUND_SHARE


def ind(name, unit="%", base_value=None, target_text=None, annual_growth=None):
    return {"name": name, "unit": unit, "base_year": 2020 if base_value is not None else None,
            "base_value": base_value, "target_year": 2025, "target_value": None, "target_text": target_text,
            "annual_growth": annual_growth, "binding": "expected", "line": 1}


def ob(year, value, **kw):
    return {"year": year, "value": value, "source": "统计公报", **kw}


def run(indicator, observations, year, prose=None, **kw):
    return assess(indicator, interpret(indicator, prose=prose), observations, year, **kw)


def has_numbers(a):
    d = a.to_dict()
    return {"method", "base", "expected", "observed", "ratio"} <= set(d) and a.method is not None


# 1. Cumulative targets whose observations are yearly rates ---------------------------------------
ENERGY = ind("单位地区生产总值能源消耗降低", annual_growth="[13.5]")
YEARLY = [ob(2021, 2.7, measure="annual_change"), ob(2022, 3.0, measure="annual_change")]


def test_yearly_falls_are_chained_and_compared_with_the_pro_rata_share():
    # chained fall 2021-2022: 1 - 0.973 x 0.970 = 1 - 0.94381 = 5.619%
    # pro rata due by 2022: 13.5 x 2/5 = 5.4; ratio 5.619 / 5.4 = 1.0406 -> 基本符合预期
    a = run(ENERGY, YEARLY, 2022)
    assert a.method == "pro_rata" and has_numbers(a)
    assert a.observed["achieved"] == pytest.approx(5.619)
    assert a.expected == pytest.approx(5.4)
    assert a.ratio == pytest.approx(1.040556, rel=1e-5)
    assert a.status == Status.ON_TRACK


def test_yearly_falls_against_the_compound_share_of_a_cumulative_fall():
    # compound share due by 2022: 1 - (1 - 0.135)^(2/5) = 1 - 0.943640 = 5.6360%
    # ratio 5.619 / 5.6360 = 0.99699 -> 基本符合预期
    a = run(ENERGY, YEARLY, 2022, config=DEFAULT.but(cumulative_path=COMPOUND_SHARE))
    assert a.method == "compound_share"
    assert a.expected == pytest.approx(5.63600, rel=1e-5)
    assert a.ratio == pytest.approx(0.996985, rel=1e-4)
    assert a.status == Status.ON_TRACK


def test_slow_yearly_falls_lag_the_cumulative_target():
    # 1.0 and 1.2: 1 - 0.990 x 0.988 = 2.188%; due 5.4; ratio 0.4052 -> 滞后
    a = run(ENERGY, [ob(2021, 1.0, measure="annual_change"), ob(2022, 1.2, measure="annual_change")], 2022)
    assert a.observed["achieved"] == pytest.approx(2.188)
    assert a.ratio == pytest.approx(0.405185, rel=1e-5)
    assert a.status == Status.LAGGING


def test_a_cumulative_fall_observed_as_levels_is_counted_from_the_base_in_percent():
    # 能耗 1.50 吨标准煤/万元 (2020) -> 1.40 (2022): fall (1.50 - 1.40) / 1.50 = 6.667%
    # due by 2022: 13.5 x 2/5 = 5.4; ratio 6.667 / 5.4 = 1.2346 -> 快于预期
    indicator = ind("单位地区生产总值能源消耗", unit="吨标准煤/万元", base_value=1.5, annual_growth="累计下降13.5%")
    a = run(indicator, [ob(2022, 1.40, measure="level")], 2022)
    assert a.base["value"] == 1.5 and has_numbers(a)
    assert a.observed["achieved"] == pytest.approx(6.6667, rel=1e-4)
    assert a.ratio == pytest.approx(1.234568, rel=1e-5)
    assert a.status == Status.AHEAD


def test_a_level_without_measure_is_still_a_level_when_the_target_is_a_percent_of_it():
    indicator = ind("单位地区生产总值能源消耗", unit="吨标准煤/万元", base_value=1.5, annual_growth="累计下降13.5%")
    assert run(indicator, [ob(2022, 1.40)], 2022).observed["achieved"] == pytest.approx(6.6667, rel=1e-4)


def test_a_cumulative_fall_observed_as_levels_without_a_base_needs_one():
    indicator = ind("单位地区生产总值能源消耗", unit="吨标准煤/万元", annual_growth="累计下降13.5%")
    a = run(indicator, [ob(2022, 1.40, measure="level")], 2022)
    assert a.status == Status.MANUAL and a.reason == Reason.MISSING_BASE


# 2. Targets relative to another indicator -------------------------------------------------------
GDP = [ob(2021, 7.0), ob(2022, 5.0)]  # reference: GDP growth; geometric average sqrt(1.07 x 1.05) - 1 = 5.9953%


def test_income_growth_above_gdp_growth_compares_averages_over_the_same_years():
    # own 8.0, 6.0: sqrt(1.08 x 1.06) - 1 = 6.9953%; GDP 5.9953%; 6.9953 > 5.9953 -> 基本符合预期
    a = run(ind("居民人均可支配收入增长", annual_growth="高于GDP增长"), [ob(2021, 8.0), ob(2022, 6.0)], 2022,
            reference=GDP)
    assert (a.kind, a.method) == ("relative", "relative") and has_numbers(a)
    assert a.observed["average"] == pytest.approx(6.99535, rel=1e-5)
    assert a.expected == pytest.approx(5.99528, rel=1e-5)
    assert a.ratio == pytest.approx(6.99535 / 5.99528, rel=1e-5)
    assert a.details["years"] == [2021, 2022]
    assert a.status == Status.ON_TRACK and a.met is True


def test_income_growth_below_gdp_growth_lags():
    # own 6.0, 4.0: sqrt(1.06 x 1.04) - 1 = 4.9952% < 5.9953% -> 滞后
    a = run(ind("居民人均可支配收入增长", annual_growth="高于GDP增长"), [ob(2021, 6.0), ob(2022, 4.0)], 2022,
            reference=GDP)
    assert a.observed["average"] == pytest.approx(4.99524, rel=1e-5)
    assert a.status == Status.LAGGING and a.met is False


@pytest.mark.parametrize("own, status", [
    ((7.5, 5.5), Status.ON_TRACK),   # sqrt(1.075 x 1.055) - 1 = 6.4953%; gap 0.50 <= 1 -> 基本同步
    ((9.5, 7.5), Status.AHEAD),      # sqrt(1.095 x 1.075) - 1 = 8.4952%; gap 2.50 > 1 -> 快于预期
    ((5.5, 3.5), Status.LAGGING),    # sqrt(1.055 x 1.035) - 1 = 4.4951%; gap -1.50 < -1 -> 滞后
])
def test_in_step_with_the_economy_within_the_stated_tolerance(own, status):
    a = run(ind("居民人均可支配收入增长", annual_growth="与经济增长基本同步"), [ob(2021, own[0]), ob(2022, own[1])],
            2022, reference=GDP)
    assert a.details["tolerance"] == DEFAULT.in_step_tolerance == 1.0
    assert a.status == status


def test_only_years_both_series_have_are_compared():
    # own 2021-2023, GDP 2021-2022: 2023 is left out of both averages
    a = run(ind("居民人均可支配收入增长", annual_growth="高于GDP增长"),
            [ob(2021, 8.0), ob(2022, 6.0), ob(2023, 1.0)], 2023, reference=GDP)
    assert a.details["years"] == [2021, 2022]
    assert a.observed["average"] == pytest.approx(6.99535, rel=1e-5)


def test_a_level_faster_than_the_national_average_compares_the_latest_common_year():
    # 城镇化率 高于全国平均: 2022 own 63.96 vs national 65.22 -> 滞后
    a = run(ind("常住人口城镇化率", base_value=62.53, target_text="高于全国平均水平"),
            [ob(2021, 63.42), ob(2022, 63.96)], 2022, reference=[ob(2021, 64.72), ob(2022, 65.22)])
    assert a.details["reference"] == "national_average"
    assert a.expected == 65.22 and a.observed["value"] == 63.96
    assert a.status == Status.LAGGING


def test_a_relative_target_without_the_reference_series_shows_its_numbers_for_a_person():
    a = run(ind("居民人均可支配收入增长", annual_growth="快于全国平均"), [ob(2022, 6.0)], 2022)
    assert a.status == Status.MANUAL and a.reason == Reason.NO_REFERENCE
    assert a.observed["value"] == 6.0 and "全国平均水平" in a.explanation


# 3. Average growth written as thresholds ------------------------------------------------------------
@pytest.mark.parametrize("text", ["＞7", "7%以上", ">7"])
def test_growth_rate_thresholds_compare_the_geometric_average(text):
    # 8.5, 7.5: sqrt(1.085 x 1.075) = sqrt(1.166375) - 1 = 7.99884%; ratio 7.99884 / 7 = 1.1427 -> 快于预期
    a = run(ind("地区生产总值增长", annual_growth=text), [ob(2021, 8.5), ob(2022, 7.5)], 2022)
    assert a.method == "average_rate" and has_numbers(a)
    assert a.observed["average"] == pytest.approx(7.99884, rel=1e-5)
    assert a.ratio == pytest.approx(7.99884 / 7, rel=1e-5)
    assert a.status == Status.AHEAD


def test_average_growth_about_written_in_words():
    # 年均增长7%左右 on a growth rate: 6.0, 5.0 -> sqrt(1.06 x 1.05) - 1 = 5.4988%; 5.4988 / 7 = 0.7855 -> 滞后
    a = run(ind("地区生产总值增长", annual_growth="年均增长7%左右"), [ob(2021, 6.0), ob(2022, 5.0)], 2022)
    assert a.kind == "about" and a.method == "average_rate"
    assert a.ratio == pytest.approx(0.785546, rel=1e-5)
    assert a.status == Status.LAGGING


def test_average_growth_in_words_on_a_level_compounds_from_the_base():
    # 地区生产总值 17000 亿元 (2020), 年均增长6%左右 in the target column: due 2022 = 17000 x 1.06^2 = 19101.2
    # observed 19500: ratio (19500 - 17000) / (19101.2 - 17000) = 1.1898 -> 快于预期
    a = run(ind("地区生产总值", unit="亿元", base_value=17000, target_text="年均增长6%左右"), [ob(2022, 19500)], 2022)
    assert (a.kind, a.method) == ("average_growth", "compound")
    assert a.expected == pytest.approx(19101.2)
    assert a.ratio == pytest.approx(2500 / 2101.2, rel=1e-6)


# 4. Increases stated as differences ----------------------------------------------------------------
@pytest.mark.parametrize("column, text", [("target_text", "提高1岁"), ("annual_growth", "[1]")])
def test_life_expectancy_raised_by_one_year_is_counted_from_the_base(column, text):
    # base 77.0 (2020), +1 by 2025: due 2022 = 1 x 2/5 = 0.4; observed 77.5 -> 0.5; ratio 1.25 -> 快于预期
    indicator = ind("人均预期寿命", unit="岁", base_value=77.0, **{column: text})
    a = run(indicator, [ob(2022, 77.5)], 2022)
    assert a.kind == "cumulative_change" and has_numbers(a)
    assert a.base["value"] == 77.0
    assert a.observed["achieved"] == pytest.approx(0.5)
    assert a.expected == pytest.approx(0.4)
    assert a.status == Status.AHEAD
    # 77.3 in 2023: 0.3 of 0.6 due -> 0.5 -> 滞后; 78.1 in 2024: +1.1 >= 1 -> 提前实现 (a level reached early)
    assert run(indicator, [ob(2023, 77.3)], 2023).status == Status.LAGGING
    assert run(indicator, [ob(2024, 78.1)], 2024).status == Status.MET_EARLY


def test_a_rise_in_percentage_points_is_counted_from_the_base():
    # 城镇化率 62.5 (2020) 提高5个百分点: due 2022 = 5 x 2/5 = 2; observed 64.5 -> 2; ratio 1.0 -> 基本符合预期
    a = run(ind("常住人口城镇化率", base_value=62.5, annual_growth="提高5个百分点"), [ob(2022, 64.5)], 2022)
    assert a.expected == pytest.approx(2.0) and a.ratio == pytest.approx(1.0)
    assert a.status == Status.ON_TRACK


# 5. Floors and ceilings to hold ------------------------------------------------------------------
GRAIN = ind("粮食综合生产能力", unit="亿吨", target_text="保持在6.5亿吨以上")


def test_a_floor_held_is_on_track_never_met_early():
    a = run(GRAIN, [ob(2021, 6.8), ob(2022, 6.9)], 2022)
    assert a.method == "threshold_every_year" and has_numbers(a)
    assert a.expected == 6.5 and a.status == Status.ON_TRACK


def test_a_floor_breached_lags():
    a = run(GRAIN, [ob(2021, 6.8), ob(2022, 6.9), ob(2023, 6.4)], 2023)
    assert a.status == Status.LAGGING and a.details["breaches"] == [2023]


def test_a_ceiling_to_hold_breached_lags():
    a = run(ind("城镇调查失业率", base_value=5.2, target_text="控制在5.5%以内"), [ob(2021, 5.2), ob(2022, 5.6)], 2022)
    assert a.status == Status.LAGGING and a.details["breaches"] == [2022]


def test_a_bare_threshold_is_a_floor_to_hold_when_the_plans_prose_says_so():
    table = ind("粮食综合生产能力", unit="亿吨", target_text="＞6.5")
    held = run(table, [ob(2022, 6.9)], 2022, prose="到2025年，粮食综合生产能力保持在6.5亿吨以上")
    assert (held.method, held.status) == ("threshold_every_year", Status.ON_TRACK)
    reached = run(table, [ob(2022, 6.9)], 2022, prose="粮食综合生产能力达到6.5亿吨以上")
    assert reached.status == Status.MET_EARLY


def test_a_target_the_base_already_met_is_kept_not_met_early():
    # 282 (2020) already meets 270: 275 in 2023 keeps it -> 基本符合预期; 265 loses it -> 滞后
    indicator = ind("粮食综合生产能力", unit="万吨", base_value=282, target_text="270")
    kept = run(indicator, [ob(2023, 275)], 2023)
    assert (kept.method, kept.status) == ("threshold_hold", Status.ON_TRACK)
    assert run(indicator, [ob(2023, 265)], 2023).status == Status.LAGGING


# 6. Targets set year by year -----------------------------------------------------------------------
def test_a_target_set_year_by_year_shows_the_observed_numbers_for_a_person():
    a = run(ind("地区生产总值增长", annual_growth="保持在合理区间、各年度视情提出"),
            [ob(2021, 9.1), ob(2022, 4.4), ob(2023, 5.0)], 2023)
    assert (a.kind, a.method, a.status, a.reason) == ("annual", "annual_target", Status.MANUAL, Reason.ANNUAL_TARGET)
    assert a.details["observed_series"] == [{"year": 2021, "value": 9.1}, {"year": 2022, "value": 4.4},
                                            {"year": 2023, "value": 5.0}]
    assert a.observed["value"] == 5.0
    assert "2021年9.1%" in a.explanation and "年度目标尚未录入" in a.explanation


# 7. A plan without a base value, and an observation of its base year ------------------------------
def test_without_a_plan_base_an_observation_of_the_year_before_the_period_is_the_base():
    # no base in the plan; 2019 observed 51.24 (the previous plan's review table); target 58 in 2025
    # path 2019 -> 2025: due 2023 = 51.24 + 6.76 x 4/6 = 55.7467; achieved 52.53 - 51.24 = 1.29
    # ratio 1.29 / 4.5067 = 0.2862 -> 滞后, with the base's origin said and flagged
    indicator = ind("常住人口城镇化率", target_text="58")
    a = run(indicator, [ob(2019, 51.24), ob(2023, 52.53)], 2023)
    assert a.base == {"year": 2019, "value": 51.24, "series": None, "source": "observation"}
    assert a.expected == pytest.approx(55.746667, rel=1e-6)
    assert a.ratio == pytest.approx(1.29 / 4.506667, rel=1e-5)
    assert a.status == Status.LAGGING and "base_from_observation" in a.flags
    assert "规划未列基期值，以2019年观测值51.24%为基期" in a.explanation


def test_an_observation_older_than_the_allowed_years_is_not_a_base():
    a = run(ind("常住人口城镇化率", target_text="58"), [ob(2018, 50.0), ob(2023, 52.53)], 2023)
    assert a.status == Status.MANUAL and a.reason == Reason.MISSING_BASE
    assert "缺少基期值" in a.explanation
