"""A merged group header in a table flattened to text (cells set apart by spaces): 规划目标 on the
first header line, 2030年 | 年均增长 under it on the second, printed from the line's start."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.columns import stack_header_cells


def test_the_line_under_a_group_word_splits_it_into_its_sub_columns():
    assert stack_header_cells(["序号   指标   单位   2025年   规划目标   属性", "2030年   年均增长"]) == [
        "序号", "指标", "单位", "2025年", "规划目标2030年", "规划目标年均增长", "属性"]


def test_a_flow_table_under_a_group_header_reads_target_and_growth():
    text = """表1  主要指标
序号   指标   单位   2025年   规划目标   属性
2030年   年均增长
1   地区生产总值   亿元   3000   —   6   预期性
2   常住人口城镇化率   %   60   65   —   预期性
"""
    rows = [r for t in find_tables(clean_text(text)) for r in t.indicator_rows()]
    assert [(r["name"], r["base_year"], r["base_value"], r["target_year"], r["target_value"], r["annual_growth"]) for r in rows] == [
        ("地区生产总值", 2025, 3000, 2030, None, "6"), ("常住人口城镇化率", 2025, 60, 2030, 65, None)]


def test_words_that_are_not_sub_columns_stack_by_position():
    assert stack_header_cells(["类   序   指标", "别   号"]) == ["类别", "序号", "指标"]
