"""Target texts and growth columns become TargetSpecs: one case per way plans word a target.

Wording follows the corpus (../shared/corpus); the figures are our own.
"""

import pytest

from plantrack.domain.targets import interpret, is_growth_rate, read_target_text


def ind(name, unit="%", base_year=2020, base_value=None, target_text=None, annual_growth=None, **kw):
    """A contract indicator object with the fields interpret reads."""
    return {"name": name, "unit": unit, "base_year": base_year if base_value is not None else None,
            "base_value": base_value, "target_year": 2025, "target_text": target_text,
            "target_value": kw.pop("target_value", None), "annual_growth": annual_growth,
            "binding": kw.pop("binding", "expected"), "line": 1, **kw}


CASES = [
    # (id, indicator, expected attributes)
    ("level", ind("森林覆盖率", base_value=20.1, target_text="24.6"),
     dict(kind="level", value=24.6, direction="higher", held="end", observed_as="level")),
    ("level with an aside", ind("战略性新兴产业增加值占地区生产总值比重", base_value=8, target_text="15,力争达到全国平均水平"),
     dict(kind="level", value=15, direction="higher")),
    ("level with a unit", ind("旅游公路建成里程", unit="公里", target_text="1800公里"),
     dict(kind="level", value=1800)),
    ("level of a death rate is a ceiling direction", ind("亿元地区生产总值生产安全事故死亡率", unit="人/亿元", base_value=0.04, target_text="0.035"),
     dict(kind="level", value=0.035, direction="lower")),
    ("at_least by the end", ind("规上工业企业数量", unit="户", base_value=3000, target_text=">4500"),
     dict(kind="at_least", value=4500, held="end", direction="higher")),
    ("at_least already met is kept every year", ind("基本养老保险参保率", base_value=97, target_text="96以上"),
     dict(kind="at_least", value=96, held="every_year")),
    ("at_least with words", ind("二级甲等综合性医院", unit="家", target_text="至少有2家"),
     dict(kind="at_least", value=2)),
    ("at_least 不低于 with a unit", ind("中小河流防洪标准", unit="年一遇", target_text="不低于30年一遇"),
     dict(kind="at_least", value=30)),
    ("at_most unemployment held every year", ind("城镇调查失业率", base_value=5.6, target_text="<5"),
     dict(kind="at_most", value=5, held="every_year", direction="lower")),
    ("at_most ≤ on a controlled rate", ind("森林草原火灾受害控制率", unit="‰", target_text="≤0.8"),
     dict(kind="at_most", value=0.8, held="every_year", direction="lower")),
    ("控制在…以下 in the growth column is a ceiling", ind("煤矿百万吨死亡率", unit="人", annual_growth="控制在0.05以下"),
     dict(kind="at_most", value=0.05, held="every_year", direction="lower")),
    ("about", ind("国家A类学科", unit="个", base_value=1, target_text="4个左右"),
     dict(kind="about", value=4, low=pytest.approx(3.8), high=pytest.approx(4.2), tolerance=0.05)),
    ("range", ind("非化石能源占一次能源消费比重", base_value=4, target_text="6-9"),
     dict(kind="range", low=6, high=9, direction="higher")),
    ("range with a long dash and unit", ind("中小河流防洪标准（乡镇）", unit="年一遇", target_text="20—50年一遇"),
     dict(kind="range", low=20, high=50)),
    ("average growth about", ind("地区生产总值", unit="亿元", base_value=1500, annual_growth="7左右"),
     dict(kind="average_growth", value=7, qualifier="about", rate=False)),
    ("average growth plain", ind("城镇居民人均可支配收入", unit="元", base_value=30000, annual_growth="6"),
     dict(kind="average_growth", value=6, qualifier="exact")),
    ("growth-rate indicator >x", ind("地区生产总值增长", base_value=3.1, annual_growth=">7"),
     dict(kind="at_least", value=7, held="average", rate=True, observed_as="rate")),
    ("growth-rate indicator plain", ind("研发经费投入增长", annual_growth="15"),
     dict(kind="level", value=15, held="average", rate=True)),
    ("growth-rate indicator about", ind("城镇居民人均可支配收入增长", annual_growth="6.5左右"),
     dict(kind="about", value=6.5, held="average", rate=True)),
    ("growth-rate name with parentheses", ind("地区生产总值（GDP）增长率", annual_growth="9"),
     dict(kind="level", value=9, rate=True, observed_as="rate")),
    ("cumulative reduction [15]", ind("单位地区生产总值能源消耗降低", annual_growth="[14]", binding="binding"),
     dict(kind="cumulative_change", value=14, reduction=True, direction="lower", better="higher",
          change=-14, observed_as="change", qualifier="exact")),
    ("cumulative reduction in words", ind("万元地区生产总值用水量", unit="%", target_text="累计下降12"),
     dict(kind="cumulative_change", value=12, reduction=True, direction="lower", change=-12)),
    ("cumulative [≥x] of a pollutant is a fall", ind("二氧化硫", unit="万吨", annual_growth="[≥18]"),
     dict(kind="cumulative_change", value=18, qualifier="at_least", direction="lower", change=-18)),
    ("cumulative about", ind("全省细颗粒物(PM2.5)浓度下降", annual_growth="[12]左右"),
     dict(kind="cumulative_change", value=12, qualifier="about", reduction=True)),
    ("signed cumulative change of a share", ind("劣V类水体比例", base_value=20, annual_growth="[-20]"),
     dict(kind="cumulative_change", value=-20, direction="lower", better="lower", observed_as="level")),
    ("cumulative flow", ind("城镇新增就业人数", unit="万人", annual_growth="[150]"),
     dict(kind="cumulative_change", value=150, direction="higher", observed_as="change")),
    ("reduction figure in the target column is over the period", ind("氮氧化物排放总量减少", target_text="12"),
     dict(kind="cumulative_change", value=12, reduction=True, qualifier="exact")),
    ("reduction figure in the growth column is per year", ind("单位地区生产总值能源消耗降低", annual_growth="3"),
     dict(kind="level", value=3, held="average", observed_as="rate", reduction=True, better="higher")),
    ("assigned national", ind("地表水达到或好于Ⅲ类水体比例", base_value=70, target_text="完成国家下达指标"),
     dict(kind="assigned", assigned_by="national", direction="higher")),
    ("assigned provincial in the growth column", ind("单位GDP能源消耗降低", annual_growth="完成省下达目标任务"),
     dict(kind="assigned", assigned_by="provincial", direction="lower")),
    ("assigned 完成省下任务", ind("数字经济核心产业增加值占GDP比重", target_text="完成省下任务"),
     dict(kind="assigned", assigned_by="provincial")),
    ("qualitative 有效保障", ind("重点建设用地安全利用", target_text="有效保障"), dict(kind="qualitative")),
    ("qualitative 基本消除", ind("重污染天气", unit=None, target_text="基本消除"), dict(kind="qualitative")),
    ("relative 与GDP目标增速保持一致", ind("城镇居民人均可支配收入增长率", annual_growth="与GDP目标增速保持一致"),
     dict(kind="relative", reference="economic_growth_target", relation="in_step", observed_as="rate")),
    ("relative 高于GDP增长", ind("居民人均可支配收入增长", annual_growth="高于GDP增长"),
     dict(kind="relative", reference="economic_growth", relation="above")),
    ("relative 与经济增长基本同步", ind("居民人均可支配收入增长", annual_growth="与经济增长基本同步"),
     dict(kind="relative", reference="economic_growth", relation="in_step")),
    ("relative 快于全国平均", ind("农村居民人均可支配收入增长", annual_growth="快于全国平均"),
     dict(kind="relative", reference="national_average", relation="above")),
    ("relative level 高于全国平均水平", ind("常住人口城镇化率", target_text="高于全国平均水平"),
     dict(kind="relative", reference="national_average", observed_as="level")),
    ("annual 各年度视情提出", ind("地区生产总值增长", annual_growth="保持在合理区间、各年度视情提出"),
     dict(kind="annual")),
    ("per year in words on a rate", ind("地区生产总值增长", annual_growth="年均增长7%左右"),
     dict(kind="about", value=7, held="average", observed_as="rate")),
    ("per year in words on a level", ind("地区生产总值", unit="亿元", base_value=17000, target_text="年均增长6%左右"),
     dict(kind="average_growth", value=6, qualifier="about")),
    ("difference 提高1岁", ind("人均预期寿命", unit="岁", base_value=77.9, target_text="提高1岁"),
     dict(kind="cumulative_change", value=1, observed_as="level", direction="higher")),
    ("difference [1] on a level with a base", ind("人均预期寿命", unit="岁", base_value=77.9, annual_growth="[1]"),
     dict(kind="cumulative_change", value=1, observed_as="level")),
    ("difference 提高5个百分点", ind("常住人口城镇化率", base_value=62.5, annual_growth="提高5个百分点"),
     dict(kind="cumulative_change", value=5, observed_as="level")),
    ("difference 下降3个百分点", ind("劣V类水体比例", base_value=5.0, target_text="下降3个百分点"),
     dict(kind="cumulative_change", value=3, reduction=True)),
    ("a flow with a base is still a change", ind("城镇新增就业", unit="万人", base_value=47, annual_growth="[230]"),
     dict(kind="cumulative_change", observed_as="change")),
    ("growth figure without 累计 stays a rate per year", ind("地区生产总值", unit="亿元", base_value=17000,
                                                          annual_growth="增长6%"),
     dict(kind="qualitative")),
    ("qualitative with a year in it", ind("晋祠泉复流", unit=None, target_text="2025年前复流"), dict(kind="qualitative")),
    ("不减少 with a base is a floor kept every year", ind("生态保护红线占国土面积比例", base_value=30.1, target_text="不减少"),
     dict(kind="at_least", value=30.1, held="every_year", direction="higher")),
    ("不减少 without a base stays qualitative", ind("生态保护红线占国土面积比例", target_text="不减少"),
     dict(kind="qualitative")),
    ("directional up", ind("水土流失治理率", base_value=60, target_text="明显提高"),
     dict(kind="directional", direction="higher")),
    ("directional rank moves forward (a smaller number)", ind("经济总量全国位次", unit=None, target_text="稳步前移"),
     dict(kind="directional", direction="lower")),
    ("compound", ind("国家实验室/国家级重点实验室/国家级技术创新中心/国家级工程研究中心", unit="个", target_text="2/15/-/4"),
     dict(kind="compound", values=(2, 15, None, 4),
          parts=("国家实验室", "国家级重点实验室", "国家级技术创新中心", "国家级工程研究中心"))),
    ("nested compound", ind("重点实验室（国家级/省级）/技术创新中心（国家级/省级）", unit="个", target_text="(-/4)/(-/6)"),
     dict(kind="compound", values=(None, 4, None, 6))),
    ("no target", ind("人均预期寿命", unit="岁", base_value=77), dict(kind="none")),
    ("target column wins over the growth column", ind("5G网络用户普及率", base_value=15, target_text="80", annual_growth="15"),
     dict(kind="level", value=80)),
    ("full-width brackets and digits", ind("单位地区生产总值二氧化碳排放降低", annual_growth="［１６］"),
     dict(kind="cumulative_change", value=16, reduction=True)),
]


@pytest.mark.parametrize("indicator, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_target_forms(indicator, expected):
    spec = interpret(indicator)
    for attr, value in expected.items():
        assert getattr(spec, attr) == value, f"{attr}: {getattr(spec, attr)!r} != {value!r} ({spec})"


def test_assigned_figure_supplied_is_read_as_a_target():
    spec = interpret(ind("单位地区生产总值能源消耗降低", annual_growth="完成国家下达目标任务"), assigned="[13.5]")
    assert (spec.kind, spec.value, spec.assigned_by, spec.column) == ("cumulative_change", 13.5, "national", "assigned")


def test_direction_override():
    indicator = ind("服务业增加值占GDP的比重", base_value=50, target_text="45", target_value=45)
    assert interpret(indicator).direction == "lower"  # from the plan's own figures
    spec = interpret(indicator, direction="higher")
    assert spec.direction == "higher" and "direction set by the user" in spec.notes


def test_direction_override_of_a_reduction_keeps_its_measure():
    spec = interpret(ind("单位地区生产总值能源消耗降低", annual_growth="[14]"), direction="lower")
    assert (spec.direction, spec.better) == ("lower", "higher")


def test_held_override():
    spec = interpret(ind("工业增加值占地区生产总值比重", base_value=38, target_text=">42"), held="every_year")
    assert spec.held == "every_year"


def test_bad_override_is_an_error():
    with pytest.raises(ValueError):
        interpret(ind("森林覆盖率", target_text="24"), direction="up")


def test_path_start_defaults_to_the_year_before_the_period():
    spec = interpret(ind("单位地区生产总值能源消耗降低", annual_growth="[14]"), plan_period=(2021, 2025))
    assert (spec.start_year, spec.target_year, spec.period) == (2020, 2025, (2021, 2025))
    spec = interpret(ind("常住人口城镇化率", base_year=2019, base_value=59.0, target_text="66"))
    assert spec.start_year == 2019


def test_review_rows_read_their_planned_growth_column():
    row = {"name": "农村居民人均可支配收入增长", "unit": "%", "base_year": 2015, "base_value": 9454,
           "target_year": 2020, "target_text": None, "planned_growth": "6.5以上", "line": 1}
    spec = interpret(row, plan_period=(2016, 2020))
    assert (spec.kind, spec.value, spec.held, spec.rate) == ("at_least", 6.5, "average", True)


@pytest.mark.parametrize("name, unit, rate", [
    ("地区生产总值增长", "%", True), ("高技术制造业增加值增速", "%", True), ("新产品开发项目数量年均增速", "%", True),
    ("城镇居民人均可支配收入增长率", "%", True), ("地区生产总值", "亿元", False), ("单位地区生产总值能源消耗降低", "%", False),
    ("常住人口城镇化率", "%", False),
])
def test_growth_rate_indicators(name, unit, rate):
    assert is_growth_rate({"name": name, "unit": unit}) is rate


def test_reading_reports_the_rule_form():
    assert read_target_text("—").form == "empty"
    assert read_target_text("[≥17.6]").qualifier == "at_least"
    assert read_target_text("95以上").form == "at_least"


@pytest.mark.parametrize(
    ("text", "form", "value"),
    [
        ("26", "level", 26),
        (">50", "at_least", 50),
        ("≤0.5", "at_most", 0.5),
        ("95以上", "at_least", 95),
        ("5个左右", "about", 5),
        ("[1300]", "cumulative", 1300),
        ("1/10/1/2", "compound", None),
        ("不减少", "keep_floor", None),
        ("完成省下达目标任务", "assigned", None),
        # a figure with words after it is still that figure
        ("≥60，力争65", "at_least", 60),
        ("5左右，力争6", "about", 5),
        ("力争达到65", "level", 65),
        ("达到60以上", "at_least", 60),
        ("1,350", "level", 1350),
        ("≦5", "at_most", 5),
        ("控制在5.5", "at_most", 5.5),
        ("控制在6左右", "about", 6),
    ],
)
def test_reading_form_and_figure(text, form, value):
    r = read_target_text(text)
    assert (r.form, r.value) == (form, value)


def test_an_aside_is_kept():
    assert read_target_text("12，力争达到全国平均水平").aside == "力争达到全国平均水平"
    assert read_target_text("≥60，力争65").aside == "力争65"


@pytest.mark.parametrize(("text", "by"), [
    ("完成国家考核目标", "national"), ("完成国家下达目标任务", "national"), ("完成省下达指标", "provincial"),
    ("完成省下任务", "provincial"), ("完成上级下达的任务", "higher"), ("落实省分解任务", "provincial"),
    ("达到国家考核要求", "national"), ("完成下达任务", "higher"), ("力争完成中央下达目标", "national"),
])
def test_assigned_by_the_level_above(text, by):
    r = read_target_text(text)
    assert (r.form, r.by) == ("assigned", by)


@pytest.mark.parametrize("text", ["不减少", "有效保障", "与GDP目标增速保持一致", "26", None])
def test_not_assigned(text):
    assert read_target_text(text).form != "assigned"


@pytest.mark.parametrize("prose, held", [
    ("到2025年，粮食综合生产能力保持在6.5亿吨以上", "every_year"),
    ("城镇调查失业率控制在5.5%以内", "every_year"),
    ("常住人口城镇化率达到65%以上", "end"),
    ("粮食综合生产能力稳步提升", None),
])
def test_the_prose_verb_says_whether_a_threshold_is_held_or_reached(prose, held):
    from plantrack.domain.targets import held_in_prose

    assert held_in_prose(prose) == held


def test_a_prose_hold_makes_a_bare_table_threshold_a_floor_kept_every_year():
    table = ind("粮食综合生产能力", unit="亿吨", target_text="＞6.5")
    assert interpret(table).held == "end"
    spec = interpret(table, prose="粮食综合生产能力保持在6.5亿吨以上")
    assert spec.held == "every_year" and any("prose" in n for n in spec.notes)
    assert interpret(table, prose="粮食综合生产能力达到6.5亿吨以上").held == "end"


def test_growth_column_is_read_when_there_is_no_target():
    spec = interpret(ind("地区生产总值", unit="亿元", annual_growth=">8"))
    assert (spec.kind, spec.value, spec.qualifier, spec.column) == ("average_growth", 8, "at_least", "annual_growth")


def test_spec_keeps_the_wording_behind_its_kind():
    spec = interpret(ind("生态保护红线占国土面积比例", base_value=30.1, target_text="不减少"))
    assert (spec.kind, spec.wording) == ("at_least", "keep_floor")


def test_spec_to_dict_is_json_ready():
    import json
    d = interpret(ind("单位地区生产总值能源消耗降低", annual_growth="[14]")).to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False))["change"] == -14 and d["better"] == "higher"


@pytest.mark.parametrize("text, form, value", [
    ("〔13.5〕", "cumulative", 13.5),            # the bracket national tables use for period totals
    ("【15】", "cumulative", 15),
    (">7、力争投入强度高于“十三五”时期实际", "at_least", 7),  # an aside after an enumeration comma
    ("5、8", "qualitative", None),              # an enumeration of figures is not a figure and an aside
])
def test_brackets_and_enumeration_commas(text, form, value):
    reading = read_target_text(text)
    assert (reading.form, reading.value) == (form, value)


def test_faster_than_the_provincial_average_is_relative_to_the_province():
    spec = interpret(ind("规模以上工业增加值增长", annual_growth="快于全省平均水平"))
    assert (spec.kind, spec.reference, spec.relation) == ("relative", "provincial_average", "above")
