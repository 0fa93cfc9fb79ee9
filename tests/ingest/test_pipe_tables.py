"""Markdown pipe tables become tab rows, one output line per input line."""

from plantrack.ingest.pipe_tables import pipe_tables_to_tab_rows, split_pipe_row


def test_rows_become_tab_rows_and_the_separator_an_empty_line():
    text = "表1 主要指标\n| 指标 | 单位 | 2025年 |\n|---|:---:|---:|\n| 森林覆盖率 | % | 30 |\n注：无\n"
    assert pipe_tables_to_tab_rows(text) == "表1 主要指标\n指标\t单位\t2025年\n\n森林覆盖率\t%\t30\n注：无\n"


def test_line_numbers_are_kept():
    text = "a\n| x | y |\n| - | - |\n| 1 | 2 |\n\nb"
    assert len(pipe_tables_to_tab_rows(text).split("\n")) == len(text.split("\n"))


def test_an_empty_cell_keeps_the_cells_after_it_in_their_columns():
    text = "| 类别 | 指标 |\n|---|---|\n| 环境质量 | 森林覆盖率 |\n|  | 空气质量优良天数比率 |"
    assert pipe_tables_to_tab_rows(text).split("\n")[3] == "\t空气质量优良天数比率"


def test_a_category_label_across_the_table_stays_a_row_of_it():
    text = "| 指标 | 2020年 | 2025年 |\n|---|---|---|\n| 经济发展 |  |  |\n| 地区生产总值增长 | 6 | 6 |"
    assert pipe_tables_to_tab_rows(text).split("\n")[2] == "\t经济发展"


def test_a_note_across_the_table_is_its_text():
    text = "| 指标 | 2020年 | 2025年 |\n|---|---|---|\n| 森林覆盖率 | 28 | 30 |\n| 注：带*为2019年数据。 | | |"
    assert pipe_tables_to_tab_rows(text).split("\n")[3] == "注：带*为2019年数据。"


def test_rows_without_outer_pipes_and_escaped_pipes_are_read():
    assert split_pipe_row(r"国家级\|省级 | 1\|2 ") == ["国家级|省级", "1|2"]
    assert pipe_tables_to_tab_rows("a | b\n--- | ---\n1 | 2") == "a\tb\n\n1\t2"


def test_pipes_without_a_separator_row_are_not_a_table():
    text = "国家级|省级|市级龙头企业数量\n| 不是表格 |\n"
    assert pipe_tables_to_tab_rows(text) == text


def test_a_separator_row_must_match_the_header_cells():
    text = "| a | b | c |\n|---|---|\n| 1 | 2 | 3 |"
    assert pipe_tables_to_tab_rows(text) == text


def test_crlf_line_endings_stay():
    assert pipe_tables_to_tab_rows("| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n") == "a\tb\r\n\n1\t2\r\n"


def test_a_cell_wrapped_with_br_is_one_cell():
    text = "| 指标 | 单位 |\n|---|---|\n| 单位地区生产总值<br>能源消耗降低 | % |\n| GDP<br/>per capita | 元 |"
    assert pipe_tables_to_tab_rows(text).split("\n")[2:] == ["单位地区生产总值能源消耗降低\t%", "GDP per capita\t元"]


def test_cells_one_per_line_closed_by_a_pipe_are_not_a_table_of_one_column():
    # A web table flattened to one cell per line: `- |` (an empty cell) under `约束性 |` is no separator.
    text = "森林覆盖率(%) |\n20 |\n- |\n约束性 |\n草原综合植被盖度(%) |\n- |\n- |\n预期性 |\n"
    assert pipe_tables_to_tab_rows(text) == text
