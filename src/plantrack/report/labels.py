"""The Chinese wording of a report, in one place, so every format says the same thing.

Machine codes (statuses are already Chinese; methods, reasons, flags, finding kinds, severities)
become the phrases an evaluation office would write. Unknown codes fall through unchanged rather
than disappearing, so a new code shows up in a report instead of being silently dropped.
"""

from __future__ import annotations

from .. import labels as shared

from ..evaluate.vocabulary import Status

KINDS = ("midterm", "final", "annual")
KIND_LABELS = {"midterm": "中期评估", "final": "总结评估", "annual": "年度监测"}

# Statuses in the order a report counts them: results first, then what could not be judged.
STATUS_ORDER = tuple(str(s) for s in (Status.MET_EARLY, Status.AHEAD, Status.ON_TRACK, Status.LAGGING,
                                      Status.NO_DATA, Status.MANUAL))
GAP_STATUSES = (str(Status.NO_DATA), str(Status.MANUAL))

# One colour per status, shared by HTML, DOCX, PDF and XLSX (hex, no '#').
STATUS_COLORS = {
    str(Status.MET_EARLY): "1B7F3B", str(Status.AHEAD): "3A9D5D", str(Status.ON_TRACK): "1F5FA8",
    str(Status.LAGGING): "C0392B", str(Status.NO_DATA): "7F8C8D", str(Status.MANUAL): "B9770E",
}

SECTION_TITLES = (
    "一、总体情况",
    "二、主要指标完成情况",
    "三、约束性指标与预警",
    "四、数据缺口",
    "五、规划文本自身问题",
    "六、说明（方法与口径）",
)

METHOD_LABELS = shared.METHODS
METHOD_SHORT = {
    "linear": "线性序时", "compound": "复合增长", "pro_rata": "累计分摊", "compound_share": "累计复合分摊",
    "average_rate": "年均增速", "threshold_every_year": "逐年阈值", "threshold_hold": "保持达标",
    "direction_only": "变化方向", "relative": "参照比较", "annual_target": "年度目标", "manual": "人工评估",
}

REASON_LABELS = shared.REASONS
REASON_NEEDS = {
    "no_observation": "补充规划期以来的统计数据（统计公报、统计年鉴或部门数据），并注明来源",
    "missing_base": "补充基期年份的数值",
    "series_break": "取得新口径下的基期值，或按原口径继续统计",
    "unit_mismatch": "核对计量单位，提供可换算的数据",
    "missing_years": "补齐缺失年份的数据",
    "assigned": "录入国家或省下达的目标值，或由牵头部门提供考核结果",
    "qualitative": "由牵头部门提供定性评价意见",
    "compound": "分项录入观测值，逐项评估",
    "no_target": "明确评估口径",
    "no_reference": "补充同期地区生产总值增速或全国平均数据",
    "annual_target": "录入当年年度目标",
}

FLAG_LABELS = shared.FLAGS
SEVERITY_LABELS = shared.SEVERITIES
SEVERITY_ORDER = shared.SEVERITY_ORDER
FINDING_KIND_LABELS = shared.FINDING_KINDS
BINDING_LABELS = {True: "约束性", False: "预期性"}


def label(table: dict, code, default: str = "—") -> str:
    """The label of a code, the code itself when unknown, `default` when empty."""
    if code is None or code == "":
        return default
    return table.get(code, str(code))


def flag_text(flags) -> str:
    return "；".join(label(FLAG_LABELS, f) for f in flags or ())
