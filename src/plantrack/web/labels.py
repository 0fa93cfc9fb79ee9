"""The Chinese words the pages use for the store's machine codes, in one place.

Codes stay in the JSON twins (clients branch on them); people read these labels. An unknown code
falls through unchanged, so a new code shows up on a page instead of vanishing.
"""

from __future__ import annotations

from ..labels import (  # noqa: F401  (the shared vocabulary, re-exported for templates and views)
    ALIGN_SUMMARY, BINDING, FINDING_KINDS, FLAGS, KIND_ORDER, KINDS, LEVEL_ORDER, LEVELS, MATCHES, METHODS, REASONS,
    SEVERITIES, SEVERITY_ORDER,
)


# Status words are the official vocabulary already (evaluate/vocabulary.py); these are CSS classes.
STATUS_ORDER = ("提前实现", "快于预期", "基本符合预期", "滞后", "无数据", "需人工评估")
STATUS_CLASS = {
    "提前实现": "met", "快于预期": "ahead", "基本符合预期": "ontrack", "滞后": "lagging",
    "无数据": "nodata", "需人工评估": "manual",
}


TARGET_KINDS = {
    "level": "目标值", "at_least": "不低于", "at_most": "不高于", "about": "左右", "range": "区间",
    "average_growth": "年均增长", "cumulative_change": "累计变化", "assigned": "上级下达",
    "qualitative": "定性目标", "directional": "方向性目标", "compound": "复合指标", "none": "无目标",
}

RELATIONS = {
    "reach": "达到", "at_least": "不低于", "at_most": "不高于", "about": "左右", "increase_by": "提高",
    "decrease_by": "降低", "range": "区间", "keep": "保持", "increase": "增加", "decrease": "减少",
    "cumulative": "累计", "directional": "方向性", "qualitative": "定性",
}


def label(table: dict, code, default: str = "—") -> str:
    if code is None or code == "":
        return default
    return table.get(code, str(code))
