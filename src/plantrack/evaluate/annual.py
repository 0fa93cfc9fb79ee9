"""The annual view (年度目标): one year's observed value against the target set for that year.

An annual target is written as a plan writes a target (6.5, ≥95, 5.5左右, 5-8) and read through
domain.targets.interpret with the indicator's own traits (its unit, whether it is a rate, whether
lower is better), so 6.5 on 地区生产总值增长 and <5.5 on 城镇调查失业率 mean what they say.
"""

from __future__ import annotations

from plantrack.domain.targets import QUANTITATIVE, TargetSpec, interpret

MET = "完成年度目标"
NOT_MET = "未完成年度目标"
NO_DATA = "无数据"
_EPS = 1e-9


def annual_spec(indicator: dict, year: int, text: str) -> TargetSpec:
    """The machine form of `text` as the indicator's target for `year`."""
    row = {k: v for k, v in indicator.items() if k not in ("target_value", "annual_growth", "planned_growth")}
    row.update(target_text=str(text), target_year=year)
    return interpret(row, (year, year))


def readable(spec: TargetSpec) -> bool:
    """Whether a target gives a figure a year's value can be held against."""
    return spec.kind in QUANTITATIVE and (spec.value is not None or spec.low is not None or spec.high is not None)


def meets(spec: TargetSpec, value: float) -> bool:
    """Whether one year's value meets that year's target; beyond a band in the better direction meets it."""
    better = spec.better or "higher"
    if spec.kind == "at_least":
        return value >= spec.value - _EPS
    if spec.kind == "at_most":
        return value <= spec.value + _EPS
    if spec.kind in ("range", "about") and spec.low is not None and spec.high is not None:
        if spec.low - _EPS <= value <= spec.high + _EPS:
            return True
        return value > spec.high if better == "higher" else value < spec.low
    if better == "lower":
        return value <= spec.value + _EPS
    return value >= spec.value - _EPS


def annual_view(indicator: dict, year: int, text: str | None, observed: float | None) -> dict | None:
    """{year, target, value, met, status} for the year, or None where no annual target is set."""
    if text is None:
        return None
    spec = annual_spec(indicator, year, text)
    if observed is None:
        status, met = NO_DATA, None
    else:
        met = meets(spec, observed)
        status = MET if met else NOT_MET
    return {"year": year, "target": text, "kind": spec.kind, "value": observed, "met": met, "status": status}


def year_value(observations, unit: str | None, year: int) -> float | None:
    """The observed value of `year` (a full-year value over a partial one), in the indicator's unit."""
    from plantrack.evaluate.observations import one_per_year, prepare

    obs, _ = prepare(observations, unit)
    found = one_per_year([o for o in obs if o.year == year]).get(year)
    return None if found is None else found.value
