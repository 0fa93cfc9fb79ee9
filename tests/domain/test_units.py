"""Units are told from names and values by their shape."""

import pytest

from plantrack.domain.units import is_unit


@pytest.mark.parametrize("text", ["%", "‰", "个", "万吨", "亿吨标准煤", "人/亿元", "1/10万", "微克/立方米", "万吨、%", "年一遇", "公里",
                                  "L/d", "kg", "m3/s", "t/d", "MW", "kWh"])
def test_units(text):
    assert is_unit(text)


@pytest.mark.parametrize("text", ["GDP", "新基建", "国家级/省级", "助理", "R&D", "43", "10万", "-", "地区生产总值",
                                  "PM2.5", "COD", "5G", "d", "A", "L"])
def test_not_units(text):
    assert not is_unit(text)
