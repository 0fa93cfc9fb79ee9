"""Table rows as tab lines: merged cells keep columns, text rows stay text, labels stay in the table."""

from plantrack.ingest.grid import is_label_row, join_parts, table_lines


def test_a_cell_wrapped_over_parts_is_one_text_with_spaces_between_latin_words_only():
    assert join_parts(["单位地区生产总值", "能源消耗降低"]) == "单位地区生产总值能源消耗降低"
    assert join_parts(["GDP", "per capita"]) == "GDP per capita"
    assert join_parts(["PM2.5", "浓度"]) == "PM2.5浓度"


def test_a_category_label_across_the_table_below_its_header_is_a_row_with_an_empty_first_cell():
    rows = [[["指标"], ["2020年"], ["2025年"]], [["经济发展"], [], []], [["森林覆盖率"], ["28"], ["30"]]]
    assert table_lines(rows) == ["指标\t2020年\t2025年", "\t经济发展", "森林覆盖率\t28\t30"]


def test_a_caption_above_the_header_and_a_note_below_the_rows_are_text():
    rows = [[["表1 主要指标"], [], []], [["指标"], ["2020年"], ["2025年"]], [["森林覆盖率"], ["28"], ["30"]],
            [["注：带*为2019年数据。"], [], []]]
    assert table_lines(rows) == ["表1 主要指标", "指标\t2020年\t2025年", "森林覆盖率\t28\t30", "注：带*为2019年数据。"]


def test_a_box_of_paragraphs_is_not_a_label():
    assert not is_label_row([["专栏1 重大工程", "（1）清河生态修复工程。"], [], []])
    assert not is_label_row([["经济发展"], []])  # two columns: too narrow to tell a label from a row
    assert is_label_row([["一、设施网络"], [], [], []])
