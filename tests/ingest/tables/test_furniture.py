"""Page furniture inside a table: running headers, page numbers and continued-table labels are not rows."""

import pytest

from plantrack.ingest.tables.furniture import furniture_kind, is_page_number


@pytest.mark.parametrize("text, kind", [
    ("Page 12 - 某市国民经济和社会发展第十四个五年规划纲要", "page_label"),
    ("P. 30", "page_label"),
    ("第12页", "page_of"), ("第 3 页，共 40 页", "page_of"),
    ("- 12 -", "dashed_number"), ("—12—", "dashed_number"),
    ("|||||", "pipes"),
    ("续表3", "continued"), ("（续表）", "continued"),
    ("────────────", "rule"), ("━━━━━", "rule"), ("------------------", "rule"), ("==========", "rule"),
])
def test_furniture_lines_are_named_by_their_rule(text, kind):
    assert furniture_kind(text) == kind


@pytest.mark.parametrize("text", ["100/230", "森林覆盖率 % 23.5 26 约束性", "12", "Pages of the plan", "——", "---", "———"])
def test_rows_values_and_words_are_not_furniture(text):
    assert furniture_kind(text) is None


def test_a_bare_number_is_a_page_number_unless_it_is_the_next_row_number():
    assert is_page_number("12", expected_seq=5)
    assert not is_page_number("5", expected_seq=5)
    assert not is_page_number("地区生产总值")


def test_three_line_table_rules_stay_out_of_the_rows():
    from plantrack.ingest.clean import clean_text
    from plantrack.ingest.tables import find_tables

    text = ("表1 生态建设主要指标\n"
            "━━━━━━━━━━━━━━━━━━━━━━━━\n"
            "指标                 2020年     2025年     属性\n"
            "────────────────────────\n"
            "林地保有量(万亩)     120.5      121        约束性\n"
            "湿地面积(万亩)       8.2        8.5        预期性\n"
            "━━━━━━━━━━━━━━━━━━━━━━━━\n")
    [table] = find_tables(clean_text(text))
    rows = table.indicator_rows()
    assert [(r["name"], r["unit"], r["base_value"], r["target_value"]) for r in rows] == [
        ("林地保有量", "万亩", 120.5, 121), ("湿地面积", "万亩", 8.2, 8.5)]


@pytest.mark.parametrize("text", ["|---|---|---|", "|:---|---:|:---:|", "--- | --- | ---"])
def test_markdown_alignment_rows_are_furniture(text):
    assert furniture_kind(text) == "md_align"
