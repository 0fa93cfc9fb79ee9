"""A header that puts 属性 before the value columns (序号 | 指标 | 单位 | 属性 | 2025年 | 年均),
as a web table flattened one cell per line prints it: a row ends the header's number of value
cells after its binding cell, not at the binding cell; an empty header cell under a merged group
cell (a line of pipes alone) does not end the header."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables


ONE_CELL_PER_LINE = """表:某市“十四五”主要指标
序号 |
指 标 |
单位 |
属性 |
“十四五”目标 |
|
2025年 |
年均[累计] |
||||
1 |
地区生产总值年均增长率 |
% |
预期性 |
- |
6左右 |
2 |
人均公园绿地面积 |
平方米 |
约束性 |
15 |
- |
3 |
新增城镇就业人数 |
万人 |
预期性 |
- |
[12] |
"""


def test_rows_end_after_the_value_cells_that_follow_the_binding():
    [table] = find_tables(clean_text(ONE_CELL_PER_LINE))
    rows = table.indicator_rows()
    assert [r["name"] for r in rows] == ["地区生产总值年均增长率", "人均公园绿地面积", "新增城镇就业人数"]
    gdp, park, jobs = rows
    assert (gdp["unit"], gdp["target_value"], gdp["annual_growth"], gdp["binding"]) == ("%", None, "6左右", "expected")
    assert (park["unit"], park["target_year"], park["target_value"], park["binding"]) == ("平方米", 2025, 15, "binding")
    assert (jobs["annual_growth"], jobs["binding"]) == ("[12]", "expected")


def test_space_separated_rows_with_the_binding_inside_read_the_same():
    text = """某县主要指标
序号  指标  单位  属性  2025年  年均增长
1  地区生产总值年均增长率  %  预期性  -  6左右
2  人均公园绿地面积  平方米  约束性  15  -
"""
    [table] = find_tables(clean_text(text))
    rows = table.indicator_rows()
    assert [(r["name"], r["target_value"], r["annual_growth"], r["binding"]) for r in rows] == [
        ("地区生产总值年均增长率", None, "6左右", "expected"),
        ("人均公园绿地面积", 15, None, "binding"),
    ]


def test_a_binding_column_last_still_ends_the_row_at_the_binding():
    text = """主要指标
指标 |
单位 |
2020年 |
2025年 |
属性 |
森林覆盖率 |
% |
30 |
32 |
约束性 |
城镇化率 |
% |
60 |
65 |
预期性 |
"""
    [table] = find_tables(clean_text(text))
    assert [(r["name"], r["base_value"], r["target_value"]) for r in table.indicator_rows()] == [
        ("森林覆盖率", 30, 32), ("城镇化率", 60, 65)]
