"""Evaluation thresholds and method names, in one place.

Every number that turns a measurement into a status lives here, with the reason for its default.
A run takes an `EvalConfig`; `EvalConfig.from_mapping` (a dict, e.g. read from TOML) and
`EvalConfig.from_env` (PLANTRACK_EVAL_* variables) override the defaults, and reject unknown keys
or values so a typo cannot silently fall back to a default.

The statuses (vocabulary.Status) compare the **ratio** of an indicator's achieved change to the
change its plan path expected by the observed year (序时进度):

    ratio >= ahead_ratio                 快于预期
    on_track_ratio <= ratio < ahead_ratio 基本符合预期
    ratio < on_track_ratio               滞后
    the end target already satisfied before the target year: 提前实现

Defaults: ahead_ratio 1.10 and on_track_ratio 0.90, i.e. within ±10% of the expected change is
"on track". Why 10%: yearly statistical noise and revisions (a census rebasing, a bulletin figure
later corrected) move a five-year change by a few percent, and the first years of a plan rarely
follow a straight path; a band narrower than that would flip statuses on noise, a wider one
would hide a real shortfall of a fifth or more. For growth-rate indicators the ratio is the
observed average rate over the target rate (8% target, 7.4% average -> 0.925, on track).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

# Method names, as stored in every Assessment.method.
LINEAR = "linear"                  # level targets: straight line from the base to the target
COMPOUND = "compound"              # average growth: base x (1 + r)^years; also a level path option
PRO_RATA = "pro_rata"              # cumulative targets: the period's change x elapsed / total years
COMPOUND_SHARE = "compound_share"  # cumulative % targets option: (1 + c)^(elapsed / total) - 1
AVERAGE_RATE = "average_rate"      # growth-rate indicators: the period's average rate vs the target rate
EVERY_YEAR = "threshold_every_year"  # thresholds held every year: any breach is a shortfall
HOLD = "threshold_hold"            # a target the base already satisfied: kept or lost
DIRECTION_ONLY = "direction_only"  # 明显提高 and the like: has it moved the right way since the base
RELATIVE = "relative"              # 高于GDP增长, 快于全国平均: the indicator's series against the reference's
ANNUAL = "annual_target"           # 各年度视情提出: judged against each year's own target (when entered)
MANUAL = "manual"                  # qualitative, assigned, compound: needs a person

LEVEL_PATHS = (LINEAR, COMPOUND)
CUMULATIVE_PATHS = (PRO_RATA, COMPOUND_SHARE)
RATE_AVERAGES = ("geometric", "arithmetic")
PARTIAL_YEAR_POLICIES = ("prefer_full_year", "use_latest")


@dataclass(frozen=True, slots=True)
class EvalConfig:
    """Thresholds and methods of one evaluation run. Defaults are documented in the module docstring."""

    # 快于预期 at or above this ratio of the expected change.
    ahead_ratio: float = 1.10
    # 基本符合预期 at or above this ratio (and below ahead_ratio); 滞后 below it.
    on_track_ratio: float = 0.90
    # Path from base to a level target. Linear is the official 序时进度 reading.
    level_path: str = LINEAR
    # Path of a cumulative target over the period. Pro rata (15% over 5 years -> 9% after 3) is the
    # official reading; compound_share suits chained % reductions.
    cumulative_path: str = PRO_RATA
    # Average of yearly growth rates. Geometric, because 年均增长 compounds.
    rate_average: str = "geometric"
    # Partial-year values (PM2.5 for Jan-Oct) are biased by season: by default the status uses the
    # latest full-year value and the partial one is shown, flagged, beside it. "use_latest" uses
    # the partial value (flagged) when it is the latest.
    partial_year: str = "prefer_full_year"
    # Trend for warnings: the last `trend_points` observations on one series, at least
    # `trend_min_points` of them. Three points smooth a one-year blip, two are the least there is.
    trend_points: int = 3
    trend_min_points: int = 2
    # Floating-point slack when deciding whether a value meets a target (73.0 vs 72.99999999).
    epsilon: float = 1e-9
    # 与经济增长基本同步: the indicator's average rate within this many percentage points of the
    # reference's average rate is "in step". Why 1 point: the official reading of 基本同步 for
    # incomes against GDP (国家统计局 commentary on 居民收入增长和经济增长基本同步) treats gaps under one
    # point as in step; provincial GDP and income growth are published to one decimal and revised
    # by a few tenths, so a narrower band would flip on revisions. Beyond it above: 快于预期; below: 滞后.
    in_step_tolerance: float = 1.0
    # A plan that lists no base value (运城 城镇化率: base cell empty) is measured from an observation
    # of its base year or up to this many years before it (a plan drafted in 2020 tabulates 2019
    # data, marked *). One year: older values would make a path the plan never drew. 0: the base year only.
    base_from_observation_years: int = 1

    def __post_init__(self):
        problems = []
        if not 0 < self.on_track_ratio <= 1 <= self.ahead_ratio:
            problems.append("need 0 < on_track_ratio <= 1 <= ahead_ratio")
        for name, allowed in (("level_path", LEVEL_PATHS), ("cumulative_path", CUMULATIVE_PATHS),
                              ("rate_average", RATE_AVERAGES), ("partial_year", PARTIAL_YEAR_POLICIES)):
            if getattr(self, name) not in allowed:
                problems.append(f"{name} must be one of {allowed}, not {getattr(self, name)!r}")
        if self.base_from_observation_years < 0:
            problems.append("need base_from_observation_years >= 0")
        if self.in_step_tolerance < 0:
            problems.append("need in_step_tolerance >= 0")
        if not 2 <= self.trend_min_points <= self.trend_points:
            problems.append("need 2 <= trend_min_points <= trend_points")
        if problems:
            raise ValueError("evaluation config: " + "; ".join(problems))

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> EvalConfig:
        """Defaults overridden by `values` (e.g. a TOML table). Unknown keys are an error."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(f"evaluation config: unknown keys {unknown}; known: {sorted(known)}")
        typed = {k: _coerce(known[k].type, v, k) for k, v in values.items()}
        return cls(**typed)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, prefix: str = "PLANTRACK_EVAL_") -> EvalConfig:
        """Defaults overridden by PLANTRACK_EVAL_AHEAD_RATIO=1.05 and the like."""
        env = os.environ if environ is None else environ
        values = {k[len(prefix):].lower(): v for k, v in env.items() if k.startswith(prefix)}
        return cls.from_mapping(values)

    def but(self, **changes) -> EvalConfig:
        """A copy with some values changed (validated)."""
        return replace(self, **changes)


def _coerce(type_name, value, key):
    t = type_name if isinstance(type_name, str) else getattr(type_name, "__name__", str(type_name))
    try:
        if t == "float":
            return float(value)
        if t == "int":
            return int(value)
        return str(value)
    except (TypeError, ValueError):
        raise ValueError(f"evaluation config: {key} must be a {t}, not {value!r}") from None


DEFAULT = EvalConfig()
