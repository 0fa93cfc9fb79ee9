"""How sure the reader is: rows whose cells fit their columns score high, rows that do not score lower."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.confidence import header_agreement, row_agreement, table_confidence

TABLE = """表1 主要指标
序号\t指标\t单位\t2020年\t2025年\t属性
1\t森林覆盖率\t%\t23.5\t26\t约束性
2\t地区生产总值\t亿元\t1800\t2600\t预期性
3\t单位地区生产总值能源消耗降低\t%\t—\t完成省下达任务\t约束性
"""


def test_a_row_whose_cells_fit_their_columns_agrees_fully():
    assert row_agreement({"name": "森林覆盖率", "unit": "%", "base": "23.5", "target": "26", "binding": "约束性"}) == 1.0


def test_a_row_with_a_name_in_a_value_column_or_a_number_as_unit_agrees_less():
    shifted = {"name": "森林覆盖率", "unit": "23.5", "base": "26", "target": "约束性"}
    assert row_agreement(shifted) < 0.75


def test_unknown_header_words_lower_the_header_share():
    assert header_agreement(["name", "unit", "base", "target"]) == 1.0
    assert header_agreement(["name", "other", "base", "other"]) == 0.5


def test_a_table_found_by_its_body_alone_is_never_as_sure_as_one_its_header_confirms():
    assert table_confidence("body", [], [1.0, 1.0]) < table_confidence("header", ["name", "target"], [1.0, 1.0])


def test_rows_and_tables_carry_evidence_and_confidence():
    [table] = find_tables(clean_text(TABLE))
    assert (table.evidence, table.confidence) == ("header", 1.0)
    rows = table.indicator_rows()
    assert {(r["evidence"], r["confidence"], r["table"]) for r in rows} == {("header", 1.0, 0)}
    ref = table.to_json(clean_text(TABLE))
    assert (ref["kind"], ref["line"], ref["header_line"], ref["last_line"], ref["rows"]) == ("indicators", 1, 2, 5, 3)
