"""A web table of one cell per line with phase years, 其中 siblings, qualified values and pipes."""

from plantrack.domain.units import is_unit
from plantrack.domain.values import leading_number
from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.columns import columns_from_header

CELLS = """某市信息化发展目标表
指标
单位
2016 年
2018 年
2022 年
1. 网络覆盖
光纤入户家庭数
万户
12
20
35
其中:城镇光纤入户家庭数
万户
10
15
——
农村光纤入户家庭数
万户
2
5
——
公共区域无线网络覆盖率
%
30
60
> 90
2. 网络能力
家庭接入带宽
Mbps
20(60%家庭)
50
大于 100
政务外网带宽
Gbps
EMPTY
10
20
数据中心存储量
太字节
500
1200
EMPTY
"""


def rows():
    text = "\n".join("|" if c == "EMPTY" else c + " |" for c in CELLS.strip("\n").split("\n")[1:])
    text = CELLS.split("\n")[0] + "\n" + text + "\n说明：无\n"
    return {r["name"]: r for t in find_tables(clean_text(text)) for r in t.indicator_rows()}


def test_phase_years_make_the_last_the_target_and_a_horizon_needs_ten_years():
    assert [(c.role, c.year) for c in columns_from_header(["指标", "单位", "2016年", "2018年", "2022年"])] == [
        ("name", None), ("unit", None), ("base", 2016), ("other", 2018), ("target", 2022)]
    assert [c.role for c in columns_from_header(["指标", "2020年", "2025年", "2035年"])] == ["name", "base", "target", "horizon"]
    r = rows()["光纤入户家庭数"]
    assert (r["base_year"], r["base_value"], r["target_year"], r["target_value"]) == (2016, 12, 2022, 35)


def test_siblings_of_a_sub_row_join_its_group_and_the_next_indicator_does_not():
    got = rows()
    assert "光纤入户家庭数（其中：城镇光纤入户家庭数）" in got
    assert "光纤入户家庭数（其中：农村光纤入户家庭数）" in got
    assert "公共区域无线网络覆盖率" in got and got["公共区域无线网络覆盖率"]["target_text"] == ">90"
    assert got["公共区域无线网络覆盖率"]["category"] == "网络覆盖"


def test_qualified_values_marker_words_and_information_units_are_cells():
    got = rows()
    r = got["家庭接入带宽"]
    assert (r["unit"], r["base_value"], r["target_value"], r["category"]) == ("Mbps", 20, 100, "网络能力")
    assert is_unit("Mbps") and is_unit("太字节") and not is_unit("网页总字节数")
    assert leading_number("大于 100") == 100


def test_a_pipe_alone_between_cells_is_an_empty_cell():
    got = rows()
    assert (got["政务外网带宽"]["base_value"], got["政务外网带宽"]["target_value"]) == (None, 20)
    assert (got["数据中心存储量"]["base_value"], got["数据中心存储量"]["target_value"]) == (500, None)


def test_a_title_naming_a_five_year_period_picks_that_period_s_last_year_as_the_target():
    text = ("表1 “十四五”时期主要指标\n指标  单位  2020年  2025年  2030年  属性\n"
            "森林覆盖率  %  20  22  25  约束性\n湿地保护率  %  50  52  55  预期性\n")
    r = {x["name"]: x for t in find_tables(clean_text(text)) for x in t.indicator_rows()}["森林覆盖率"]
    assert (r["target_year"], r["target_value"], r.get("horizon_year"), r.get("horizon_value")) == (2025, 22, 2030, 25)
    untitled = text.replace("表1 “十四五”时期主要指标", "表1 主要指标")
    r = {x["name"]: x for t in find_tables(clean_text(untitled)) for x in t.indicator_rows()}["森林覆盖率"]
    assert (r["target_year"], r["target_value"]) == (2030, 25)
