"""Numbered group labels inside a table (1。空气质量) are categories, not parts of a name."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables


def rows_of(text: str) -> list:
    return [r for t in find_tables(clean_text(text)) for r in t.indicator_rows()]


ONE_CELL_PER_LINE = """专栏2 城市绿化主要指标 |
指标 |
2020年 |
2025年 |
〔累计〕1 |
属性 |
城市环境 |
1。城市绿地 |
建成区绿化覆盖率(%) |
40。5 |
>43 |
- |
约束性 |
人均公园绿地面积(平方米) |
13 |
15 |
- |
预期性 |
2。城市水体 |
城市水体透明度达标比例(%) |
- |
- |
〔12〕 |
预期性 |
"""


def test_numbered_labels_under_a_group_label_become_the_rows_categories():
    rows = rows_of(ONE_CELL_PER_LINE)
    assert [r["name"] for r in rows] == ["建成区绿化覆盖率", "人均公园绿地面积", "城市水体透明度达标比例"]
    assert [r["category"] for r in rows] == ["城市绿地", "城市绿地", "城市水体"]


def test_a_cumulative_cell_under_a_footnoted_header_is_the_growth_not_the_target():
    rows = {r["name"]: r for r in rows_of(ONE_CELL_PER_LINE)}
    assert rows["城市水体透明度达标比例"]["annual_growth"] == "〔12〕"
    assert rows["城市水体透明度达标比例"]["target_value"] is None
    assert rows["建成区绿化覆盖率"]["base_value"] == 40.5 and rows["建成区绿化覆盖率"]["target_text"] == ">43"


def test_a_numbered_name_with_its_values_below_is_still_a_name():
    text = "主要指标\n指标  2020年  2025年  属性\n1.森林覆盖率(%)\n20\n22\n约束性\n2.湿地保护率(%)\n50\n55\n预期性\n"
    rows = rows_of(text)
    assert [r["name"] for r in rows] == ["森林覆盖率", "湿地保护率"]
    assert all(r["category"] is None for r in rows)


NO_BINDING = """主要指标
指标 |
2020年基期值(规划开始时的数值) |
2025年目标值(规划期末应达到的数值) |
年均增(5年累计) |
城市污水处理率(%) |
一 |
>95 |
一 |
人均公园绿地面积(平方米) |
14 |
15 |
[1] |
生活垃圾回收利用 率(%) |
30 |
35 |
[5] |
"""


def test_cells_one_per_line_without_a_binding_column_split_into_rows_at_each_new_name():
    rows = rows_of(NO_BINDING)
    assert [r["name"] for r in rows] == ["城市污水处理率", "人均公园绿地面积", "生活垃圾回收利用率"]
    first = rows[0]
    assert (first["base_value"], first["target_value"], first["annual_growth"]) == (None, 95, None)
    assert (rows[1]["base_value"], rows[1]["target_value"], rows[1]["annual_growth"]) == (14, 15, "[1]")


def test_unnumbered_labels_between_rows_of_a_table_without_binding_are_categories():
    cells = ["指标", "单位", "2020年", "2025年", "经济发展", "地区生产总值", "亿元", "120", "180",
             "一般公共预算收入", "亿元", "10", "15", "生态环境", "森林覆盖率", "%", "20", "25"]
    rows = rows_of("主要指标\n" + "\n".join(c + " |" for c in cells) + "\n")
    assert [(r["name"], r["category"], r["target_value"]) for r in rows] == [
        ("地区生产总值", "经济发展", 180), ("一般公共预算收入", "经济发展", 15), ("森林覆盖率", "生态环境", 25)]
