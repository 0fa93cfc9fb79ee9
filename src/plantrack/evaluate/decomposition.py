"""Checking a decomposition (分解下达): do the children's assigned targets add up to, or stay as
strict as, the parent's target?

    sum       the children's figures add up to the parent's total (新增就业, 粮食综合生产能力)
    weighted  the children's figures, weighted by a base (energy use, GDP), average to the parent's
              (rates and intensities)
    at_least  every child at least the parent's floor (森林覆盖率 must not fall below it)
    at_most   every child at most the parent's ceiling

Which way is "stricter" for sum and weighted follows the parent's target: a ceiling (≤, 以内, a
lower-is-better quantity) must not be exceeded, anything else must be reached. Pure: the caller
gives the parent indicator with its target read, and the children's figures.
"""

from __future__ import annotations

from plantrack.domain.targets import TargetSpec

RULES = ("sum", "weighted", "at_least", "at_most")
RULE_LABELS = {"sum": "合计", "weighted": "加权平均", "at_least": "不低于", "at_most": "不高于"}
_EPS = 1e-9


def parent_figure(spec: TargetSpec) -> float | None:
    if spec.value is not None:
        return spec.value
    if spec.low is not None or spec.high is not None:
        return spec.low if (spec.better or "higher") == "higher" else spec.high
    return None


def strict_side(spec: TargetSpec, rule: str) -> str:
    """'higher' where a larger child figure is stricter, 'lower' where a smaller one is."""
    if rule == "at_least":
        return "higher"
    if rule == "at_most":
        return "lower"
    return "lower" if spec.kind == "at_most" or spec.better == "lower" else "higher"


def _g(x: float) -> str:
    return f"{round(x, 4):g}"


def check_allocation(name: str, unit: str | None, spec: TargetSpec, rule: str, children: list[dict]) -> dict:
    """children: [{region, value, weight}]. Returns the verdict with the numbers behind it."""
    unit_s = unit or ""
    target = parent_figure(spec)
    out = {"indicator": name, "unit": unit, "rule": rule, "parent_target": spec.text, "parent_value": target,
           "children": children, "ok": None, "shortfall": None, "weaker": [], "aggregate": None}
    if target is None:
        out["message"] = f"“{name}”上位目标“{spec.text or '无'}”没有具体数值，无法检查分解是否到位。"
        return out
    side = strict_side(spec, rule)
    if rule in ("sum", "weighted"):
        if rule == "sum":
            aggregate = sum(c["value"] for c in children)
        else:
            unweighted = [c["region"] for c in children if not c.get("weight")]
            if unweighted:
                out["message"] = f"“{name}”按加权平均分解，但{'、'.join(unweighted)}没有权重，无法检查。"
                return out
            total_w = sum(c["weight"] for c in children)
            aggregate = sum(c["value"] * c["weight"] for c in children) / total_w
        gap = (target - aggregate) if side == "higher" else (aggregate - target)
        out["aggregate"] = aggregate
        out["ok"] = gap <= _EPS * max(1.0, abs(target))
        label = RULE_LABELS[rule]
        if out["ok"]:
            out["message"] = f"“{name}”各地区下达目标{label}{_g(aggregate)}{unit_s}，达到上位目标{_g(target)}{unit_s}。"
        else:
            out["shortfall"] = gap
            verb = "低于" if side == "higher" else "超过"
            out["message"] = (f"“{name}”各地区下达目标{label}{_g(aggregate)}{unit_s}，{verb}上位目标{_g(target)}{unit_s}，"
                              f"缺口{_g(gap)}{unit_s}。")
        return out
    weaker = []
    for c in children:
        gap = (target - c["value"]) if side == "higher" else (c["value"] - target)
        if gap > _EPS * max(1.0, abs(target)):
            weaker.append({"region": c["region"], "value": c["value"], "shortfall": gap})
    out["weaker"] = weaker
    out["ok"] = not weaker
    bound = "下限" if side == "higher" else "上限"
    if weaker:
        out["shortfall"] = max(w["shortfall"] for w in weaker)
        names = "、".join(f"{w['region']}（{_g(w['value'])}{unit_s}，差{_g(w['shortfall'])}{unit_s}）" for w in weaker)
        out["message"] = f"“{name}”的下达目标弱于上位{bound}{_g(target)}{unit_s}：{names}。"
    else:
        out["message"] = f"“{name}”各地区下达目标均不弱于上位{bound}{_g(target)}{unit_s}。"
    return out
