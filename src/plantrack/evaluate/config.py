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

Defaults: ahead_ratio 1.10 and on_track_ratio 0.80: an indicator that has made at least four
fifths of the change its path expected by the observed year is 基本符合预期, one that has made a
tenth more than expected is 快于预期. Why not a symmetric ±10%: official mid-term evaluations read
基本符合预期 generously for slow-moving indicators whose whole five-year change is a few tenths of
a unit, where a gap of a few hundredths (one rounding step of the published figure) is a large
share of the change. The national 2023 mid-term report classes 劳动年龄人口平均受教育年限 (10.8 in
2020, 11.3 targeted for 2025, 11.05 in 2023: 0.25 of the 0.30 due, a ratio of 0.83) 基本符合预期,
and the indicators it calls 滞后 are far below their paths (单位GDP能耗降低 about a third of the
pro-rata share, 空气质量优良天数比率 below its base). Yearly statistical noise and revisions (a
census rebasing, a bulletin figure later corrected) also move a five-year change by a few
percent, and the first years of a plan rarely follow a straight path. A shortfall of more than a
fifth is 滞后. For growth-rate indicators the ratio is the observed average rate over the target
rate (8% target, 7.4% average -> 0.925, on track).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

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
HOLD_JUDGEMENTS = ("latest", "every_year")


@dataclass(frozen=True, slots=True)
class EvalConfig:
    """Thresholds and methods of one evaluation run. Defaults are documented in the module docstring."""

    # 快于预期 at or above this ratio of the expected change.
    ahead_ratio: float = 1.10
    # 基本符合预期 at or above this ratio (and below ahead_ratio); 滞后 below it (module docstring: why 0.80).
    on_track_ratio: float = 0.80
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
    # The year pages open on: the latest year whose full-year observations number at least this
    # share of the best-covered year's. Why a half: statistics for a year arrive over the next one
    # (公报 in spring, 人口抽样 and 环境状况公报 by mid-year, some later), so the newest year holds a
    # few early or partial values (four 2025 values, one a January-October average, beside 27 for
    # 2023); a year under half covered would open on mostly 无数据, one over half is usable.
    default_year_min_share: float = 0.5
    # A floor or ceiling to hold (保持在6.5亿吨以上, 城镇调查失业率＜5.5) is judged by the latest year
    # observed: held then -> 基本符合预期, crossed then -> 滞后; an earlier year that crossed it is
    # named in the explanation and details. Why: a mid-term evaluation asks where the plan stands
    # now, and official ones read thresholds that way (the national 2023 mid-term report counts
    # 城镇调查失业率 基本符合预期 although 2022 averaged 5.6 against ＜5.5, 2023 being back under it).
    # "every_year": any year that crossed it is 滞后 (a stricter reading for red lines).
    hold_judged_on: str = "latest"

    def __post_init__(self):
        problems = []
        if not 0 < self.on_track_ratio <= 1 <= self.ahead_ratio:
            problems.append("need 0 < on_track_ratio <= 1 <= ahead_ratio")
        for name, allowed in (("level_path", LEVEL_PATHS), ("cumulative_path", CUMULATIVE_PATHS),
                              ("rate_average", RATE_AVERAGES), ("partial_year", PARTIAL_YEAR_POLICIES),
                              ("hold_judged_on", HOLD_JUDGEMENTS)):
            if getattr(self, name) not in allowed:
                problems.append(f"{name} must be one of {allowed}, not {getattr(self, name)!r}")
        if self.base_from_observation_years < 0:
            problems.append("need base_from_observation_years >= 0")
        if not 0 < self.default_year_min_share <= 1:
            problems.append("need 0 < default_year_min_share <= 1")
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


@dataclass(frozen=True, slots=True)
class IndexConfig:
    """Weights and caps of the composite index (evaluate/index.py documents how they combine).

    cap             an indicator's attainment counts at most this (1.2): being ahead earns credit up
                    to the 快于预期 band and a little beyond, but one indicator far ahead cannot hide
                    others that lag
    binding_weight  weight of a binding (约束性) indicator within its area; 1.0 (the same as an
                    expected one) unless an assessment scheme says otherwise — Shanxi's published
                    schemes weight areas, not individual indicators
    area_weights    weight by area (the indicator table's category); areas not named weigh 1.0,
                    i.e. equal areas by default, as the plan's own table sets no weights
    scale           the index is printed x scale (100: on path = 100)
    """

    cap: float = 1.2
    binding_weight: float = 1.0
    area_weights: Mapping[str, float] = field(default_factory=dict)
    scale: float = 100.0

    def __post_init__(self):
        problems = []
        if self.cap < 1:
            problems.append("need cap >= 1")
        if self.binding_weight <= 0 or self.scale <= 0:
            problems.append("need binding_weight > 0 and scale > 0")
        if any(not isinstance(w, (int, float)) or w < 0 for w in self.area_weights.values()):
            problems.append("area weights must be numbers >= 0")
        if problems:
            raise ValueError("index config: " + "; ".join(problems))

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> IndexConfig:
        """Defaults overridden by `values` (e.g. a TOML table); unknown keys are an error."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"index config: unknown keys {unknown}; known: {sorted(known)}")
        typed = dict(values)
        for key in ("cap", "binding_weight", "scale"):
            if key in typed:
                typed[key] = _coerce("float", typed[key], key)
        if "area_weights" in typed:
            typed["area_weights"] = {str(k): _coerce("float", v, f"area_weights.{k}")
                                     for k, v in dict(typed["area_weights"]).items()}
        return cls(**typed)

    def to_dict(self) -> dict:
        return {"cap": self.cap, "binding_weight": self.binding_weight, "area_weights": dict(self.area_weights),
                "scale": self.scale}


DEFAULT_INDEX = IndexConfig()
