"""Annual-plan tables print each year's column over two sub-columns, a value and its growth
(2022年完成 | 2023年计划 over 绝对值 | 增长% | 绝对值 | 增长%): the base year keeps its value, the
target year gives the target and the plan's growth, and the sub-header is not a row."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables

TAB = ("2023年主要计划指标\n"
       "指标名称\t单位\t2022年完成\t2023年计划\t责任单位\n"
       "绝对值\t增长%\t绝对值\t增长%\n"
       "一、综合经济\n"
       "地区生产总值\t亿元\t312.4\t4.1\t330\t6\t发改局\n"
       "社会消费品零售总额增长\t%\t-\t-\t-\t7\t商务局\n")

SPACED = """2023年主要计划指标
指标名称            单位      2022年完成            2023年计划            责任单位
                              绝对值    增速        绝对值    增速
地区生产总值        亿元      312.4     4.1         330       6           发改局
"""


def rows(text):
    [table] = find_tables(clean_text(text))
    return {r["name"]: r for r in table.indicator_rows()}


def test_the_target_year_gives_the_target_and_the_plans_growth():
    got = rows(TAB)
    gdp = got["地区生产总值"]
    assert (gdp["base_year"], gdp["base_value"], gdp["target_year"], gdp["target_value"], gdp["annual_growth"]) == \
        (2022, 312.4, 2023, 330, "6")
    assert got["社会消费品零售总额增长"]["target_value"] is None and got["社会消费品零售总额增长"]["annual_growth"] == "7"
    assert gdp["category"] == "综合经济"


def test_the_sub_header_is_not_a_row():
    assert "绝对值" not in rows(TAB)


def test_a_sub_header_that_does_not_pair_every_year_is_left_alone():
    text = TAB.replace("绝对值\t增长%\t绝对值\t增长%", "绝对值\t绝对值")
    got = rows(text)
    assert got["地区生产总值"]["annual_growth"] is None  # no growth column was made up


def test_a_space_aligned_table_of_the_same_shape_reads_the_same():
    gdp = rows(SPACED)["地区生产总值"]
    assert (gdp["base_value"], gdp["target_value"], gdp["annual_growth"]) == (312.4, 330, "6")
