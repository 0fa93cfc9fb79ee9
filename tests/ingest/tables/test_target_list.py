"""A two-column list of indicators and their targets, one per line under a dated title, is read as a
table: the figure after the words of aim is the target, the words after it the unit, a bracketed
note of where things stand now the base; prose and undated lists are left alone."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables

LIST = """某市到2035年的主要生态指标，如下：
空气优良天数比例 提高到92%(目前85.5%) |
城市污水处理率 达到98%以上 |
人均公园绿地面积 15平方米(2019年为11.2平方米) |
河湖水质达标率 较2020年提高6个百分点 |
单位产值能耗 降低18%左右(2030年前下降12%) |
"""

TRADITIONAL = """2030年的主要環境指標,其中:
森林覆蓋率 達到25%(目前21.6%) |
濕地保護率 提升至60% |
綠色建築占比 80%(2018年為41.2%) |
"""


def rows(text):
    tables = find_tables(clean_text(text))
    assert len(tables) == 1
    return {r["name"]: r for r in tables[0].indicator_rows()}


def test_each_line_is_a_row_with_the_titles_year_as_its_target_year():
    got = rows(LIST)
    assert list(got) == ["空气优良天数比例", "城市污水处理率", "人均公园绿地面积", "河湖水质达标率", "单位产值能耗"]
    assert {r["target_year"] for r in got.values()} == {2035}
    assert (got["空气优良天数比例"]["target_value"], got["空气优良天数比例"]["unit"]) == (92, "%")
    assert got["城市污水处理率"]["target_text"] == "达到98%以上"


def test_the_figure_after_a_reference_year_is_the_target_not_the_year():
    got = rows(LIST)["河湖水质达标率"]
    assert got["target_value"] == 6
    assert got["target_text"] == "较2020年提高6个百分点"


def test_a_note_of_the_present_is_the_base_and_a_milestone_is_not():
    got = rows(LIST)
    assert (got["空气优良天数比例"]["base_value"], got["空气优良天数比例"]["base_year"]) == (85.5, None)
    assert (got["人均公园绿地面积"]["base_value"], got["人均公园绿地面积"]["base_year"]) == (11.2, 2019)
    assert got["人均公园绿地面积"]["unit"] == "平方米"
    assert got["单位产值能耗"]["base_value"] is None
    assert got["单位产值能耗"]["target_value"] == 18


def test_traditional_script_keeps_its_names_and_units_as_written():
    got = rows(TRADITIONAL)
    assert list(got) == ["森林覆蓋率", "濕地保護率", "綠色建築占比"]
    assert got["綠色建築占比"]["base_year"] == 2018
    assert got["森林覆蓋率"]["base_value"] == 21.6


def test_a_list_without_a_dated_title_is_not_read():
    text = LIST.split("\n", 1)[1]
    assert find_tables(clean_text("几点说明\n" + text)) == []


def test_two_lines_are_not_a_table():
    text = "\n".join(LIST.splitlines()[:3]) + "\n"
    assert find_tables(clean_text(text)) == []


def test_prose_lines_with_a_space_are_not_rows():
    text = ("到2035年的主要目标指标如下。\n全市 2025年地区生产总值达到5000亿元，\n"
            "各县 2030年前完成改造任务1200户，\n城乡 居民收入年均增长6%以上。\n")
    assert find_tables(clean_text(text)) == []
