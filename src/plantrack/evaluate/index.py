"""规划目标实现综合指数: one number per plan, per area and per region, with its parts and weights.

Shanxi's own assessments weigh target attainment by area (经济增长, 社会发展, 科技进步, 资源环境,
人民生活); this index does the same from the statuses evaluate already computed, so every part can
be traced back to an assessment's numbers. With the defaults (config.IndexConfig):

1. Each indicator's attainment (达成度), by what its assessment measured:
   * a ratio of achieved to expected progress (序时进度, average rate / target rate, relative
     targets): min(max(ratio, 0), cap) — moving the wrong way counts 0, being ahead counts at most
     `cap` (1.2) so one indicator far ahead cannot hide others that lag;
   * a threshold held every year: the share of the years checked in which it held;
   * no ratio otherwise (a level kept, a direction, a target met with no base): 1 when the status
     is 基本符合预期 or better, 0 when 滞后; 提前实现 without a ratio counts `cap`.
   无数据 and 需人工评估 are not counted: they are listed with their reason, and the index states
   its coverage (counted / all indicators) so a high index over a few indicators is not mistaken
   for a plan on track.
2. An area (the indicator table's category) is the weighted mean of its indicators' attainment;
   an indicator weighs 1, a binding (约束性) one `binding_weight`. The targets of the plan's text
   tracked as items (evaluate/prose_targets.py) form one area of their own, 文中量化目标: for a
   plan without a table they are the whole index; `area_weights` can weigh them down.
3. A plan is the weighted mean of its areas: `area_weights` by category name, equal weights for
   areas not named; areas with nothing counted drop out and their weight is shared among the rest.
4. A region pools the assessments of all its plans, area by area, the same way.
The index is printed × `scale` (100): 100 means every counted indicator exactly on its path.
"""

from __future__ import annotations

from collections.abc import Iterable

from plantrack.evaluate.config import DEFAULT_INDEX, EVERY_YEAR, IndexConfig
from plantrack.evaluate.vocabulary import Status

NOT_COUNTED = (Status.NO_DATA, Status.MANUAL)
OK = (Status.MET_EARLY, Status.AHEAD, Status.ON_TRACK)


def attainment(a: dict, config: IndexConfig = DEFAULT_INDEX) -> tuple[float | None, str]:
    """(an assessment's attainment, how it was measured: ratio | years_held | status), or
    (None, "not_counted") for 无数据 / 需人工评估."""
    status = a.get("status")
    if status in NOT_COUNTED:
        return None, "not_counted"
    ratio = a.get("ratio")
    if isinstance(ratio, (int, float)):
        return min(max(float(ratio), 0.0), config.cap), "ratio"
    details = a.get("details") or {}
    if a.get("method") == EVERY_YEAR and details.get("checked"):
        checked = details["checked"]
        held = len(checked) - len(details.get("breaches") or [])
        return held / len(checked), "years_held"
    if status == Status.MET_EARLY:
        return config.cap, "status"
    return (1.0 if status in OK else 0.0), "status"


def _weight(a: dict, config: IndexConfig) -> float:
    binding = (a.get("indicator") or {}).get("binding") in ("binding", "约束性")
    return config.binding_weight if binding else 1.0


def _mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(w for _, w in pairs)
    return sum(v * w for v, w in pairs) / total if total else None


def composite(assessments: Iterable[dict], config: IndexConfig = DEFAULT_INDEX) -> dict:
    """The index of a set of assessments (one plan's, or all of a region's), with every part."""
    areas: dict[str, list[dict]] = {}
    excluded = []
    total = 0
    for a in assessments:
        total += 1
        ind = a.get("indicator") or {}
        value, basis = attainment(a, config)
        if value is None:
            excluded.append({"name": ind.get("name"), "plan": a.get("plan"), "status": str(a.get("status")),
                             "reason": a.get("reason")})
            continue
        area = ind.get("category") or "未分类"
        areas.setdefault(area, []).append({
            "name": ind.get("name"), "plan": a.get("plan"), "status": str(a.get("status")),
            "ratio": a.get("ratio"), "attainment": value, "basis": basis, "weight": _weight(a, config)})
    raw = {area: config.area_weights.get(area, 1.0) for area in areas}
    raw_total = sum(raw.values())
    parts = []
    for area, items in areas.items():
        value = _mean([(i["attainment"], i["weight"]) for i in items])
        parts.append({"area": area, "weight": raw[area] / raw_total if raw_total else 0.0,
                      "configured_weight": raw[area], "index": value * config.scale,
                      "attainment": value, "indicators": items})
    overall = _mean([(p["attainment"], p["weight"]) for p in parts])
    counted = total - len(excluded)
    return {
        "index": None if overall is None else overall * config.scale,
        "coverage": {"counted": counted, "total": total, "share": counted / total if total else 0.0},
        "areas": parts,
        "excluded": excluded,
        "config": config.to_dict(),
        "method": method_text(config),
    }


def method_text(config: IndexConfig = DEFAULT_INDEX) -> str:
    """The method in the words a report prints."""
    named = "，".join(f"{k}{v:g}" for k, v in config.area_weights.items())
    weights = f"领域权重：{named}，其余领域为1" if named else "各领域等权"
    return (f"单项指标达成度=实际进度/序时进度（上限{config.cap:g}，倒退计0）；逐年约束指标按达标年份占比；"
            f"无比率的指标达到预期计1、滞后计0；约束性指标权重{config.binding_weight:g}、预期性指标权重1；"
            f"领域指数为所含指标达成度的加权平均，{weights}（无可计指标的领域不计，权重按比例分配）；"
            f"综合指数=各领域加权平均×{config.scale:g}。无数据、需人工评估的指标不计入，另列覆盖率。")
