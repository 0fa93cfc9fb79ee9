"""A name wrapped inside its cell of a tab table: the tail stands alone on the next line, under
the name column (not in the first column, where a category label would stand)."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables


def rows_of(text: str) -> list:
    return [r for t in find_tables(clean_text(text)) for r in t.indicator_rows()]


TEXT = (
    "表1  主要指标\n"
    "类别\t序号\t指标\t单位\t2020年\t2025年\t属性\n"
    "民生福祉\t1\t城镇新增就业人\t万人\t3.2\t3.5\t预期性\n"
    "\t\t数\n"
    "\t2\t基本医疗保险参保\t%\t95\t96\t约束性\n"
    "\t\t率\n"
    "生态环境\t3\t森林覆盖率\t%\t20\t22\t约束性\n"
)


def test_a_lone_cell_under_the_name_column_is_the_names_tail():
    rows = rows_of(TEXT)
    assert [(r["name"], r["category"], r["target_value"]) for r in rows] == [
        ("城镇新增就业人数", "民生福祉", 3.5), ("基本医疗保险参保率", "民生福祉", 96), ("森林覆盖率", "生态环境", 22)]


def test_a_lone_value_under_the_name_column_is_not_joined_to_the_name():
    rows = rows_of(TEXT.replace("\t\t数\n", "\t\t—\n"))
    assert rows[0]["name"] == "城镇新增就业人"
