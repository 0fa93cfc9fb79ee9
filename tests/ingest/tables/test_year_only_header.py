"""A header of 指标 and two year columns only: the units stand in the names (地区生产总值增长（%）)
and the table has no 属性 column, as many outlines print their indicator tables."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables


def rows_of(text: str) -> list:
    return [r for t in find_tables(clean_text(text)) for r in t.indicator_rows()]


def test_a_header_of_indicator_and_two_years_opens_a_table():
    text = """表1  主要指标
序号   指标   2025年   2030年
1   地区生产总值增长（%）   5.5   6
2   常住人口城镇化率（%）   60   65
3   每千人口拥有执业医师数（人）   3   3.5
"""
    rows = rows_of(text)
    assert [(r["name"], r["unit"], r["base_year"], r["base_value"], r["target_year"], r["target_value"]) for r in rows] == [
        ("地区生产总值增长", "%", 2025, 5.5, 2030, 6), ("常住人口城镇化率", "%", 2025, 60, 2030, 65),
        ("每千人口拥有执业医师数", "人", 2025, 3, 2030, 3.5)]


def test_one_year_and_indicator_words_alone_are_not_a_header():
    text = """指标 2025年
重点任务 推进中
"""
    assert rows_of(text) == []
