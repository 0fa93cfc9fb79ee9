"""Each normalization rule on its own, then the whole table on names plans really write."""

from __future__ import annotations

import pytest

from plantrack.align.normalize import RULES, normalize, normalize_with_qualifiers, rule, trace


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("width", "ＧＤＰ增长（％）", "GDP增长(%)"),
        ("width", "森林覆盖率\u3000", "森林覆盖率 "),
        ("markup", "PM_{2.5}浓度", "PM2.5浓度"),
        ("markup", "PM<sub>2.5</sub>浓度", "PM2.5浓度"),
        ("whitespace", "地表水劣 V类水体比例", "地表水劣V类水体比例"),
        ("quotes", "“双一流”建设高校", "双一流建设高校"),
        ("roman_numerals", "达到或好于Ⅲ类", "达到或好于III类"),
        ("roman_numerals", "劣Ⅴ类", "劣V类"),
        ("case", "VOCs排放", "VOCS排放"),
        ("brackets", "森林覆盖率[%]", "森林覆盖率(%)"),
        ("unit_suffix", "森林覆盖率(%)", "森林覆盖率"),
        ("unit_suffix", "粮食综合生产能力(万吨)", "粮食综合生产能力"),
        ("unit_suffix", "执业(助理)医师数", "执业(助理)医师数"),
        ("qualifier", "优良天数比例(扣除沙尘异常超标天)", "优良天数比例"),
        ("qualifier", "地区生产总值年均增长(2021-2025)", "地区生产总值年均增长"),
        ("qualifier", "省实验室/重点实验室(国家级/省级)", "省实验室/重点实验室(国家级/省级)"),
        ("abbreviations", "单位地区生产总值能源消耗降低", "单位GDP能源消耗降低"),
        ("abbreviations", "国内生产总值增长", "GDP增长"),
        ("abbreviations", "地区生产总值(GDP)增长率", "GDP增长率"),
        ("abbreviations", "细颗粒物(PM2.5)浓度", "PM2.5浓度"),
        ("abbreviations", "研究与试验发展(R&D)经费投入强度", "研发经费投入强度"),
        ("abbreviations", "规模以上工业企业数量", "规上工业企业数量"),
        ("per_capita", "每万人口高价值发明专利拥有量", "每万人高价值发明专利拥有量"),
        ("scope", "全省用水总量", "用水总量"),
        ("scope", "地级及以上城市空气质量优良天数比率", "空气质量优良天数比率"),
        ("scope", "设区城市细颗粒物浓度", "细颗粒物浓度"),
        ("scope", "城市黑臭水体比例", "黑臭水体比例"),
        ("scope", "全社会劳动力持证率", "全社会劳动力持证率"),
        ("scope", "城镇登记失业率", "城镇登记失业率"),
        ("better", "达到或好于III类", "达到或优于III类"),
        ("ratio", "优良天数比率", "优良天数比例"),
        ("ratio", "服务业增加值比重", "服务业增加值比例"),
        ("particle", "占GDP的比例", "占GDP比例"),
        ("base_year", "PM2.5浓度较2020年下降", "PM2.5浓度下降"),
        ("base_year", "用水量较2020年累计下降", "用水量下降"),
        ("base_year", "PM2.5浓度同比下降", "PM2.5浓度同比下降"),
        ("decline", "能源消耗降低", "能源消耗下降"),
        ("decline", "用水量降幅", "用水量下降"),
        ("growth", "GDP增长率", "GDP增长"),
        ("growth", "高技术制造业增加值增速", "高技术制造业增加值增长"),
        ("growth", "新产品开发项目数量年均增速", "新产品开发项目数量增长"),
    ],
)
def test_rule(name, text, expected):
    assert rule(name).apply(text) == expected


def test_every_rule_is_tested_above():
    tested = {"width", "markup", "whitespace", "quotes", "roman_numerals", "case", "brackets", "unit_suffix",
              "qualifier", "abbreviations", "per_capita", "scope", "better", "ratio", "particle", "base_year",
              "decline", "growth"}
    assert {r.name for r in RULES} == tested


def test_rules_have_reasons():
    assert all(r.why for r in RULES)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("地区生产总值（GDP）增长率", "地区生产总值增长"),
        ("地级及以上城市空气质量优良天数比率", "城市空气质量优良天数比例"),
        ("地表水达到或好于Ⅲ类水体比例", "地表水达到或优于III类水体比例"),
        ("单位GDP能源消耗降低", "单位地区生产总值能源消耗下降"),
        ("服务业增加值占GDP的比重", "服务业增加值占地区生产总值比例"),
        ("设区城市细颗粒物(PM2.5)浓度(1-10月累计)", "设区城市细颗粒物浓度"),
    ],
)
def test_whole_table_meets(a, b):
    assert normalize(a) == normalize(b)


def test_qualifiers_are_reported():
    norm, qualifiers = normalize_with_qualifiers("设区城市空气质量优良天数比例(扣除沙尘异常超标天)")
    assert norm == "空气质量优良天数比例"
    assert qualifiers == ("扣除沙尘异常超标天",)


def test_trace_names_the_rules_that_changed_the_name():
    steps = [r for r, _ in trace("全省细颗粒物浓度降低")]
    assert steps == ["abbreviations", "scope", "decline"]


def test_empty():
    assert normalize(None) == "" and normalize("") == ""
