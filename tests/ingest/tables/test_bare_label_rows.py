"""Category labels on lines of their own, with no number before them (生态保护), between the rows
of a tab table: each names the rows below it until the next label."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables


def rows_of(text: str) -> list:
    return [r for t in find_tables(clean_text(text)) for r in t.indicator_rows()]


TEXT = (
    "表1  主要指标\n"
    "序号\t指标\t单位\t2025年\t2030年\t属性\n"
    "科技创新\n"
    "1\t研发经费投入强度\t%\t2.1\t2.8\t预期性\n"
    "2\t每万人口高价值发明专利拥有量\t件\t5\t9\t预期性\n"
    "“双碳”与生态（2个）\n"
    "3\t森林覆盖率\t%\t20\t22\t约束性\n"
    "4\t单位地区生产总值能源消耗降低\t%\t—\t〔13.5〕\t约束性\n"
)


def test_bare_label_lines_are_the_categories_of_the_rows_below_them():
    rows = rows_of(TEXT)
    assert [(r["name"], r["category"]) for r in rows] == [
        ("研发经费投入强度", "科技创新"), ("每万人口高价值发明专利拥有量", "科技创新"),
        ("森林覆盖率", "“双碳”与生态"), ("单位地区生产总值能源消耗降低", "“双碳”与生态")]


def test_a_sentence_after_the_table_is_not_a_label():
    rows = rows_of(TEXT + "加强组织领导\n第二章 保障措施\n")
    assert len(rows) == 4 and rows[-1]["category"] == "“双碳”与生态"


def test_a_running_header_between_rows_is_not_a_label():
    text = TEXT.replace("“双碳”与生态（2个）\n", "某市国民经济和社会发展规划\n")
    rows = rows_of(text)
    assert all(r["category"] != "某市国民经济和社会发展规划" for r in rows)
