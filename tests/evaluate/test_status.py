"""Statuses with hand-computed numbers. Each case writes its arithmetic in a comment.

Plan period 2021-2025 throughout; default thresholds (基本符合预期 for 0.90 <= ratio < 1.10,
快于预期 from 1.10, 滞后 below 0.90; 提前实现 when the end target is met before 2025).
"""

import json

import pytest

from plantrack.domain.targets import interpret
from plantrack.evaluate import DEFAULT, Reason, Status, assess


def ind(name, unit="%", base_year=2020, base_value=None, target_text=None, annual_growth=None, binding="expected"):
    return {"name": name, "unit": unit, "base_year": base_year if base_value is not None else None,
            "base_value": base_value, "base_text": None if base_value is None else str(base_value),
            "target_year": 2025, "target_value": None, "target_text": target_text,
            "annual_growth": annual_growth, "binding": binding, "line": 1}


def ob(year, value, **kw):
    return {"year": year, "value": value, "source": kw.pop("source", "统计公报"), **kw}


def run(indicator, observations, year, **kw):
    return assess(indicator, interpret(indicator), observations, year, **kw)


# 1. A target already met -------------------------------------------------------------------------
def test_level_target_already_met_is_met_early():
    # base 20.0 (2020) -> 22 by 2025; observed 22.4 in 2023 >= 22, and 2023 < 2025 -> 提前实现
    a = run(ind("森林覆盖率", base_value=20.0, target_text="22"), [ob(2023, 22.4)], 2023)
    assert a.status == Status.MET_EARLY and a.met is True
    assert a.observed["year"] == 2023 and a.observed["value"] == 22.4
    assert "已达到2025年目标" in a.explanation


# 2. Linear level, on track -----------------------------------------------------------------------
def test_level_linear_on_track():
    # base 11.0 (2020) -> 12.0 (2025): expected 2023 = 11 + (12 - 11) x 3/5 = 11.6
    # achieved 11.55 - 11 = 0.55; expected change 0.6; ratio 0.55 / 0.6 = 0.9167 -> 基本符合预期
    a = run(ind("劳动年龄人口平均受教育年限", unit="年", base_value=11.0, target_text="12"), [ob(2023, 11.55)], 2023)
    assert a.method == "linear"
    assert a.expected == pytest.approx(11.6)
    assert a.ratio == pytest.approx(0.9166667, rel=1e-6)
    assert a.status == Status.ON_TRACK
    assert a.base == {"year": 2020, "value": 11.0, "series": None, "source": "plan"}


# 3. 快于预期 ------------------------------------------------------------------------------------
def test_faster_than_expected():
    # base 20 (2020) -> 70 (2025): expected 2022 = 20 + 50 x 2/5 = 40
    # achieved 45 - 20 = 25; expected change 20; ratio 1.25 >= 1.10 -> 快于预期
    a = run(ind("5G网络用户普及率", base_value=20, target_text="70"), [ob(2021, 30), ob(2022, 45)], 2022)
    assert a.expected == pytest.approx(40)
    assert a.ratio == pytest.approx(1.25)
    assert a.status == Status.AHEAD


# 4. 滞后 ----------------------------------------------------------------------------------------
def test_level_lagging():
    # base 1.5 (2020) -> 4.0: expected 2023 = 1.5 + 2.5 x 3/5 = 3.0
    # achieved 2.2 - 1.5 = 0.7; expected change 1.5; ratio 0.4667 < 0.90 -> 滞后
    a = run(ind("每千人口拥有3岁以下婴幼儿托位数", unit="个", base_value=1.5, target_text="4"), [ob(2023, 2.2)], 2023)
    assert a.expected == pytest.approx(3.0)
    assert a.ratio == pytest.approx(0.4666667, rel=1e-6)
    assert a.status == Status.LAGGING


# 5. Lower is better ------------------------------------------------------------------------------
def test_lower_is_better_level_on_track():
    # PM2.5 (浓度: lower is better) base 50 (2020) -> 40: expected 2022 = 50 - 10 x 2/5 = 46
    # achieved 46.2 - 50 = -3.8; expected change -4; ratio -3.8 / -4 = 0.95 -> 基本符合预期
    indicator = ind("设区城市细颗粒物浓度", unit="微克/立方米", base_value=50, target_text="40")
    a = run(indicator, [ob(2022, 46.2)], 2022)
    assert a.direction == "lower"
    assert a.expected == pytest.approx(46)
    assert a.ratio == pytest.approx(0.95)
    assert a.status == Status.ON_TRACK


def test_lower_is_better_met_early():
    # the same target; 39.5 <= 40 in 2024 -> 提前实现
    indicator = ind("设区城市细颗粒物浓度", unit="微克/立方米", base_value=50, target_text="40")
    assert run(indicator, [ob(2024, 39.5)], 2024).status == Status.MET_EARLY


# 6. Cumulative reduction -------------------------------------------------------------------------
def test_cumulative_reduction_pro_rata():
    # [15] over 2021-2025 (start 2020): expected 2023 = 15 x 3/5 = 9; observed cumulative fall 9
    # ratio 9 / 9 = 1.0 -> 基本符合预期
    indicator = ind("单位地区生产总值能源消耗降低", annual_growth="[15]", binding="binding")
    a = run(indicator, [ob(2023, 9)], 2023)
    assert a.method == "pro_rata"
    assert a.expected == pytest.approx(9)
    assert a.ratio == pytest.approx(1.0)
    assert a.status == Status.ON_TRACK
    assert a.direction == "lower" and a.observed["achieved"] == 9
    assert "累计下降15%" in a.explanation


def test_cumulative_reduction_from_yearly_changes_is_chained():
    # yearly falls 3, 2.5, 2 (2021-2023): cumulative = 1 - 0.97 x 0.975 x 0.98 = 1 - 0.926835 = 7.3165%
    # expected 9 -> ratio 7.3165 / 9 = 0.8129 -> 基本符合预期 (within a fifth of the path, config.on_track_ratio)
    indicator = ind("单位地区生产总值能源消耗降低", annual_growth="[15]")
    obs = [ob(2021, 3, measure="annual_change"), ob(2022, 2.5, measure="annual_change"), ob(2023, 2, measure="annual_change")]
    a = run(indicator, obs, 2023)
    assert a.observed["achieved"] == pytest.approx(7.3165)
    assert a.ratio == pytest.approx(0.8129444, rel=1e-6)
    assert a.status == Status.ON_TRACK
    # falls of 3, 2 and 1.5: 1 - 0.97 x 0.98 x 0.985 = 6.3659%; 6.3659 / 9 = 0.7073 -> 滞后
    slow = [ob(2021, 3, measure="annual_change"), ob(2022, 2, measure="annual_change"), ob(2023, 1.5, measure="annual_change")]
    assert run(indicator, slow, 2023).status == Status.LAGGING


def test_cumulative_reduction_with_a_missing_year_needs_a_person():
    # yearly falls for 2021 and 2023 only: 2022 is missing, the chain cannot be closed
    indicator = ind("单位地区生产总值能源消耗降低", annual_growth="[15]")
    obs = [ob(2021, 3, measure="annual_change"), ob(2023, 2, measure="annual_change")]
    a = run(indicator, obs, 2023)
    assert (a.status, a.reason) == (Status.MANUAL, Reason.MISSING_YEARS)
    assert a.details["missing_years"] == [2022]


def test_cumulative_target_exceeded_early():
    # [15]; cumulative fall 16 observed in 2024 >= 15 -> 提前实现
    indicator = ind("单位地区生产总值能源消耗降低", annual_growth="[15]")
    assert run(indicator, [ob(2024, 16)], 2024).status == Status.MET_EARLY


# 7. Average growth (compound) --------------------------------------------------------------------
def test_average_growth_compound():
    # base 1000 (2020), 6% a year: expected 2023 = 1000 x 1.06^3 = 1191.016
    # achieved 1180 - 1000 = 180; expected change 191.016; ratio 0.94233 -> 基本符合预期
    # implied growth of the LEVEL: (1180/1000)^(1/3) - 1 = 5.672%
    indicator = ind("地区生产总值", unit="亿元", base_value=1000, annual_growth="6")
    a = run(indicator, [ob(2023, 1180)], 2023)
    assert a.method == "compound"
    assert a.expected == pytest.approx(1191.016)
    assert a.ratio == pytest.approx(0.9423294, rel=1e-6)
    assert a.details["implied_annual_growth"] == pytest.approx(5.6721805, rel=1e-6)
    assert a.status == Status.ON_TRACK


def test_observations_in_another_magnitude_are_converted():
    # 1.19 万亿元 = 11900 亿元 against base 10000 and 6%: expected 2023 = 11910.16;
    # ratio (11900 - 10000) / 1910.16 = 0.99468 -> 基本符合预期
    indicator = ind("地区生产总值", unit="亿元", base_value=10000, annual_growth="6")
    a = run(indicator, [ob(2023, 1.19, unit="万亿元")], 2023)
    assert a.observed["value"] == pytest.approx(11900)
    assert a.ratio == pytest.approx(1900 / 1910.16, rel=1e-6)


# 8. Held every year ------------------------------------------------------------------------------
def test_threshold_held_every_year_broken_in_one_year():
    # <5.5 held every year: 2021 5.2 ok, 2022 5.7 > 5.5 broken, 2023 5.3 ok -> held in 2023, the year a
    # mid-term evaluation judges: 基本符合预期, with 2022 named; judged every year (stricter): 滞后
    indicator = ind("城镇调查失业率", base_value=6.0, target_text="<5.5")
    a = run(indicator, [ob(2021, 5.2), ob(2022, 5.7), ob(2023, 5.3)], 2023)
    assert a.method == "threshold_every_year"
    assert a.status == Status.ON_TRACK and a.met is True
    assert a.details["breaches"] == [2022] and a.details["judged_on"] == "latest"
    assert a.expected == 5.5 and a.observed["year"] == 2023
    assert "2022年未达到，2023年已回到目标范围内" in a.explanation
    strict = run(indicator, [ob(2021, 5.2), ob(2022, 5.7), ob(2023, 5.3)], 2023,
                 config=DEFAULT.but(hold_judged_on="every_year"))
    assert strict.status == Status.LAGGING
    # crossed in the latest year: 滞后 either way
    assert run(indicator, [ob(2021, 5.2), ob(2022, 5.7)], 2022).status == Status.LAGGING


def test_not_decrease_is_kept():
    # 不减少 with base 30: 30, 30.2, 30.1 are all >= 30 -> 基本符合预期
    indicator = ind("生态保护红线占国土面积比例", base_value=30, target_text="不减少", binding="binding")
    a = run(indicator, [ob(2021, 30), ob(2022, 30.2), ob(2023, 30.1)], 2023)
    assert a.status == Status.ON_TRACK and a.details["breaches"] == []


# 9. Base from another year -----------------------------------------------------------------------
def test_base_from_2019():
    # base 60.0 in 2019 -> 66 by 2025 (six years): expected 2023 = 60 + 6 x 4/6 = 64.0
    # achieved 63.8 - 60 = 3.8; expected change 4.0; ratio 0.95 -> 基本符合预期
    a = run(ind("常住人口城镇化率", base_year=2019, base_value=60.0, target_text="66"), [ob(2023, 63.8)], 2023)
    assert a.base["year"] == 2019
    assert a.expected == pytest.approx(64.0)
    assert a.ratio == pytest.approx(0.95)
    assert a.status == Status.ON_TRACK


def test_chosen_base_an_observation_of_another_year():
    # chosen base 61.5 (2021) -> 66 (2025): expected 2023 = 61.5 + 4.5 x 2/4 = 63.75
    # achieved 63.8 - 61.5 = 2.3; expected change 2.25; ratio 1.0222 -> 基本符合预期
    indicator = ind("常住人口城镇化率", base_year=2019, base_value=60.0, target_text="66")
    a = run(indicator, [ob(2021, 61.5), ob(2023, 63.8)], 2023, base={"year": 2021, "value": 61.5})
    assert a.base["source"] == "chosen" and a.base["year"] == 2021
    assert a.expected == pytest.approx(63.75)
    assert a.ratio == pytest.approx(2.3 / 2.25)
    assert a.status == Status.ON_TRACK


# 10. Series break --------------------------------------------------------------------------------
SECTIONS = [ob(2020, 70, series="58断面"), ob(2022, 86, series="94断面", flags=["series_break"], note="国考断面由58个调整为94个"),
            ob(2023, 88, series="94断面")]


def test_series_break_blocks_the_plan_base():
    # plan base 70 (2020) is on 58 sections; 2023's 88 is on 94: not comparable -> 需人工评估
    indicator = ind("地表水达到或好于Ⅲ类水体比例", base_value=70, target_text="90")
    a = run(indicator, SECTIONS, 2023)
    assert (a.status, a.reason) == (Status.MANUAL, Reason.SERIES_BREAK)
    assert a.ratio is None and a.base["series"] == "58断面"
    assert a.details["candidate_base"]["year"] == 2022
    assert "口径" in a.explanation


def test_series_break_with_a_base_on_the_new_series():
    # base 86 (2022, 94 sections) -> 90 (2025): expected 2023 = 86 + 4 x 1/3 = 87.333
    # achieved 88 - 86 = 2; expected change 1.333; ratio 1.5 -> 快于预期
    indicator = ind("地表水达到或好于Ⅲ类水体比例", base_value=70, target_text="90")
    a = run(indicator, SECTIONS, 2023, base={"year": 2022, "value": 86, "series": "94断面"})
    assert a.expected == pytest.approx(87.333333, rel=1e-6)
    assert a.ratio == pytest.approx(1.5)
    assert a.status == Status.AHEAD


def test_series_break_flag_without_series_ids():
    # no series ids, but 2022 is flagged as a break: base 2020 vs 2023 crosses it -> 需人工评估
    obs = [ob(2022, 86, flags="series_break"), ob(2023, 88)]
    a = run(ind("地表水达到或好于Ⅲ类水体比例", base_value=70, target_text="90"), obs, 2023)
    assert (a.status, a.reason) == (Status.MANUAL, Reason.SERIES_BREAK)


# 11. Missing base --------------------------------------------------------------------------------
def test_missing_base_needs_a_person():
    # target 80 with no base: 70 in 2023 does not meet 80 and progress has no origin -> 需人工评估
    a = run(ind("制造业增加值占规上工业增加值比重", target_text="80"), [ob(2023, 70)], 2023)
    assert (a.status, a.reason) == (Status.MANUAL, Reason.MISSING_BASE)
    assert a.observed["value"] == 70


def test_missing_base_but_target_met():
    # target >25 with no base: 26 in 2023 already meets it -> 提前实现 (no base needed)
    a = run(ind("全社会劳动力持证率", target_text=">25"), [ob(2023, 26)], 2023)
    assert a.status == Status.MET_EARLY


# 12. Growth-rate indicator -----------------------------------------------------------------------
def test_growth_rate_indicator_compares_average_rate():
    # >7 a year: rates 8, 6, 5 -> geometric average (1.08 x 1.06 x 1.05)^(1/3) - 1
    #   = 1.20204^(1/3) - 1 = 6.326%; ratio 6.326 / 7 = 0.9037 -> 基本符合预期
    # the rates are used as they are: no growth rate is taken of them
    indicator = ind("地区生产总值增长", base_value=3.6, annual_growth=">7")
    a = run(indicator, [ob(2021, 8), ob(2022, 6), ob(2023, 5)], 2023)
    assert a.method == "average_rate"
    assert a.observed["average"] == pytest.approx(6.3260401, rel=1e-6)
    assert a.ratio == pytest.approx(0.9037200, rel=1e-6)
    assert a.expected == 7
    assert a.status == Status.ON_TRACK
    assert "implied_annual_growth" not in a.details


def test_growth_rate_indicator_lagging_with_a_period_average():
    # 研发经费投入增长 20 a year; a published 2021-2023 average of 12 -> ratio 0.6 -> 滞后
    indicator = ind("研发经费投入增长", annual_growth="20")
    a = run(indicator, [ob(2021, 19.3), ob(2023, 12, measure="period_average")], 2023)
    assert a.details["average_method"] == "period_average"
    assert a.ratio == pytest.approx(0.6)
    assert a.status == Status.LAGGING


# 13. Assigned target -----------------------------------------------------------------------------
def test_assigned_target_without_figure_needs_a_person():
    indicator = ind("单位地区生产总值能源消耗降低", annual_growth="完成国家下达目标任务", binding="binding")
    a = run(indicator, [ob(2023, 8)], 2023)
    assert (a.status, a.reason, a.method) == (Status.MANUAL, Reason.ASSIGNED, "manual")
    assert a.observed["value"] == 8  # still shown
    assert "由国家下达" in a.explanation


def test_assigned_target_with_figure_is_assessed():
    # assigned [13.5]: expected 2023 = 13.5 x 3/5 = 8.1; observed 8 -> ratio 0.98765 -> 基本符合预期
    indicator = ind("单位地区生产总值能源消耗降低", annual_growth="完成国家下达目标任务")
    spec = interpret(indicator, assigned="[13.5]")
    a = assess(indicator, spec, [ob(2023, 8)], 2023)
    assert a.expected == pytest.approx(8.1)
    assert a.ratio == pytest.approx(8 / 8.1)
    assert a.status == Status.ON_TRACK


def test_qualitative_needs_a_person():
    a = run(ind("重点建设用地安全利用", target_text="有效保障"), [], 2023)
    assert (a.status, a.reason) == (Status.MANUAL, Reason.QUALITATIVE)


# 14. No data -------------------------------------------------------------------------------------
def test_no_data():
    a = run(ind("体育人口占比", base_value=36, target_text="40"), [], 2023)
    assert (a.status, a.reason) == (Status.NO_DATA, Reason.NO_OBSERVATION)
    assert a.observed is None and a.ratio is None


def test_only_the_base_year_observed_is_no_data():
    # an observation of the base year itself says nothing about progress since it
    a = run(ind("森林覆盖率", base_value=23.5, target_text="26"), [ob(2019, 23.18), ob(2020, 23.18)], 2023)
    assert a.status == Status.NO_DATA
    assert a.details["latest_before"]["year"] == 2020


# 15. Partial-year value --------------------------------------------------------------------------
PM25 = ind("设区城市细颗粒物浓度", unit="微克/立方米", base_value=45, target_text="38")
PM25_OBS = [ob(2023, 40), ob(2024, 37, flags=["partial_year"], note="1-10月累计")]


def test_partial_year_value_is_shown_not_used_by_default():
    # status on the 2023 full-year value: expected 2023 = 45 - 7 x 3/5 = 40.8
    # achieved 40 - 45 = -5; expected change -4.2; ratio 1.1905 -> 快于预期; 2024's 37 is shown, flagged
    a = run(PM25, PM25_OBS, 2024)
    assert a.observed["year"] == 2023 and a.expected == pytest.approx(40.8)
    assert a.ratio == pytest.approx(5 / 4.2)
    assert a.status == Status.AHEAD
    assert a.provisional["value"] == 37 and a.provisional["flags"] == ["partial_year"]
    assert "provisional_partial_year" in a.flags and "stale" in a.flags
    assert "非全年数据" in a.explanation


def test_partial_year_value_used_when_configured():
    # use_latest: 37 <= 38 in 2024 -> 提前实现, flagged partial_year
    a = run(PM25, PM25_OBS, 2024, config=DEFAULT.but(partial_year="use_latest"))
    assert a.observed["year"] == 2024 and a.status == Status.MET_EARLY
    assert "partial_year" in a.flags and "仅供参考" in a.explanation


# Other kinds --------------------------------------------------------------------------------------
def test_about_target_within_its_band_is_met():
    # 5个左右 -> band 4.75..5.25; 4.8 in 2023 is inside -> 提前实现
    a = run(ind("国家A类学科", unit="个", base_value=0, target_text="5个左右"), [ob(2023, 4.8)], 2023)
    assert a.status == Status.MET_EARLY


def test_range_target_walks_to_its_near_bound():
    # 6-9, higher better: path to 6 from base 3: expected 2023 = 3 + 3 x 3/5 = 4.8
    # achieved 2 / expected 1.8 = 1.111 -> 快于预期
    a = run(ind("非化石能源占一次能源消费比重", base_value=3, target_text="6-9"), [ob(2023, 5)], 2023)
    assert a.expected == pytest.approx(4.8) and a.ratio == pytest.approx(2 / 1.8)
    assert a.status == Status.AHEAD


def test_at_least_by_the_end_follows_the_path():
    # >10000 from 5400: expected 2023 = 5400 + 4600 x 3/5 = 8160; ratio 2600 / 2760 = 0.942 -> 基本符合预期
    a = run(ind("规上工业企业数量", unit="户", base_value=5400, target_text=">10000"), [ob(2023, 8000)], 2023)
    assert a.expected == pytest.approx(8160) and a.ratio == pytest.approx(2600 / 2760)
    assert a.status == Status.ON_TRACK


def test_target_below_base_is_a_level_to_keep():
    # capacity 282 in 2020, target 270: already met at the base; 275 in 2023 keeps it -> 基本符合预期
    # (a level kept is never 提前实现), 265 loses it -> 滞后
    indicator = ind("粮食综合生产能力", unit="万吨", base_value=282, target_text="270", binding="binding")
    kept = run(indicator, [ob(2023, 275)], 2023)
    lost = run(indicator, [ob(2023, 265)], 2023)
    assert (kept.method, kept.status) == ("threshold_hold", Status.ON_TRACK)
    assert lost.status == Status.LAGGING


def test_directional_target():
    # 明显提高 from 69 (2020): 72 in 2023 is higher -> 基本符合预期
    a = run(ind("水土流失治理率", base_value=69, target_text="明显提高"), [ob(2023, 72)], 2023)
    assert (a.method, a.status) == ("direction_only", Status.ON_TRACK)
    assert a.details["change"] == pytest.approx(3)


def test_stale_observation_is_compared_at_its_own_year():
    # base 11.0 -> 12.0; latest is 2022's 11.4: expected 2022 = 11.4 -> ratio 1.0; flagged stale
    a = run(ind("劳动年龄人口平均受教育年限", unit="年", base_value=11.0, target_text="12"), [ob(2022, 11.4)], 2024)
    assert a.expected_year == 2022 and a.ratio == pytest.approx(1.0)
    assert "stale" in a.flags and "早于评估年2024年" in a.explanation


def test_unconvertible_unit_needs_a_person():
    a = run(ind("人均地区生产总值", unit="万美元", base_value=0.8, target_text="1"), [ob(2023, 7.4, unit="万元")], 2023)
    assert (a.status, a.reason) == (Status.MANUAL, Reason.UNIT_MISMATCH)


def test_mass_units_of_one_dimension_convert():
    # 295.6亿斤 = 295.6 x 1e8 x 0.5 kg = 1478 万吨 (the 公报's 1478.1万吨, rounded in 亿斤)
    a = run(ind("粮食综合生产能力", unit="万吨", base_value=1350, target_text="1365"), [ob(2023, 295.6, unit="亿斤")], 2023)
    assert a.observed["value"] == pytest.approx(1478.0)
    assert a.status == Status.MET_EARLY


def test_stricter_thresholds_change_the_status():
    # the on-track case of test 2 (ratio 0.9167) lags under on_track_ratio 0.95
    indicator = ind("劳动年龄人口平均受教育年限", unit="年", base_value=11.0, target_text="12")
    strict = DEFAULT.but(on_track_ratio=0.95)
    assert run(indicator, [ob(2023, 11.55)], 2023, config=strict).status == Status.LAGGING


def test_assessment_json_form():
    a = run(ind("森林覆盖率", base_value=20.0, target_text="22"), [ob(2023, 21.0, source="林草局")], 2023)
    d = json.loads(json.dumps(a.to_dict(), ensure_ascii=False))
    assert {"indicator", "status", "method", "base", "expected", "observed", "ratio", "explanation"} <= set(d)
    assert d["indicator"]["name"] == "森林覆盖率"
    assert d["observed"]["source"] == "林草局" and d["base"]["year"] == 2020


def test_cumulative_growth_of_a_growth_rate_indicator_chains_its_yearly_rates():
    # 研发经费投入增长 [50] over 2021-2025: yearly rates 10, 10, 10 chain to 1.1^3 - 1 = 33.1%
    # expected 2023 = 50 x 3/5 = 30; ratio 33.1 / 30 = 1.1033 -> 快于预期 (the rates are chained, never
    # turned into a growth rate of a growth rate)
    indicator = ind("研发经费投入增长", annual_growth="[50]")
    a = run(indicator, [ob(2021, 10), ob(2022, 10), ob(2023, 10)], 2023)
    assert a.kind == "cumulative_change"
    assert a.observed["achieved"] == pytest.approx(33.1)
    assert a.ratio == pytest.approx(33.1 / 30)
    assert a.status == Status.AHEAD


def test_directional_target_on_a_rate_indicator():
    # 明显提高 on a growth-rate indicator: 6 (2020) -> 7 (2023) moved up -> 基本符合预期
    a = run(ind("居民人均可支配收入增长", base_value=6, target_text="明显提高"), [ob(2023, 7)], 2023)
    assert (a.method, a.status) == ("direction_only", Status.ON_TRACK)


def test_a_value_on_another_definition_is_not_compared_with_the_base():
    # 优良天数 2023 is "扣除沙尘异常超标天" (its own series); the base year's value is on the default
    # series: 2023 is not comparable -> 需人工评估; 2024 is back on the default series -> assessed:
    # base 71.9 -> 75: expected 2024 = 71.9 + 3.1 x 4/5 = 74.38; ratio (74.2 - 71.9) / 2.48 = 0.9274
    indicator = ind("设区城市空气质量优良天数比例", base_value=71.9, target_text="≥75")
    obs = [ob(2020, 71.9), ob(2022, 74.5), ob(2023, 76.0, series="扣除沙尘", note="扣除沙尘异常超标天"), ob(2024, 74.2)]
    a2023 = run(indicator, obs, 2023)
    assert (a2023.status, a2023.reason) == (Status.MANUAL, Reason.SERIES_BREAK)
    a2024 = run(indicator, obs, 2024)
    assert a2024.expected == pytest.approx(74.38)
    assert a2024.ratio == pytest.approx(2.3 / 2.48)
    assert a2024.status == Status.ON_TRACK
