"""What an indicator's target says, and how two targets compare.

A table cell states a target in one of a few ways: a number (26), a bound (>50, ≤0.5, 95以上),
a figure about which (5个左右), a cumulative figure over the period ([15]), a duty inherited from
the level above (完成国家下达指标, 完成省下达目标任务: the figure is set by whoever assigns it),
or words (不减少, 有效保障). Alignment compares a city's target with its province's only where
both say a number of the same kind in units that convert; everything else is "not comparable",
except that inheriting the level above's figure is consistent by definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.values import is_compound, leading_number
from . import units as U
from .normalize import normalize

# 完成国家考核目标, 完成国家下达目标任务, 完成省下达指标, 完成省下任务, 完成上级下达的任务
_INHERIT = re.compile(r"^(?:力争|确保)?(?:完成|达到|落实|执行)(?:国家|省|省级|市|上级|上级政府|中央)?[^，。；]{0,8}?"
                      r"(?:下达|下|分解|考核|确定|要求)[^，。；]{0,6}?(?:目标|任务|指标|要求)")
_AT_LEAST = re.compile(r"^\s*[>≥＞]|以上|不低于|不少于|超过|高于")
_AT_MOST = re.compile(r"^\s*[<≤＜]|以下|以内|不高于|不超过|低于|控制在")
_ABOUT = re.compile(r"左右|约")
_CUMULATIVE = re.compile(r"^\s*[\[［]")


@dataclass(frozen=True)
class Reading:
    """One target as read: kind number | inherit | words | none."""

    kind: str
    text: str | None
    value: float | None = None
    bound: str | None = None  # at_least | at_most | about | None (the figure itself)
    cumulative: bool = False
    column: str = "target"  # target | annual_growth


def inherits(text: str | None) -> bool:
    """完成国家下达指标 and the like: the figure is the one the level above assigns."""
    return bool(text) and bool(_INHERIT.search(text.strip()))


def read_text(text, column: str = "target") -> Reading:
    if text is None or (isinstance(text, str) and not text.strip()):
        return Reading("none", None, column=column)
    if isinstance(text, (int, float)):
        return Reading("number", str(text), float(text), column=column)
    t = text.strip()
    if inherits(t):
        return Reading("inherit", t, column=column)
    if is_compound(t):
        return Reading("words", t, column=column)
    value = leading_number(t)
    if value is None:
        return Reading("words", t, column=column)
    bound = "at_least" if _AT_LEAST.search(t) else "at_most" if _AT_MOST.search(t) else "about" if _ABOUT.search(t) else None
    return Reading("number", t, float(value), bound, bool(_CUMULATIVE.match(t)), column)


def read_target(ind: dict) -> Reading:
    """The target an indicator row states: its target column, or else its 年均增长/累计 column."""
    text = ind.get("target_text")
    if text is None and ind.get("target_value") is not None:
        text = ind["target_value"]
    if text is not None and str(text).strip():
        return read_text(text, "target")
    growth = ind.get("annual_growth")
    if growth is not None and str(growth).strip():
        return read_text(growth, "annual_growth")
    return Reading("none", None)


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
    p, c = read_target(parent), read_target(child)
    if c.kind == "inherit":
        return Comparison("inherited")
    if c.kind == "none":
        return Comparison("not_comparable", "本规划未设目标值")
    if p.kind == "none":
        return Comparison("not_comparable", "上位规划未设目标值")
    if p.kind == "inherit":
        return Comparison("not_comparable", "上位规划目标为完成上级下达任务，本规划自设目标值")
    if p.kind == "words" or c.kind == "words":
        if p.kind == c.kind == "words" and normalize(p.text) == normalize(c.text):
            return Comparison("consistent")
        return Comparison("not_comparable", "目标为文字表述，无法按数值比较")
    if parent.get("target_year") and child.get("target_year") and parent["target_year"] != child["target_year"]:
        return Comparison("not_comparable", f"目标年份不同（{parent['target_year']}年与{child['target_year']}年）")
    if p.column != c.column:
        return Comparison("not_comparable", "一方为目标年数值、一方为年均增长，口径不同")
    if not (is_intensive(parent) and is_intensive(child)):
        return Comparison("not_comparable", "总量指标，本规划目标为本地区数值，不与上位规划总量直接比较")
    if p.cumulative != c.cumulative:
        return Comparison("not_comparable", "一方为累计值、一方为年度值，口径不同")
    f = U.factor(child.get("unit"), parent.get("unit")) if child.get("unit") and parent.get("unit") else 1.0
    if f is None:
        return Comparison("not_comparable", "计量单位不同且无法换算")
    if f != 1.0 and normalize(p.text) == normalize(c.text):
        # the same figure under another unit is more likely a unit slip than a tenfold target
        return Comparison("not_comparable", "目标数值相同但计量单位不同，须先核实单位")
    cv, pv = c.value * f, p.value
    if abs(cv - pv) <= 1e-9 * max(1.0, abs(pv)):
        return Comparison("consistent", parent_value=pv, child_value=cv)
    if direction not in ("higher", "lower"):
        return Comparison("not_comparable", "该指标没有统一的优劣方向", pv, cv)
    better = cv > pv if direction == "higher" else cv < pv
    return Comparison("stricter" if better else "weaker", parent_value=pv, child_value=cv)


def worse_than_base(ind: dict, direction: str | None) -> bool | None:
    """Is the target worse than the base value, for the better direction? None when not both
    numbers of one kind (a cumulative or growth-column target is not a level to set against a base)."""
    if direction not in ("higher", "lower"):
        return None
    base, target = ind.get("base_value"), read_target(ind)
    if base is None or target.kind != "number" or target.column != "target" or target.cumulative:
        return None
    if target.bound == "at_most" and direction == "higher" or target.bound == "at_least" and direction == "lower":
        return None  # a cap on a higher-is-better figure is not its target level
    return target.value < base if direction == "higher" else target.value > base
