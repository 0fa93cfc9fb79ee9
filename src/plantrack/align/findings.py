"""Findings: what alignment and checks report, worded so an official can paste it into a memo.

One shape for both: kind (a stable English key the store and API filter on), severity (high,
medium, low, info), a Chinese message that cites every place it speaks of by line, and the
lines themselves as data. The phrases that name an indicator or a target live here, so every
message says them the same way.
"""

from __future__ import annotations

SEVERITIES = ("high", "medium", "low", "info")
BINDING_WORDS = {"binding": "约束性", "expected": "预期性"}


def finding(kind: str, severity: str, message: str, **lines: int | None) -> dict:
    """{"kind", "severity", "message", **lines}: lines such as parent_line=1017, child_line=412."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity}")
    return {"kind": kind, "severity": severity, "message": message, **lines}


def quoted(ind: dict) -> str:
    return f"“{ind.get('name') or ''}”"


def binding_word(ind: dict) -> str:
    return BINDING_WORDS.get(ind.get("binding") or "", "未标明属性")


def unit_word(unit: str | None) -> str:
    return f"“{unit}”" if unit else "空（未标单位）"


def target_words(ind: dict) -> str:
    """The target as the plan writes it, with its unit where the text is a bare number:
    “26%”, “≤0.5‰”, “完成国家下达指标”, 年均增长“>8%”, or 未设目标."""
    text = ind.get("target_text")
    if text is None and ind.get("target_value") is not None:
        text = str(ind["target_value"])
    prefix = ""
    if not (text and str(text).strip()) and ind.get("annual_growth") not in (None, ""):
        text, prefix = str(ind["annual_growth"]), "年均增长"
    if not (text and str(text).strip()):
        return "未设目标"
    return f"{prefix}“{with_unit(str(text).strip(), ind.get('unit'))}”"


def with_unit(text: str, unit: str | None) -> str:
    """The unit after the figure of a value as written: 95以上 -> 95%以上, <4.5 -> <4.5%, 270 -> 270万吨;
    text already carrying a unit or holding several figures is left as it is."""
    import re

    if not unit or "、" in unit or "/" in text or not re.search(r"\d", text):
        return text
    m = re.search(r"\d+(?:\.\d+)?", text)
    rest = text[m.end():]
    if rest and not re.match(r"^[\]］)）*]*(?:以上|以下|以内|左右)?[\]］)）*]*$", rest):
        return text
    return text[: m.end()] + unit + rest


def number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"


def span(lines: list[int]) -> str:
    """第472—541行, or 第472行."""
    lines = sorted(x for x in lines if x)
    if not lines:
        return ""
    if lines[0] == lines[-1]:
        return f"第{lines[0]}行"
    return f"第{lines[0]}—{lines[-1]}行"
