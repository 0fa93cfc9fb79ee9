"""A row whose unit is written only with its values (20.1% | 22%以上) takes that unit; values that
disagree, or carry no unit, leave the unit empty rather than guessed."""

from plantrack.ingest.clean import clean_text
from plantrack.ingest.tables import find_tables

TABLE = """表3 农村人居环境主要指标
指标  2020年  2025年  属性
农村卫生厕所普及率  86.5%  95%以上  约束性
生活污水治理率  28%  40%左右  预期性
村庄保洁覆盖面  90%  100个  预期性
农村公路里程(公里)  3200  3500  预期性
"""


def rows():
    [table] = find_tables(clean_text(TABLE))
    return {r["name"]: r for r in table.indicator_rows()}


def test_values_that_carry_one_unit_give_it_to_the_row():
    got = rows()
    assert (got["农村卫生厕所普及率"]["unit"], got["农村卫生厕所普及率"]["target_value"]) == ("%", 95)
    assert got["生活污水治理率"]["unit"] == "%"


def test_values_that_disagree_leave_the_unit_empty_and_the_name_unit_wins():
    got = rows()
    assert got["村庄保洁覆盖面"]["unit"] is None
    assert got["农村公路里程"]["unit"] == "公里"


def test_a_footnote_reference_closing_a_name_is_not_part_of_it():
    from plantrack.ingest.tables.fields import split_name
    assert split_name("每万人口高价值发明专利拥有量[1]") == ("每万人口高价值发明专利拥有量", None, None)
    assert split_name("森林覆盖率(%)［2］") == ("森林覆盖率", "%", None)
    # A cumulative value or a word in square brackets is not a footnote reference.
    assert split_name("单位产值能耗降低[20]")[0] == "单位产值能耗降低[20]"
    assert split_name("新增就业[累计]")[0] == "新增就业[累计]"
