"""Tables found by their body: row-shaped runs, columns from cell types, runs nobody read."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables, unread_regions
from plantrack.ingest.tables.regions import body_table_columns, is_row_like, row_runs


def test_a_row_is_a_name_with_values_and_a_sentence_is_not():
    assert is_row_like("森林覆盖率  %  23.5  26  约束性")
    assert is_row_like("地区生产总值 亿元 1800 2600")
    assert not is_row_like("到2025年，森林覆盖率达到26%。")
    assert not is_row_like("第三章 构建现代产业体系")


def test_runs_need_three_rows_and_may_hold_a_wrapped_line():
    texts = ["说明文字", "森林覆盖率 % 23.5 26 约束性", "湿地保护率 % 50 55 预期性", "一般文字",
             "草原综合植被盖度 % 70 73 预期性", "结束。"]
    assert row_runs(texts) == [(1, 4)]
    assert row_runs(texts[:3]) == []


def test_columns_come_from_the_types_of_the_cells():
    rows = ["1  森林覆盖率  %  23.5  26  约束性", "2  地区生产总值  亿元  1800  2600  预期性",
            "3  湿地保护率  %  50  55  预期性"]
    assert body_table_columns(rows) == ["seq", "name", "unit", "base", "target", "binding"]
    assert body_table_columns(["森林覆盖率  %  26  约束性", "湿地保护率  %  55  预期性", "草原盖度  %  73  预期性"]) == [
        "name", "unit", "target", "binding"]


def test_rows_without_binding_words_or_a_unit_column_are_not_surely_a_table():
    assert body_table_columns(["一期工程 2021 2023", "二期工程 2023 2025", "三期工程 2025 2027"]) is None


CONTINUED = """表3 主要指标
指标\t单位\t2020年\t2025年\t属性
森林覆盖率\t%\t23.5\t26\t约束性
湿地保护率\t%\t50\t55\t预期性
某市生态环境保护规划
草原综合植被盖度\t%\t70\t73\t预期性
水土保持率\t%\t65\t68\t约束性
地表水达到或好于Ⅲ类水体比例\t%\t80\t85\t约束性
第三章 下一章
"""


def test_a_continuation_page_without_header_takes_the_columns_of_the_table_above():
    tables = find_tables(clean_text(CONTINUED))
    assert [(t.evidence, len(t.rows)) for t in tables] == [("header", 2), ("body", 3)]
    rows = tables[1].indicator_rows()
    assert (rows[0]["name"], rows[0]["unit"], rows[0]["base_value"], rows[0]["target_value"], rows[0]["binding"],
            rows[0]["target_year"]) == ("草原综合植被盖度", "%", 70, 73, "expected", 2025)
    assert rows[0]["evidence"] == "body" and rows[0]["confidence"] < tables[0].confidence


HEADERLESS = """第二节 主要目标
到2025年，生态环境持续改善。
森林覆盖率 % 23.5 26 约束性
湿地保护率 % 50 55 预期性
草原综合植被盖度 % 70 73 预期性
第三节 下一节
"""


def test_a_table_with_no_header_at_all_is_read_by_its_body():
    [table] = find_tables(clean_text(HEADERLESS))
    assert table.evidence == "body"
    assert [(r["name"], r["unit"], r["base_value"], r["target_value"], r["binding"]) for r in table.indicator_rows()] == [
        ("森林覆盖率", "%", 23.5, 26, "binding"), ("湿地保护率", "%", 50, 55, "expected"),
        ("草原综合植被盖度", "%", 70, 73, "expected"),
    ]


def test_row_shaped_runs_no_table_took_are_listed_by_source_line():
    text = "规划项目\n一期工程 2021 2023 10\n二期工程 2023 2025 20\n三期工程 2025 2027 30\n结束语。\n"
    lines = clean_text(text)
    tables = find_tables(lines)
    assert tables == []
    assert unread_regions(lines, tables) == [(2, 4)]
    assert unread_regions(clean_text(HEADERLESS), find_tables(clean_text(HEADERLESS))) == []


def test_a_table_printed_one_cell_per_line_that_no_reader_took_is_listed():
    cells = ["地区生产总值", "亿元", "1800", "2600", "水资源总量", "亿立方米", "12", "13",
             "森林覆盖率", "%", "23.5", "26", "湿地保护率", "%", "50", "55"]
    text = "下表列出各项数据\n" + "\n".join(cells) + "\n以上数据来自统计年鉴，仅供参考。\n"
    lines = clean_text(text)
    # The short line above the cells is inside the run: a run is what a person should look at.
    assert unread_regions(lines, find_tables(lines)) == [(1, 17)]
