"""How two plans' targets for one indicator compare, and whether a target falls behind its base.

The target text is read once, by domain.targets.interpret (the same reading evaluation uses);
this module only compares the TargetSpecs it gives. A city's target is compared with its
province's only where both wrote one figure of the same kind (a level, a bound, a growth rate, a
change over the period) in units that convert; everything else is "not comparable", except that
inheriting the level above's figure (完成省下达目标任务) is consistent by definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.targets import TargetSpec, interpret
from . import units as U
from .normalize import normalize

# Kinds that carry the one figure the plan wrote. A range states two, a compound cell several.
_ONE_FIGURE = frozenset({"level", "at_least", "at_most", "about", "average_growth", "cumulative_change"})
# 不减少 / 不增加 become a bound at the plan's own base: a figure of its own region, not one it set.
_BASE_WORDINGS = frozenset({"keep_floor", "keep_ceiling"})
_BOUNDS = ("at_least", "at_most", "about")


def figure(spec: TargetSpec) -> float | None:
    """The one figure the plan wrote as its target; None for words, ranges, compound cells, a duty
    taken from the level above, or a bound at the plan's own base."""
    if spec.kind in _ONE_FIGURE and spec.wording not in _BASE_WORDINGS:
        return spec.value
    return None


def bound(spec: TargetSpec) -> str | None:
    """at_least | at_most | about, or None where the figure is the target itself."""
    if spec.kind in _BOUNDS:
        return spec.kind
    return spec.qualifier if spec.qualifier in _BOUNDS else None


def target_level(spec: TargetSpec) -> float | None:
    """The level the target column sets for the target year; None for a growth-column figure or a
    change over the period, which are not levels to set against a base or a sentence's figure."""
    if spec.column != "target_text" or spec.kind == "cumulative_change":
        return None
    return figure(spec)


_PER_HEAD = re.compile(r"每[十百千万]*人|人均|率|比例|比重|占比|指数|强度|密度|浓度|增长|增速|下降|降低|减少|寿命|年限")


def is_intensive(ind: dict) -> bool:
    """A figure that does not grow with the region's size (shares, rates, per head, growth): a
    city's and a province's can be compared; totals (万吨, 户, 亿吨标准煤) cannot."""
    unit = ind.get("unit")
    if unit and U.is_intensive(unit):
        return True
    return bool(_PER_HEAD.search(normalize(ind.get("name") or "")))


@dataclass(frozen=True)
class Comparison:
    status: str  # consistent | inherited | stricter | weaker | not_comparable
    reason: str = ""  # Chinese, for not_comparable
    parent_value: float | None = None
    child_value: float | None = None  # in the parent's unit


def compare(parent: dict, child: dict, direction: str | None) -> Comparison:
    """The child's target against the parent's, for an indicator where `direction` is better."""
    p, c = interpret(parent), interpret(child)
    if c.kind == "assigned":
        return Comparison("inherited")
    if c.kind == "none":
        return Comparison("not_comparable", "本规划未设目标值")
    if p.kind == "none":
        return Comparison("not_comparable", "上位规划未设目标值")
    if p.kind == "assigned":
        return Comparison("not_comparable", "上位规划目标为完成上级下达任务，本规划自设目标值")
    pv, cv = figure(p), figure(c)
    if pv is None or cv is None:
        if pv is None and cv is None and normalize(p.text) == normalize(c.text):
            return Comparison("consistent")
        if "range" in (p.kind, c.kind):
            return Comparison("not_comparable", "目标为区间，无法按单一数值比较")
        return Comparison("not_comparable", "目标为文字表述，无法按数值比较")
    if parent.get("target_year") and child.get("target_year") and parent["target_year"] != child["target_year"]:
        return Comparison("not_comparable", f"目标年份不同（{parent['target_year']}年与{child['target_year']}年）")
    if p.column != c.column:
        return Comparison("not_comparable", "一方为目标年数值、一方为年均增长，口径不同")
    if not (is_intensive(parent) and is_intensive(child)):
        return Comparison("not_comparable", "总量指标，本规划目标为本地区数值，不与上位规划总量直接比较")
    if (p.kind == "cumulative_change") != (c.kind == "cumulative_change"):
        return Comparison("not_comparable", "一方为累计值、一方为年度值，口径不同")
    f = U.factor(child.get("unit"), parent.get("unit")) if child.get("unit") and parent.get("unit") else 1.0
    if f is None:
        return Comparison("not_comparable", "计量单位不同且无法换算")
    if f != 1.0 and normalize(p.text) == normalize(c.text):
        # the same figure under another unit is more likely a unit slip than a tenfold target
        return Comparison("not_comparable", "目标数值相同但计量单位不同，须先核实单位")
    cv *= f
    if abs(cv - pv) <= 1e-9 * max(1.0, abs(pv)):
        return Comparison("consistent", parent_value=pv, child_value=cv)
    if direction not in ("higher", "lower"):
        return Comparison("not_comparable", "该指标没有统一的优劣方向", pv, cv)
    better = cv > pv if direction == "higher" else cv < pv
    return Comparison("stricter" if better else "weaker", parent_value=pv, child_value=cv)


def worse_than_base(ind: dict, direction: str | None) -> bool | None:
    """Is the target worse than the base value, for the better direction? None when not both
    levels (a cumulative or growth-column target is not a level to set against a base)."""
    if direction not in ("higher", "lower"):
        return None
    spec = interpret(ind)
    base, level = ind.get("base_value"), target_level(spec)
    if base is None or level is None:
        return None
    if bound(spec) == ("at_most" if direction == "higher" else "at_least"):
        return None  # a cap on a higher-is-better figure is not its target level
    return level < base if direction == "higher" else level > base
