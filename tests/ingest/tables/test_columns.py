"""Column roles from header words, for each shape a header comes in."""

from plantrack.ingest.tables.columns import columns_from_header, is_header_line, stack_header_cells


def roles(cols):
    return [(c.role, c.year) for c in cols]


def test_a_header_stacked_over_lines_is_read_per_column_position():
    header = ["类  序", "          指标        2020年      2025年      年均/累计      属性", "别  号"]
    assert stack_header_cells(header) == ["类别", "序号", "指标", "2020年", "2025年", "年均/累计", "属性"]


def test_years_under_value_words_qualify_them_even_when_the_indent_was_lost():
    header = ["指标名称        单位        基期值        目标值        属性", "（2020年）    （2025年）"]
    assert stack_header_cells(header) == ["指标名称", "单位", "基期值（2020年）", "目标值（2025年）", "属性"]
    assert roles(columns_from_header(stack_header_cells(header))) == [
        ("name", None), ("unit", None), ("base", 2020), ("target", 2025), ("binding", None)]


def test_a_lone_year_column_is_the_target_and_a_later_one_the_horizon():
    assert roles(columns_from_header(["指标单位2025年属性"])) == [("name", None), ("unit", None), ("target", 2025), ("binding", None)]
    assert [r for r, _ in roles(columns_from_header(["指标", "2020年", "2025年", "2035年"]))] == ["name", "base", "target", "horizon"]


def test_header_lines_may_hold_words_the_rules_do_not_know_but_not_sentences():
    assert is_header_line("“十三五”年均增长(%)")
    assert is_header_line("2015年 完成")
    assert not is_header_line("主要目标指标表，见下。")
    assert not is_header_line("表1 主要指标")


def test_a_header_of_cells_may_hold_a_few_unknown_words_and_names_owners_as_other():
    assert is_header_line("序号\t指标名称\t单位\t2020年\t2025年\t属性\t责任单位")
    assert is_header_line("指标名称  单位  2020年  2025年  属性  备注")
    assert not is_header_line("地区生产总值  亿元  120  180  预期性")
    cols = columns_from_header(["指标名称", "单位", "2025年", "属性", "牵头单位"])
    assert [c.role for c in cols] == ["name", "unit", "target", "binding", "other"]


def test_a_footnote_number_after_a_header_word_does_not_hide_the_header():
    assert is_header_line("〔累计〕1")
    assert is_header_line("属性2")
    assert [c.role for c in columns_from_header(["指标2015年2020年〔累计〕1属性"])] == [
        "name", "base", "target", "growth", "binding"]
    assert not is_header_line("森林覆盖率 23")


def test_a_note_in_brackets_after_a_header_word_is_not_part_of_it():
    from plantrack.ingest.tables.columns import strip_header_notes
    assert strip_header_notes("2020年基期值(起始日期用作比较的数据)") == "2020年基期值"
    assert strip_header_notes("年均增(5年累计)") == "年均增"
    assert strip_header_notes("目标值(%)") == "目标值(%)"
    assert strip_header_notes("基期值（2020年）") == "基期值（2020年）"
    assert is_header_line("2025年目标值(各项目标应达到的水平)")
    assert [c.role for c in columns_from_header(["指标2020年基期值2025年目标值年均增"])] == ["name", "base", "target", "growth"]
