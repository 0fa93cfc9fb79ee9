"""How evaluation reads observations: the measure a source's own name states."""

import pytest

from plantrack.evaluate.observations import measure_from_name


@pytest.mark.parametrize("name, measure", [
    ("单位地区生产总值能源消耗比上年下降", "annual_change"),
    ("规模以上工业增加值同比增长", "annual_change"),
    ("PM2.5浓度较2020年下降", "cumulative"),
    ("万元地区生产总值用水量较2020年累计下降", "cumulative"),
    ("常住人口城镇化率", None),
    (None, None),
])
def test_the_name_of_an_observation_says_what_its_value_measures(name, measure):
    assert measure_from_name(name) == measure


@pytest.mark.parametrize("name, stated, measure", [
    ("单位地区生产总值能源消耗降低", "annual_change", "annual_change"),  # the file's column wins
    ("单位地区生产总值能源消耗降低", "比上年", "annual_change"),
    ("PM2.5浓度较2020年下降", "累计", "cumulative"),
    ("PM2.5浓度较2020年下降", None, "cumulative"),                    # else the name
    ("常住人口城镇化率", "不认识", None),                              # an unknown word states nothing
])
def test_a_measure_stated_in_the_file_comes_first(name, stated, measure):
    from plantrack.evaluate.observations import measure_of

    assert measure_of(name, stated) == measure
