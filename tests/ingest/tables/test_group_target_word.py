"""A bare target word merged over the columns under it (“十四五”目标 over 2025年 | 年均[累计]),
flattened into one header line, names no column of its own: the year under it is the target and
the growth column the plan's growth."""

from plantrack.ingest.tables.columns import columns_from_header


def roles(cells):
    return [(c.role, c.year) for c in columns_from_header(cells)]


def test_a_target_word_over_a_year_and_a_growth_column_is_a_group():
    got = roles(["序号", "指标", "单位", "属性", "“十三五”目标", "2020年", "年均[累计]"])
    assert got == [("seq", None), ("name", None), ("unit", None), ("binding", None),
                   ("target", 2020), ("planned_growth", None)]


def test_a_target_word_over_two_years_is_a_group_too():
    got = roles(["指标", "目标", "2025年", "2035年", "属性"])
    assert ("target", 2025) in got and not any(r == "target" and y is None for r, y in got)


def test_a_target_word_with_its_own_year_is_a_column():
    # 2025年目标 is the target column itself; the year before it is the base.
    assert roles(["指标", "2020年", "2025年目标", "属性"]) == [("name", None), ("base", 2020), ("target", 2025), ("binding", None)]


def test_a_target_word_after_the_years_stays_a_column():
    # 2020年 | 目标 | 属性: no year under the word, so it is the target column.
    got = roles(["指标", "单位", "2020年", "目标", "属性"])
    assert ("target", None) in got and ("base", 2020) in got
