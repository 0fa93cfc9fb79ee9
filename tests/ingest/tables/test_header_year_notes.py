"""A year's column named by a role word in brackets (2020年(基期), 2025年（目标）) is one column;
a ratio value (2.3:1) is a value, not part of the name."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.columns import strip_header_notes


def test_a_role_note_after_a_year_stays_with_the_year():
    assert strip_header_notes("2020年(基期)") == "2020年基期"
    assert strip_header_notes("2025年（目标值）") == "2025年目标值"
    assert strip_header_notes("指标(说明见附注)") == "指标"  # other long notes still go


def test_a_table_with_bracketed_year_roles_reads_base_and_target():
    text = """表4 民生主要指标
指标名称            单位      2020年(基期)    2025年(目标)    指标属性
每千人口执业医师数  人        2.6             3.2             预期性
城乡居民收入比      -         2.3:1           2.1:1           预期性
"""
    [table] = find_tables(clean_text(text))
    rows = {r["name"]: r for r in table.indicator_rows()}
    doc = rows["每千人口执业医师数"]
    assert (doc["base_year"], doc["base_value"], doc["target_year"], doc["target_value"]) == (2020, 2.6, 2025, 3.2)
    ratio = rows["城乡居民收入比"]
    assert (ratio["base_value"], ratio["target_value"], ratio["target_text"]) == (2.3, 2.1, "2.1:1")
