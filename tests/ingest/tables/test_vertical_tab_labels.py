"""Tab tables (Word or a box converted to text) whose narrow columns print their words one
character per line: the header's 类/别, 序/号, 单/位, 属/性 stacked over two lines, and the category
label down the category column, one character per row, centred on its group."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables


def rows_of(text: str) -> list:
    return [r for t in find_tables(clean_text(text)) for r in t.indicator_rows()]


HEADER = "类\t序\t指标\t单\t2025年\t2030年\t属\n别\t号\t\t位\t\t\t性\n"

BODY = (
    "\t1\t城镇调查失业率\t%\t5.2\t5.5\t预期性\n"
    "民\t2\t人均预期寿命\t岁\t79\t80\t预期性\n"
    "生\t3\t每千人口执业医师数\t人\t3.1\t3.6\t预期性\n"
    "\t4\t基本养老保险参保率\t%\t95\t96\t约束性\n"
    "绿\t5\t森林覆盖率\t%\t22\t24\t约束性\n"
    "色\t6\t地表水优良水体比例\t%\t80\t85\t约束性\n"
)


def test_a_header_printed_one_character_per_line_is_read_down_its_columns():
    rows = rows_of("表1  主要指标\n" + HEADER + BODY)
    assert [(r["name"], r["unit"], r["base_year"], r["base_value"], r["target_value"], r["binding"]) for r in rows][:2] == [
        ("城镇调查失业率", "%", 2025, 5.2, 5.5, "expected"), ("人均预期寿命", "岁", 2025, 79, 80, "expected")]
    assert len(rows) == 6


def test_label_characters_down_the_category_column_name_the_rows_they_are_centred_on():
    rows = rows_of("表1  主要指标\n" + HEADER + BODY)
    assert [r["category"] for r in rows] == ["民生"] * 4 + ["绿色"] * 2


def test_a_label_longer_than_its_group_runs_on_below_its_last_row():
    body = BODY + "\t7\t空气质量优良天数比率\t%\t85\t88\t约束性\n人\t8\t新区常住人口\t万人\t100\t120\t预期性\n口\n规\n模\n"
    rows = rows_of("表1  主要指标\n类别\t序号\t指标\t单位\t2025年\t2030年\t属性\n" + body)
    assert rows[-1]["name"] == "新区常住人口" and rows[-1]["category"] == "人口规模"
    assert [r["category"] for r in rows[:7]] == ["民生"] * 4 + ["绿色"] * 3
