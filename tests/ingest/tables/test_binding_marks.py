"""Binding written as marks with a legend under the table: a ★/☆ 属性 column (注：★为约束性指标，
☆为预期性指标), or ★ after the names of binding indicators (注：带★的为约束性指标，其余为预期性指标)."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables


def rows_of(text: str) -> list:
    return [r for t in find_tables(clean_text(text)) for r in t.indicator_rows()]


def test_a_mark_column_reads_through_its_legend():
    text = ("表1  主要指标\n序号\t指标\t单位\t2025年\t2030年\t属性\n"
            "1\t森林覆盖率\t%\t30\t32\t★\n2\t人均预期寿命\t岁\t79\t80\t☆\n"
            "注：★为约束性指标，☆为预期性指标。\n")
    assert [(r["name"], r["binding"]) for r in rows_of(text)] == [("森林覆盖率", "binding"), ("人均预期寿命", "expected")]


def test_a_mark_after_the_name_gives_binding_and_the_rest_takes_the_legends_other_word():
    text = ("表1  主要指标\n序号   指标   单位   2025年   2030年\n"
            "1   森林覆盖率★   %   30   32\n2   人均预期寿命   岁   79   80\n"
            "注：带★的为约束性指标，其余为预期性指标。\n")
    assert [(r["name"], r["binding"]) for r in rows_of(text)] == [("森林覆盖率", "binding"), ("人均预期寿命", "expected")]


def test_without_a_legend_a_mark_means_nothing():
    text = ("表1  主要指标\n序号\t指标\t单位\t2025年\t2030年\t属性\n"
            "1\t森林覆盖率\t%\t30\t32\t★\n2\t人均预期寿命\t岁\t79\t80\t☆\n")
    assert [r["binding"] for r in rows_of(text)] == [None, None]
