"""Indicator boxes drawn with box-drawing characters whose rows are sentences, not columns.

Older plans (and text reposts of them) draw a 专栏 as a frame (┌──┐ / │ … │ / └──┘) and write
each indicator as one short sentence inside it: the name, perhaps an aim word, and the target
(义务教育入学率力争实现100%, 高等教育毛入学率60%, 刑事案件发案率基本平稳). Group labels stand on lines
of their own (一、…调控指标(14个), 1、教育); a group label that says 预期/约束 gives its rows that
binding. The frame's verticals are cell separators, so a framed line is read as its inside.

A run is a box only when it is framed, has a title line naming 指标 and at least three sentence
rows; a framed line that reads as neither a label nor a sentence row is skipped (fewer rows,
never garbage ones).
"""

from __future__ import annotations

import re

from ...domain.units import is_unit

FRAME = "│┃║"
_FRAMED = re.compile(rf"^\s*[{FRAME}]\s?(?P<inside>.*?)\s*[{FRAME}]?\s*$")
_LABEL = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）])\s*"
    r"(?P<name>[\u4e00-\u9fff]{2,16})\s*(?:[(（]\d+\s*(?:个|项)?[)）])?$"
)
_AIM = r"力争实现|力争达到|力争|保持在|保持|稳定在|控制在|提高到|提高至|降低到|降低至|下降到|下降至|不低于|不高于|不少于|不超过|达到|低于|高于|超过|小于|大于"
_FIGURE = r"\d+(?:\.\d+)?"
_CN_NUM = "零一二三四五六七八九十百千"
# 十万分之十五: a rate per so many written in words.
_CN_RATE = re.compile(rf"^(?P<aim>{_AIM})?(?P<den>十万|万|千|百)分之(?P<num>[{_CN_NUM}]+)$")
_FIGURE_TAIL = re.compile(
    rf"(?P<aim>{_AIM})?(?P<fig>{_FIGURE})(?P<unit>/\d+万|[^\d\s]{{0,6}}?)(?P<bound>以上|以下|以内|左右)?$"
)
# A target in words: a direction (逐年提高, 依法增长), a steady state (基本平稳), an allocation (主要用于…).
_WORDS_TAIL = re.compile(
    r"(?P<words>(?:逐年|逐步|稳步|持续|不断|明显|显著|大幅|依法|快速)(?:提高|增长|增加|提升|下降|降低|减少|改善)"
    r"|(?:基本|保持|总体)(?:平稳|稳定)|主要用于[\u4e00-\u9fff、和及]{2,20})$"
)
_DEN = {"十万": "/10万", "万": "/万", "千": "‰", "百": "%"}


def framed_inside(text: str) -> str | None:
    """The text inside a box frame's verticals, or None when the line is not framed."""
    m = _FRAMED.match(text)
    return m.group("inside") if m and text.strip()[:1] in FRAME else None


def _cn_number(s: str) -> int | None:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if s == "十":
        return 10
    if len(s) == 2 and s[0] == "十" and s[1] in digits:
        return 10 + digits[s[1]]
    if len(s) == 2 and s[1] == "十" and s[0] in digits:
        return digits[s[0]] * 10
    if len(s) == 3 and s[1] == "十" and s[0] in digits and s[2] in digits:
        return digits[s[0]] * 10 + digits[s[2]]
    if len(s) == 1 and s in digits:
        return digits[s]
    return None


def read_sentence_row(text: str) -> dict | None:
    """name, target (the words after the name, as written), value and unit of one indicator
    sentence; None when the line is not one."""
    t = text.strip()
    if len(t) < 5 or len(t) > 40 or re.search(r"[，。；,;:：]", t):
        return None
    for k in range(2, len(t)):
        name, rest = t[:k], t[k:]
        if name[-1].isdigit() or rest[0] in "/.":
            continue
        m = _FIGURE_TAIL.fullmatch(rest)
        if m and (not m.group("unit") or is_unit(m.group("unit")) or re.fullmatch(r"[\u4e00-\u9fff]/万[\u4e00-\u9fff]", m.group("unit"))):
            if not re.search(r"[\u4e00-\u9fff]", name):
                return None
            return {"name": name, "target": rest, "value": float(m.group("fig")), "unit": m.group("unit") or ""}
        m = _CN_RATE.fullmatch(rest)
        if m and (num := _cn_number(m.group("num"))) is not None:
            return {"name": name, "target": rest, "value": float(num), "unit": _DEN[m.group("den")]}
    m = _WORDS_TAIL.search(t)
    if m and m.start() >= 2:
        return {"name": t[: m.start()], "target": m.group("words"), "value": None, "unit": ""}
    return None


def sentence_boxes(texts: list[str], taken: set[int]) -> list[tuple[int, int, list[dict]]]:
    """(title index, last index, rows) of each framed box of indicator sentences. Each row: name,
    target, value, unit, category, binding, index."""
    out = []
    i, n = 0, len(texts)
    while i < n:
        inside = framed_inside(texts[i]) if i not in taken else None
        if inside is None or "指标" not in inside or read_sentence_row(inside):
            i += 1
            continue
        rows, category, binding, k = [], None, "", i + 1
        while k < n and (cell := framed_inside(texts[k])) is not None:
            cell = cell.strip()
            label = _LABEL.match(cell)
            row = None if label else read_sentence_row(cell)
            if label:
                category = label.group("name")
                if re.match(r"^[一二三四五六七八九十]", cell):
                    binding = "预期性" if "预期" in category else "约束性" if "约束" in category else ""
            elif row:
                rows.append({**row, "category": category, "binding": binding, "index": k})
            k += 1
        if len(rows) >= 3:
            out.append((i, k - 1, rows))
        i = max(k, i + 1)
    return out
