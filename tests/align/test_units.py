"""Units as dimensions and sizes."""

from __future__ import annotations

import pytest

from plantrack.align import units as U


@pytest.mark.parametrize(
    ("a", "b", "f"),
    [
        ("万户", "户", 10000),
        ("‰", "%", 0.1),
        ("%", "‰", 10),
        ("亿斤", "万吨", 5),
        ("万亿元", "亿元", 10000),
        ("亿吨标准煤", "万吨标准煤", 10000),
        ("%(以上)", "%", 1),
        ("μg/m³", "微克/立方米", 1),
    ],
)
def test_factor(a, b, f):
    assert U.factor(a, b) == pytest.approx(f)


def test_other_dimensions_do_not_convert():
    assert U.factor("万吨", "%") is None
    assert U.compatible("万吨", "%") is False
    assert U.compatible("人/亿元", "人/亿元") is True
    assert U.compatible(None, "%") is None


def test_multi_unit_cells():
    assert U.split_units("万吨、%") == ["万吨", "%"]
    assert U.compatible("万吨、%", "%") is True


def test_intensive_units():
    assert U.is_intensive("%") and U.is_intensive("微克/立方米") and U.is_intensive("岁")
    assert not U.is_intensive("万吨") and not U.is_intensive("亿吨标准煤") and not U.is_intensive("户")
