"""预警 (early warnings): which indicators need action now.

Two kinds, both with their numbers:

* binding_lagging: a binding (约束性) indicator assessed 滞后 — the plan's hardest commitments
  falling behind their path;
* off_trend: an indicator whose latest trend (the last `trend_points` observations on one
  series, at least `trend_min_points`) projects short of its target at the plan's end year.
  Levels continue from the latest value at the least-squares slope per year; growth-rate
  indicators are projected at the average of their last two rates, and the warning states the
  rate the remaining years would need.

`collect` lists the warnings of many indicators, binding ones first, for a plan or a region.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from plantrack.domain.targets import TargetSpec
from plantrack.evaluate import progress
from plantrack.evaluate.assessment import Assessment, delta_unit, fmt
from plantrack.evaluate.config import DEFAULT, EVERY_YEAR, HOLD, EvalConfig
from plantrack.evaluate.observations import Obs, in_window, on_series_of, prepare
from plantrack.evaluate.status import MANUAL_KINDS, cumulative_meet_level, end_target, observed_as_levels
from plantrack.evaluate.vocabulary import Status

BINDING_LAGGING = "binding_lagging"
OFF_TREND = "off_trend"
LABELS = {BINDING_LAGGING: "约束性指标滞后", OFF_TREND: "按近期趋势难以实现目标"}


@dataclass(frozen=True, slots=True)
class EarlyWarning:
    kind: str
    indicator: dict
    year: int
    binding: bool
    status: str
    message: str
    projection: dict | None = None

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "label": self.label, "indicator": self.indicator, "year": self.year,
                "binding": self.binding, "status": str(self.status), "message": self.message,
                "projection": self.projection}


def is_binding(indicator: dict) -> bool:
    return indicator.get("binding") in ("binding", "约束性")


def warnings_for(indicator: dict, spec: TargetSpec, assessment: Assessment, observations: Iterable,
                 config: EvalConfig = DEFAULT) -> list[EarlyWarning]:
    """The warnings for one indicator, given its assessment for the year."""
    out = []
    binding = is_binding(indicator)
    name = indicator.get("name") or ""
    if binding and assessment.status == Status.LAGGING:
        out.append(EarlyWarning(BINDING_LAGGING, indicator, assessment.year, True, assessment.status,
                                f"约束性指标“{name}”{assessment.year}年评估为滞后。{assessment.explanation}"))
    proj = project(indicator, spec, observations, assessment.year, config, assessment.base)
    if proj is not None and not proj["reaches"]:
        message = proj.pop("message")
        if assessment.status in (Status.ON_TRACK, Status.AHEAD):
            # Both are true: progress to date is on the path, the latest years are slower than the
            # rest of the path needs. Say so, so the page does not seem to contradict itself.
            note = status_versus_trend(assessment, proj)
            proj["status_note"] = note
            message += note
        out.append(EarlyWarning(OFF_TREND, indicator, assessment.year, binding, assessment.status, message, proj))
    return out


def status_versus_trend(assessment: Assessment, proj: dict) -> str:
    """Why a status of 基本符合预期 / 快于预期 and a trend warning stand side by side."""
    points = proj.get("points") or proj.get("rates") or []
    years = f"{points[0]['year']}—{points[-1]['year']}年" if len(points) > 1 else "近期"
    if assessment.method in (EVERY_YEAR, HOLD):
        # A floor or ceiling held so far, on a course to cross it: both are true, and say which is which.
        return (f"（两者并不矛盾：“{assessment.status}”指至今各年均保持在目标范围内；按{years}的变化趋势，"
                f"到{proj['end_year']}年将越过该界限，需加以防范。）")
    since = (assessment.base or {}).get("year")
    to_date = f"{since}年以来的累计进度" if since else "规划期以来的进度"
    return (f"（两者并不矛盾：“{assessment.status}”按{to_date}判断，{years}的近期变化慢于完成目标所需，"
            f"若不加快，到{proj['end_year']}年将难以达到目标。）")


def collect(items: Iterable[tuple[dict, TargetSpec, Assessment, Iterable]],
            config: EvalConfig = DEFAULT) -> list[EarlyWarning]:
    """Warnings of many (indicator, spec, assessment, observations): binding first, then lagging first."""
    found = [w for ind, spec, a, obs in items for w in warnings_for(ind, spec, a, obs, config)]
    return sorted(found, key=lambda w: (not w.binding, w.kind != BINDING_LAGGING))


def project(indicator: dict, spec: TargetSpec, observations: Iterable, year: int,
            config: EvalConfig = DEFAULT, base: dict | None = None) -> dict | None:
    """Where the latest trend leads by the plan's end year, and whether that meets the target.

    None when there is nothing to project: a qualitative target, too few comparable points, the
    end year already observed, or the target already met (a floor or ceiling to hold every year is
    still projected while held: the warning is that it will be crossed).
    """
    if spec.kind in MANUAL_KINDS or spec.kind == "directional" or spec.value is None and spec.kind != "range":
        return None
    obs, _ = prepare(observations, indicator.get("unit"))
    end = spec.period[1] if spec.period else spec.target_year
    name = indicator.get("name") or ""
    unit = indicator.get("unit") or ""
    if spec.rate or spec.observed_as == "rate":
        return _project_rate(name, spec, obs, year, end)
    levels = spec.kind == "cumulative_change" and observed_as_levels(spec, indicator.get("unit"), obs)
    if levels:
        # A change counted from a base level: the trend of the levels against the level that meets it.
        start = base or _plan_base(spec)
        if start is None:
            return None
        points = _level_points(obs, year)
        meet = cumulative_meet_level(spec, indicator.get("unit"), start["value"])
        if len(points) < config.trend_min_points and (not points or points[0][0] > start["year"]):
            points = [(start["year"], start["value"])] + points
    elif spec.kind == "cumulative_change":
        points = _cumulative_points(spec, obs, year)
        meet = spec.value
    else:
        points = _level_points(obs, year)
        _, meet = end_target(spec, base or _plan_base(spec))
        if spec.held == "every_year":
            meet = spec.value
        if len(points) < config.trend_min_points and base is None and spec.base_year is not None \
                and spec.base_value is not None and (not points or points[0][0] > spec.base_year):
            points = [(spec.base_year, spec.base_value)] + points
    if meet is None:
        return None
    points = points[-config.trend_points:]
    if len(points) < config.trend_min_points or points[-1][0] >= end or points[-1][0] <= spec.start_year:
        # Nothing observed inside the plan period is no trend of the plan period.
        return None
    last_year, last_value = points[-1]
    # Levels move the way the quantity should (能耗 falls), a change the way the figure improves.
    better = spec.direction if levels else spec.better
    held = spec.held == "every_year" and spec.kind in ("at_least", "at_most")
    if progress.satisfies(last_value, meet, better, config.epsilon) and not held:
        return None  # a level reached; a floor or ceiling held is still watched: will it stay held?
    per_year = progress.slope(points)
    projected = last_value + per_year * (end - last_year)
    reaches = progress.satisfies(projected, meet, better, config.epsilon)
    cmp = "不低于" if better == "higher" else "不高于"
    years = "、".join(str(y) for y, _ in points)
    step = delta_unit(unit) if (levels or spec.observed_as == "level") else unit
    if held:
        message = (f"“{name}”按{years}年的趋势（年均变化{fmt(per_year)}{step}）推算，{end}年约为{fmt(projected)}{unit}，"
                   f"{'仍可保持' if reaches else '将难以保持'}在目标范围内（须每年{cmp}{fmt(meet)}{unit}）。")
    else:
        message = (f"“{name}”按{years}年的趋势（年均变化{fmt(per_year)}{step}）推算，{end}年约为{fmt(projected)}{unit}，"
                   f"{'可以' if reaches else '难以'}达到目标（需{cmp}{fmt(meet)}{unit}，"
                   f"差{fmt(abs(meet - projected))}{step}）。")
    return {"method": "linear_trend", "points": [{"year": y, "value": v} for y, v in points], "slope": per_year,
            "end_year": end, "projected": projected, "target": meet, "gap": meet - projected, "reaches": reaches,
            "message": message}


def _plan_base(spec: TargetSpec) -> dict | None:
    if spec.base_year is None or spec.base_value is None:
        return None
    return {"year": spec.base_year, "value": spec.base_value}


def _level_points(obs: list[Obs], year: int) -> list[tuple[int, float]]:
    """Full-year values up to `year` on the latest value's series, back to its break (values on
    another basis would bend the trend)."""
    window = [o for o in in_window(obs, -10**9, year) if not o.partial]
    if not window:
        return []
    return [(o.year, o.value) for o in on_series_of(window, window[-1])]


def _cumulative_points(spec: TargetSpec, obs: list[Obs], year: int) -> list[tuple[int, float]]:
    """Cumulative change by year since the start year, which is 0 by definition."""
    window = [o for o in in_window(obs, spec.start_year + 1, year) if not o.partial]
    points = [(spec.start_year, 0.0)]
    if window and all(o.measure == "annual_change" for o in window):
        running: list[float] = []
        for o in window:
            if o.year != points[-1][0] + 1:
                break
            running.append(o.value)
            points.append((o.year, progress.chain_percent_changes(running, spec.reduction)))
        return points
    return points + [(o.year, o.value) for o in window if o.measure != "annual_change"]


def _project_rate(name: str, spec: TargetSpec, obs: list[Obs], year: int, end: int) -> dict | None:
    """Rates: continue at the average of the last two rates; what must the rest of the period
    average to meet the target?"""
    first = spec.period[0]
    rates = [o for o in in_window(obs, first, year) if o.measure != "period_average"]
    total_years = end - first + 1
    k = len(rates)
    if not rates or k >= total_years or spec.held == "every_year":
        return None
    target = spec.low if spec.kind == "range" and spec.better == "higher" else (
        spec.high if spec.kind == "range" else spec.value)
    sign = -1 if spec.reduction else 1
    done = 1.0
    for o in rates:
        done *= 1 + sign * o.value / 100
    recent = sum(o.value for o in rates[-2:]) / len(rates[-2:])
    remaining = total_years - k
    whole = done * (1 + sign * recent / 100) ** remaining
    if whole <= 0:
        return None
    projected = sign * (whole ** (1 / total_years) - 1) * 100
    need_factor = (1 + sign * target / 100) ** total_years / done
    required = sign * (need_factor ** (1 / remaining) - 1) * 100 if need_factor > 0 else None
    reaches = progress.satisfies(projected, target, spec.better)
    message = (f"“{name}”{rates[0].year}—{rates[-1].year}年已有{k}年增速，若其余{remaining}年保持近期平均"
               f"{fmt(recent)}%，{first}—{end}年年均约{fmt(projected)}%，{'可以' if reaches else '难以'}达到"
               f"年均{fmt(target)}%的目标；其余年份需年均{fmt(required)}%。")
    return {"method": "rate_trend", "rates": [{"year": o.year, "value": o.value} for o in rates],
            "recent_rate": recent, "remaining_years": remaining, "end_year": end, "projected": projected,
            "required_rate": required, "target": target, "gap": target - projected, "reaches": reaches,
            "message": message}
