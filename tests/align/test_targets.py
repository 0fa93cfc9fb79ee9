"""Reading a target cell and comparing two targets."""

from __future__ import annotations

import pytest

from plantrack.align.targets import compare, inherits, read_target, read_text, worse_than_base


def ind(name="森林覆盖率", unit="%", target=None, growth=None, base=None, **kw) -> dict:
    return {"name": name, "unit": unit, "target_text": target, "annual_growth": growth, "base_value": base,
            "target_year": kw.get("year", 2025), "binding": kw.get("binding", "expected")}


@pytest.mark.parametrize("text", ["完成国家考核目标", "完成国家下达目标任务", "完成省下达指标", "完成省下任务",
                                  "完成上级下达的任务"])
def test_inherits(text):
    assert inherits(text)


@pytest.mark.parametrize("text", ["不减少", "有效保障", "与GDP目标增速保持一致", "26", None])
def test_does_not_inherit(text):
    assert not inherits(text)


@pytest.mark.parametrize(
    ("text", "kind", "value", "bound", "cumulative"),
    [
        ("26", "number", 26, None, False),
        (">50", "number", 50, "at_least", False),
        ("≤0.5", "number", 0.5, "at_most", False),
        ("95以上", "number", 95, "at_least", False),
        ("5个左右", "number", 5, "about", False),
        ("[1300]", "number", 1300, None, True),
        ("1/10/1/2", "words", None, None, False),
        ("不减少", "words", None, None, False),
        ("完成省下达目标任务", "inherit", None, None, False),
    ],
)
def test_read_text(text, kind, value, bound, cumulative):
    r = read_text(text)
    assert (r.kind, r.value, r.bound, r.cumulative) == (kind, value, bound, cumulative)


def test_growth_column_is_read_when_there_is_no_target():
    r = read_target(ind(target=None, growth=">8"))
    assert (r.kind, r.value, r.column) == ("number", 8, "annual_growth")


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
    ],
)
def test_compare(parent, child, direction, status):
    assert compare(parent, child, direction).status == status


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
