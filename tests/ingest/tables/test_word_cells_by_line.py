"""A row written one cell per line whose value cells are words (稳步提高 | 稳步提高 | 预期性), as many
lines as the header has columns and closed by its binding cell: each line is its cell, not the
rest of a wrapped name. A wrapped name in a table with a unit column stays a name."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables


def test_word_values_written_one_per_line_are_cells():
    text = """表1:某县年度主要预期目标完成情况

指标名称

2021年目标增长(%)

2021年实际增长(%)

指标属性

地区生产总值

6.5左右

7.2

预期性

全员劳动生产率

稳步提高

稳步提高

预期性
"""
    [table] = find_tables(clean_text(text))
    rows = {r["name"]: r for r in table.review()["rows"]}
    assert set(rows) == {"地区生产总值", "全员劳动生产率"}
    assert (rows["全员劳动生产率"]["planned_growth"], rows["全员劳动生产率"]["actual_growth"]) == ("稳步提高", "稳步提高")


def test_a_wrapped_name_above_its_unit_stays_one_name():
    text = """附表 指标体系

指标

单位

2030年

属性

单位生产总值二氧化碳

排放量

/GDP万元

符合国家要求

约束性

森林覆盖率

%

55

约束性
"""
    [table] = find_tables(clean_text(text))
    names = [r["name"] for r in table.indicator_rows()]
    assert names[0] == "单位生产总值二氧化碳排放量"
