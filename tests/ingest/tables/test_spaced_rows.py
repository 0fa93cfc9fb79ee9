"""A table a document-sharing site ran together on one line, a space between cells and rows told
apart by their numbers, is read: columns from the header words, a category printed down the left
edge (one character between rows) joined per group, the group restarting its numbering, the page
numbers at the end left out; a row that does not fit ends the table."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables
from plantrack.ingest.tables.spaced_rows import read_spaced_rows

DUMP = ("附表: 某县养老服务“十三五”规划 考核指标体系 考核指标 单位 分值 目标值 "
        "1.护理型床位占比 % 5 ≥40 养 2.社区日间照料中心覆盖率 % 5 ≥90 老 3.养老机构数量 个 4 ≥12 "
        "1.老年人健康管理率 % 6 ≥70 健 2.家庭医生签约人数 万人 6 ≥3.5 康 3.人均照护支出 元 4 ≤800 - 3 - - 4 -")


def test_rows_cells_and_categories_down_the_left_edge():
    title, roles, rows = read_spaced_rows(DUMP)
    assert [r for r, _ in roles] == ["unit", "other", "target"]
    assert [r["name"] for r in rows] == ["护理型床位占比", "社区日间照料中心覆盖率", "养老机构数量",
                                         "老年人健康管理率", "家庭医生签约人数", "人均照护支出"]
    assert [r["category"] for r in rows] == ["养老"] * 3 + ["健康"] * 3
    assert rows[4]["cells"] == {"unit": "万人", "target": "≥3.5"}
    assert "考核指标体系" in title


def test_as_a_table_the_title_period_gives_the_target_year_and_the_weight_is_no_field():
    tables = find_tables(clean_text(DUMP + "\n"))
    assert len(tables) == 1
    got = {r["name"]: r for r in tables[0].indicator_rows()}
    row = got["人均照护支出"]
    assert (row["unit"], row["target_value"], row["target_text"]) == ("元", 800, "≤800")
    assert row["target_year"] == 2020
    assert len(got) == 6


def test_a_row_that_does_not_fit_ends_the_table():
    broken = DUMP.replace("2.家庭医生签约人数 万人 6 ≥3.5", "2.家庭医生签约人数 万人 若干")
    _, _, rows = read_spaced_rows(broken)
    assert [r["name"] for r in rows] == ["护理型床位占比", "社区日间照料中心覆盖率", "养老机构数量", "老年人健康管理率"]
    assert read_spaced_rows(DUMP.replace("3.养老机构数量 个 4 ≥12", "3.养老机构数量 个 若干")) is None  # two rows: no table


def test_prose_and_short_runs_are_not_tables():
    assert read_spaced_rows("考核指标 单位 目标值 1.护理型床位占比 % ≥40 其余指标另行制定") is None
    assert find_tables(clean_text("本规划的考核指标 单位 目标值由各部门另行商定，1.按年度分解落实到位，确保完成。\n")) == []
