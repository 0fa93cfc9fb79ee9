"""What an observation's value measures reaches evaluation: from the file's measure column, else its name."""

from __future__ import annotations

from sqlalchemy import select

from plantrack.observations.importer import import_file
from plantrack.store.models import Observation
from plantrack.tracking import _obs_dict


def test_the_measure_column_and_the_name_say_what_a_value_measures(session_factory, tmp_path):
    data = tmp_path / "energy.csv"
    data.write_text(
        "region,indicator,unit,year,value,source_url,source_title,quote,measure\n"
        "山西省,单位地区生产总值能源消耗降低,%,2021,2.7,https://example.org/1,2021年统计公报,能耗降低2.7%,annual_change\n"
        "山西省,单位地区生产总值能源消耗比上年下降,%,2022,3.0,https://example.org/2,2022年统计公报,比上年下降3.0%,\n"
        "山西省,常住人口城镇化率,%,2022,63.96,https://example.org/3,2022年人口抽样调查,城镇化率63.96%,\n",
        encoding="utf-8")
    import_file(session_factory, data)
    with session_factory() as s:
        by_name = {o.name: _obs_dict(o)["measure"] for o in s.scalars(select(Observation))}
    assert by_name["单位地区生产总值能源消耗降低"] == "annual_change"       # the file's column
    assert by_name["单位地区生产总值能源消耗比上年下降"] == "annual_change"  # the name
    assert by_name["常住人口城镇化率"] is None
