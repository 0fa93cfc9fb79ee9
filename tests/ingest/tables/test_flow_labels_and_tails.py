"""Tables flattened to text with cells set apart by spaces: a category label alone on a line
before a numbered row, and names wrapped at the name column's width whose end stands on a line
of its own after the row."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables


def rows_of(text: str) -> list:
    return [r for t in find_tables(clean_text(text)) for r in t.indicator_rows()]


def test_a_label_line_before_a_numbered_row_is_the_category():
    text = """表1  主要指标
序号   指标   单位   2025年   2030年   属性
经济发展
1   地区生产总值增长   %   5   6   预期性
2   常住人口城镇化率   %   60   65   预期性
民生福祉
3   人均预期寿命   岁   79   80   预期性
"""
    assert [(r["name"], r["category"]) for r in rows_of(text)] == [
        ("地区生产总值增长", "经济发展"), ("常住人口城镇化率", "经济发展"), ("人均预期寿命", "民生福祉")]


def test_the_end_of_a_name_cut_at_the_column_width_joins_the_row_above():
    text = """表1  主要指标
序号   指标   单位   2025年   2030年   属性
1   单位地区生产总值   %   —   〔13.5〕   约束性
能源消耗降低
2   森林覆盖率   %   30   32   约束性
3   城镇新增就业人数   万人   3.2   3.5   预期性
4   每千人口拥有执业   人   3   3.5   预期性
医师数
5   人均预期寿命   岁   79   80   预期性
"""
    rows = rows_of(text)
    assert [r["name"] for r in rows] == ["单位地区生产总值能源消耗降低", "森林覆盖率", "城镇新增就业人数", "每千人口拥有执业医师数", "人均预期寿命"]


def test_a_label_after_a_short_name_stays_a_label():
    text = """表1  主要指标
序号   指标   单位   2025年   2030年   属性
1   地区生产总值增长   %   5   6   预期性
2   常住人口城镇化率   %   60   65   预期性
3   人口   万人   100   110   预期性
民生福祉
4   人均预期寿命   岁   79   80   预期性
"""
    rows = rows_of(text)
    assert rows[2]["name"] == "人口" and rows[3]["category"] == "民生福祉"


def test_a_long_name_wraps_over_several_lines_at_the_column_width():
    text = """表1  主要指标
序号   指标   单位   2025年   2030年   属性
1   国家级重点实验室   个   3   5   预期性
/国家级工程研究
中心
2   常住人口城镇化率   %   60   65   预期性
3   城镇新增就业人数   万人   3.2   3.5   预期性
"""
    rows = rows_of(text)
    assert [r["name"] for r in rows] == ["国家级重点实验室/国家级工程研究中心", "常住人口城镇化率", "城镇新增就业人数"]
