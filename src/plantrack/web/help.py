"""使用说明: the short help each page opens with — what it shows, where its numbers come from, and
what the statuses mean, with the thresholds the evaluation actually uses.

The thresholds are read from evaluate/config.py (DEFAULT), never retyped here, so the help cannot
drift from the numbers that decide a status.
"""

from __future__ import annotations

from ..evaluate.config import DEFAULT


def _pct(ratio: float) -> str:
    return f"{ratio * 100:.0f}%"


def status_lines(config=DEFAULT) -> list[tuple[str, str]]:
    """Each status with what it means, in the order the pages list them."""
    ahead, on_track = _pct(config.ahead_ratio), _pct(config.on_track_ratio)
    return [
        ("提前实现", "规划期末目标在目标年份之前已经达到。"),
        ("快于预期", f"实际变化达到序时进度应有变化的 {ahead} 及以上。"),
        ("基本符合预期", f"实际变化为序时进度应有变化的 {on_track}（含）至 {ahead}。"),
        ("滞后", f"实际变化不足序时进度应有变化的 {on_track}。"),
        ("无数据", "该地区、该指标在评估年份及之前没有已审核的数据。"),
        ("需人工评估", "定性目标、上级下达或复合指标，无法按数值自动判断，需由人评估。"),
    ]


SOURCES = ("数字来源：指标、基期值和目标值取自规划原文（点击“原文”可查看所在行）；最新值为已审核的观测数据"
           "（统计公报、牵头单位填报或导入的文件，均标明来源）；状态由评估模块按“序时进度”计算。")

PAGES = {
    "dashboard": "本页汇总所有规划在所选年份的指标状态、预警和最近变动。点击状态卡片可列出对应指标，点击预警可查看该指标。",
    "indicators": "本页列出所选年份、所选状态或属性的全部指标及其最新值，可按地区、属性筛选，并可导出 Excel。点击指标名称查看其走势图。",
    "plan": "本页是一部规划的概况、主要指标及其当年状态、文中量化目标、专栏项目、与上位规划的衔接和自查结果。指标可按属性和状态筛选。",
    "indicator": "本页是一项指标的目标、历年数据、评估方法和计算过程，以及走势图；数据均注明来源。",
    "catalogue": "本页列出已入库的全部规划，可按层级、类型、地区（全称或简称，如“运城”）和关键词筛选。",
    "search": "本页在所有规划的正文中检索词句，结果链接到原文所在行。",
    "alignment": "本页逐项对照本规划与上位规划的指标：是否衔接、目标是否不低于上级要求、约束性指标是否落实。",
    "source": "本页是规划原文，带行号；从指标、目标或问题点进来时，所在行会高亮。",
    "compare": "本页比较跟踪同一指标（概念）的各地区：目标值、最新值和状态，并以柱状图和地图显示。",
    "upload": "本页上传规划文件（TXT、HTML、DOCX、PDF），先检查解析结果，确认后入库；内容与已入库文件相同时会提示。",
    "entry": "本页由牵头单位填报或导入指标的年度数据；所有行检查无误才会保存。",
}
