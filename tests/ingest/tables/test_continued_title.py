"""A table's title repeated on the next page as a continuation (表1 …（续）, 续表1 …) among the
page furniture of a page break is not the end of the table."""

import pytest

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables

HEAD = (
    "表1  某县主要指标\n"
    "序号\t指标\t单位\t2025年\t2030年\t属性\n"
    "1\t地区生产总值增长\t%\t5\t6\t预期性\n"
    "2\t常住人口城镇化率\t%\t55\t60\t预期性\n"
    "— 7 —\n"
)
TAIL = "3\t森林覆盖率\t%\t30\t32\t约束性\n4\t人均预期寿命\t岁\t79\t80\t预期性\n"


@pytest.mark.parametrize("repeat", ["表1  某县主要指标（续）", "续表1  某县主要指标", "表1 某县主要指标(续)"])
def test_a_continued_title_keeps_the_table_going(repeat):
    tables = find_tables(clean_text(HEAD + repeat + "\n" + TAIL))
    assert [(t.evidence, len(t.rows)) for t in tables] == [("header", 4)]
    rows = tables[0].indicator_rows()
    assert (rows[2]["name"], rows[2]["base_year"], rows[2]["target_year"], rows[2]["binding"]) == ("森林覆盖率", 2025, 2030, "binding")


def test_another_tables_title_ends_the_table():
    tables = find_tables(clean_text(HEAD + "表2  重大项目\n" + TAIL))
    assert len(tables[0].rows) == 2
