"""The Chinese words users read for the codes the data uses (levels, kinds, methods, flags, findings …).

One place, so the web pages, the reports and the CLI say the same thing for the same code.
"""

from __future__ import annotations

LEVELS = {"national": "国家级", "province": "省级", "city": "市级", "county": "县级"}

LEVEL_ORDER = ("national", "province", "city", "county")

KINDS = {"general": "总体规划", "special": "专项规划", "regional": "区域规划", "spatial": "国土空间规划"}

KIND_ORDER = ("general", "spatial", "special", "regional")

BINDING = {"binding": "约束性", "expected": "预期性"}

METHODS = {
    "linear": "线性序时进度：从基期值到目标值按年平均推进",
    "compound": "复合增长路径：按目标年均增速逐年复合",
    "pro_rata": "累计目标按年平均分摊",
    "compound_share": "累计百分比目标按复合方式分摊",
    "average_rate": "期内年均增速（几何平均）与目标增速比较",
    "threshold_every_year": "逐年对照约束阈值",
    "threshold_hold": "基期已达目标，检查是否保持",
    "direction_only": "仅判断变化方向",
    "relative": "与参照指标（地区生产总值增速或全国平均）同期比较",
    "annual_target": "按当年年度目标评估",
    "manual": "需人工评估",
}


REASONS = {
    "no_observation": "评估期内没有观测数据",
    "missing_base": "缺少基期值，无法计算序时进度",
    "series_break": "统计口径变化，基期值与最新值不可比",
    "unit_mismatch": "观测值单位与指标单位不一致，且无法换算",
    "missing_years": "缺少部分年份数据",
    "assigned": "目标由上级下达，尚未录入下达的具体目标值",
    "qualitative": "定性目标，无数值可比",
    "compound": "复合指标（含多个分项），需分项评估",
    "no_target": "规划未给出可评估的目标",
    "no_reference": "缺少同期参照指标数据（地区生产总值增速或全国平均）",
    "annual_target": "目标逐年确定，当年年度目标尚未录入",
}


FLAGS = {
    "partial_year": "非全年数据",
    "series_break": "统计口径变化",
    "definition_change": "口径变化",
    "lower_bound": "下限值（“以上”）",
    "upper_bound": "上限值（“以下”）",
    "period_average": "期间平均值",
    "stale": "非评估当年数据",
    "missing_years": "缺少部分年份",
    "unit_mismatch": "存在单位无法换算的数据",
    "base_ignored": "未采用基期值",
    "missing_base": "缺少基期值",
    "base_from_observation": "规划未列基期值，基期取自观测值",
    "provisional_partial_year": "另有更新的非全年数据（未采用）",
    "no_source": "暂无来源",
    "confirmed": "异常变化已确认",
    "bulletin": "取自统计公报",
}


SEVERITIES = {"high": "高", "medium": "中", "low": "低", "info": "提示"}

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}

FINDING_KINDS = {
    "table_prose_conflict": "表内目标与正文不一致",
    "count_mismatch": "指标数量不符",
    "target_below_base": "目标劣于基期",
    "ambiguous_unit": "单位含义不明",
    "unit_value_mismatch": "单位与数值不符",
    "name_unit_mismatch": "名称与单位不符",
    "missing": "上位指标缺失",
    "downgraded": "约束性降为预期性",
    "upgraded": "预期性升为约束性",
    "unit_changed": "计量单位不同",
    "target_consistent": "目标一致",
    "target_inherited": "沿用上位目标",
    "target_stricter": "目标严于上位",
    "target_weaker": "目标弱于上位",
    "target_not_comparable": "目标不可直接比较",
    "child_only": "本级新增指标",
    "related": "相关但口径不同",
    "candidate": "可能对应（需人工确认）",
    # completeness of the parse (ingest/completeness.py KIND_LABELS)
    "sequence_gap": "序号不连续",
    "stated_count": "指标数量与正文不符",
    "missing_unit": "缺少计量单位",
    "unparsed_value": "数值未能识别",
    "unread_table": "疑似表格未读取",
}


MATCHES = {"exact": "名称相同", "normalized": "规范化后相同", "synonym": "同义词", "confirmed": "人工确认", "fuzzy": "相似"}

ALIGN_SUMMARY = {
    "parent_indicators": "上位规划指标数",
    "child_indicators": "本规划指标数",
    "matched": "已对应",
    "missing": "上位指标未对应",
    "parent_binding": "上位约束性指标",
    "binding_matched": "约束性指标已对应",
    "binding_kept": "约束性属性保持",
    "downgraded": "约束性降为预期性",
    "upgraded": "预期性升为约束性",
    "unit_changed": "单位不同",
    "target_consistent": "目标一致",
    "target_inherited": "沿用上位目标",
    "target_stricter": "目标更严",
    "target_weaker": "目标更弱",
    "target_not_comparable": "目标不可比",
    "child_only": "本级新增指标",
    "parent_projects": "上位规划专栏项目",
    "projects_named": "本规划提及的上位项目",
}




def period_text(start: int | None, end: int | None) -> str:
    """A plan period as people write it, the same on every page and in the CLI: 2021—2025年,
    至2025年 when only the end is known, 2021年起 when only the start is."""
    if start and end:
        return f"{start}—{end}年"
    if end:
        return f"至{end}年"
    if start:
        return f"{start}年起"
    return "—"
