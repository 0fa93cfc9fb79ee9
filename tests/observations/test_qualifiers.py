"""Qualifiers in an observation's wording become its series and flags."""

from plantrack.observations.qualifiers import qualify


def test_another_definition_is_a_series_of_its_own():
    q = qualify("设区城市空气质量优良天数比例(扣除沙尘异常超标天)", "%")
    assert q.series == "扣除沙尘异常超标天" and "series_break" in q.flags


def test_a_partial_year_is_flagged():
    q = qualify("设区城市细颗粒物(PM2.5)浓度(1-10月累计)", "微克/立方米")
    assert "partial_year" in q.flags and q.series is None


def test_a_bound_in_the_unit_is_flagged_and_the_unit_kept():
    q = qualify("受污染耕地安全利用率", "%(以上)")
    assert q.unit == "%" and q.flags == ("lower_bound",)


def test_a_period_average_is_not_a_yearly_value():
    q = qualify("地区生产总值年均增长(2021-2025)", "%")
    assert "period_average" in q.flags and q.series == "2021-2025"


def test_a_descriptive_bracket_is_a_note_not_a_series():
    q = qualify("地表水达到或好于III类水体比例(国考断面优良比例)", "%")
    assert q.series is None and q.notes == ("国考断面优良比例",)
