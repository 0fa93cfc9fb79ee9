"""A name's end printed on the line below its row (PDF text of a wrapped first cell) joins that
name; a line that could open the next row, or a row whose name is complete, is left alone."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables


def rows(text):
    [table] = find_tables(clean_text(text))
    return [(r["name"], r["unit"], r["target_text"]) for r in table.indicator_rows()]


FLOW = """表2 绿色发展主要指标
指标                           2020年     2025年     属性
单位地区生产总值二氧化碳排放   —          〔19.5〕   约束性
降低(%)
农村生活垃圾收运处置率(%)      95         100        预期性
"""

TAB = ("表2 绿色发展主要指标\n指标\t2020年\t2025年\t属性\n"
       "单位地区生产总值二氧化碳排放\t—\t〔19.5〕\t约束性\n降低(%)\n"
       "农村生活垃圾收运处置率(%)\t95\t100\t预期性\n")


def test_a_tail_below_a_space_aligned_row_joins_its_name():
    assert rows(FLOW) == [("单位地区生产总值二氧化碳排放降低", "%", "〔19.5〕"),
                          ("农村生活垃圾收运处置率", "%", "100")]


def test_a_tail_below_a_tab_row_joins_its_name_and_the_table_goes_on():
    assert rows(TAB) == [("单位地区生产总值二氧化碳排放降低", "%", "〔19.5〕"),
                         ("农村生活垃圾收运处置率", "%", "100")]


def test_a_row_whose_name_has_its_unit_takes_no_tail():
    text = FLOW.replace("单位地区生产总值二氧化碳排放   —", "森林蓄积量(万立方米)         —")
    got = rows(text)
    assert got[0][0] == "森林蓄积量" and got[0][1] == "万立方米"
    assert all("降低" not in name for name, _, _ in got)
