"""The official status vocabulary of plan evaluations (中期评估 / 总结评估), and the reason codes.

Statuses are what a report prints; reasons say, in a stable machine form, why an assessment could
not be made (无数据) or needs a person (需人工评估).
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    MET_EARLY = "提前实现"      # the end target is already satisfied before the target year
    AHEAD = "快于预期"          # progress at or above ahead_ratio of the plan path
    ON_TRACK = "基本符合预期"   # progress within the on-track band (or a held threshold kept)
    LAGGING = "滞后"            # progress below the band, or a held threshold broken
    NO_DATA = "无数据"          # no observation after the base / in the period up to the year
    MANUAL = "需人工评估"       # qualitative, assigned without figure, compound, incomparable data


class Reason(StrEnum):
    NO_OBSERVATION = "no_observation"
    MISSING_BASE = "missing_base"
    SERIES_BREAK = "series_break"
    UNIT_MISMATCH = "unit_mismatch"
    MISSING_YEARS = "missing_years"
    ASSIGNED = "assigned"
    QUALITATIVE = "qualitative"
    COMPOUND = "compound"
    NO_TARGET = "no_target"
    NO_REFERENCE = "no_reference"      # a relative target without the reference series
    ANNUAL_TARGET = "annual_target"    # a target set year by year, that year's figure not entered


KIND_LABELS = {
    "level": "目标值", "at_least": "不低于", "at_most": "不高于", "about": "左右", "range": "区间",
    "average_growth": "年均增长", "cumulative_change": "累计变化",
    "relative": "相对目标", "annual": "年度目标", "assigned": "上级下达",
    "qualitative": "定性目标", "directional": "方向性目标", "compound": "复合指标", "none": "无目标",
}
