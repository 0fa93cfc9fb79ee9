"""Comparing two plans' targets for one indicator, and a target against its base.

Reading the target text is domain.targets' job (tests/domain/test_targets.py)."""

from __future__ import annotations

import pytest

from plantrack.align.targets import compare, worse_than_base


def ind(name="森林覆盖率", unit="%", target=None, growth=None, base=None, **kw) -> dict:
    return {"name": name, "unit": unit, "target_text": target, "annual_growth": growth, "base_value": base,
            "target_year": kw.get("year", 2025), "binding": kw.get("binding", "expected")}


@pytest.mark.parametrize(
    ("parent", "child", "direction", "status"),
    [
        (ind(target="26"), ind(target="26"), "higher", "consistent"),
        (ind(target="26"), ind(target="31.77"), "higher", "stricter"),
        (ind(target="26"), ind(target="18.39"), "higher", "weaker"),
        (ind(target="5.5", name="城镇调查失业率"), ind(target="5", name="城镇调查失业率"), "lower", "stricter"),
        (ind(target="5.5", name="城镇调查失业率"), ind(target="6", name="城镇调查失业率"), "lower", "weaker"),
        (ind(target="完成国家下达指标"), ind(target="完成省下达目标任务"), "higher", "inherited"),
        (ind(target="26"), ind(target="完成省下达目标任务"), "higher", "inherited"),
        (ind(target="完成国家下达指标"), ind(target="30"), "higher", "not_comparable"),
        (ind(target="不减少"), ind(target="不减少"), "higher", "consistent"),
        (ind(target="1365", name="粮食综合生产能力", unit="万吨"),
         ind(target="270", name="粮食综合生产能力", unit="万吨"), "higher", "not_comparable"),
        (ind(growth=">8"), ind(growth="10"), "higher", "stricter"),
        (ind(growth="8"), ind(target="40"), "higher", "not_comparable"),
        (ind(target="≤0.5"), ind(target="≤0.5", unit="‰"), "lower", "not_comparable"),
        (ind(target="≤0.5"), ind(target="≤0.3", unit="‰"), "lower", "stricter"),
        (ind(target="42"), ind(target="45"), None, "not_comparable"),
        (ind(target="42"), ind(target="42"), None, "consistent"),
        (ind(target="26"), ind(target="28", year=2030), "higher", "not_comparable"),
        # 不减少 holds each plan's own base: the same words, not two figures
        (ind(target="不减少", base=30), ind(target="不减少", base=12), "higher", "consistent"),
        (ind(target="不减少", base=30), ind(target="31", base=12), "higher", "not_comparable"),
        # a reduction's plain figure is its fall over the period, the same as [15]
        (ind(name="单位地区生产总值能源消耗降低", target="[15]"), ind(name="单位地区生产总值能源消耗降低", target="15"),
         "higher", "consistent"),
        (ind(name="单位地区生产总值能源消耗降低", growth="[15]"), ind(name="单位地区生产总值能源消耗降低", growth="3"),
         "higher", "not_comparable"),
    ],
)
def test_compare(parent, child, direction, status):
    assert compare(parent, child, direction).status == status


@pytest.mark.parametrize(
    ("parent", "child", "reason"),
    [
        (ind(target="6-9"), ind(target="8"), "目标为区间，无法按单一数值比较"),
        (ind(target="有效保障"), ind(target="8"), "目标为文字表述，无法按数值比较"),
        (ind(target="[15]"), ind(target="15"), "一方为累计值、一方为年度值，口径不同"),
    ],
)
def test_not_comparable_says_why(parent, child, reason):
    assert compare(parent, child, "higher").reason == reason


@pytest.mark.parametrize(
    ("row", "direction", "worse"),
    [
        (ind(base=282, target="270"), "higher", True),
        (ind(base=0.021, target="0.03"), "lower", True),
        (ind(base=15.22, target="18.39"), "higher", False),
        (ind(base=98, target="95以上"), "higher", True),
        (ind(base=610, target="[1300]"), "higher", None),
        (ind(base=3.6, growth=">8"), "higher", None),
        (ind(base=3, target="完成省下达目标任务"), "higher", None),
        (ind(base=49.6, target="42"), None, None),
    ],
)
def test_worse_than_base(row, direction, worse):
    assert worse_than_base(row, direction) == worse
