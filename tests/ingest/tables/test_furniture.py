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
])
def test_furniture_lines_are_named_by_their_rule(text, kind):
    assert furniture_kind(text) == kind


@pytest.mark.parametrize("text", ["100/230", "森林覆盖率 % 23.5 26 约束性", "12", "Pages of the plan"])
def test_rows_values_and_words_are_not_furniture(text):
    assert furniture_kind(text) is None


def test_a_bare_number_is_a_page_number_unless_it_is_the_next_row_number():
    assert is_page_number("12", expected_seq=5)
    assert not is_page_number("5", expected_seq=5)
    assert not is_page_number("地区生产总值")
