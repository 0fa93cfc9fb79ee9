"""Run-together tables whose rows are told apart by their sequence numbers, as document-sharing
sites dump them: 指标名称计量单位2020 年目标值资料来源一、经济发展1 地区生产总值亿元翻一番 省统计局2 战略性…

The header names one target year and, after it, columns that hold no values (资料来源, 责任单位).
Cells are run together, sometimes with a space, so the rows are found by their numbers counting
up from 1 (a number may be glued to the value before it: ≥9818 is ≥98 then row 18). Within a row,
each value is a figure after a comparison sign (≥ 15, =100, <4/<5.5) or a text that aims
(翻一番(…)); before it stand the name and its unit (the longest unit word the name ends with),
after it the owner cell (a short name ending in 局, 厅, 委 …). A row holding several values is a
group of sub-indicators: each value closes one, and a group label in front of the first name is
cut off where the next sub-name's first words begin. A category label (二、创新驱动) at the end of
a row's text opens the rows after it.

What cannot be told apart stays joined (a group label no later name shares stays in the first
name; a bare number without a sign is not taken for a value): fewer right cells, never invented ones.
"""

from __future__ import annotations

import re

from ...domain.units import is_unit

_HEADER = re.compile(
    r"指标(?:名称)?\s*(?:计量)?单位\s*(?P<year>(?:19|20)\d{2})\s*年\s*(?:目标值?|预期值?|规划值?)"
    r"(?P<other>(?:资料来源|数据来源|责任单位|牵头单位|责任部门|牵头部门|备注)*)"
)
_NUMBER = r"\d+(?:\.\d+)?"
_SIGNED = rf"[≥≤<>=]\s*{_NUMBER}(?:\s*/\s*[≥≤<>=]?\s*{_NUMBER})?"
_AIM = r"翻(?:一|两|三)番(?:\s*[(（][^()（）]*[)）])?"
_VALUE = re.compile(rf"{_SIGNED}|{_AIM}")
_CATEGORY = re.compile(r"(?P<label>[一二三四五六七八九十]{1,3}、\s*(?P<name>[\u4e00-\u9fff]{2,10}))\s*$")
_OWNER = re.compile(r"^\s*(?P<owner>[\u4e00-\u9fff]{1,8}?(?:局|厅|委|办|队|部|院|会|中心)(?:\s*/\s*[\u4e00-\u9fff]{1,8}?(?:局|厅|委|办|队|部|院|会|中心))*)")
_REPEATED_HEADER = re.compile(r"\d{0,3}\s*指标(?:名称)?\s*(?:计量)?单位")
MIN_LENGTH = 80


def numbered_texts(texts: list[str]) -> list[int]:
    """Indices of long lines that hold a run-together header of this shape and then row 1."""
    out = []
    for i, t in enumerate(texts):
        if len(t) >= MIN_LENGTH and "。" not in t and (m := _HEADER.search(t)) and re.search(r"(?<!\d)1\s*[\u4e00-\u9fff]", t[m.end():]):
            out.append(i)
    return out


def read_numbered(text: str) -> tuple[int, list[dict]] | None:
    """(target year, rows) of the run-together table in `text`; each row is a dict with name, unit,
    target, other (the owner cell, if any), category and seq. None when no row reads."""
    m = _HEADER.search(text)
    if not m:
        return None
    body = text[m.end():]
    cut = _REPEATED_HEADER.search(body)
    if cut:
        body = body[:cut.start()]
    category = None
    first = _CATEGORY.match(body.split("1", 1)[0].strip()) if "1" in body else None
    if first:
        category = first.group("name")
    rows: list[dict] = []
    for seq, segment in _segments(body):
        tail = _CATEGORY.search(segment)
        next_category = None
        if tail:
            next_category = tail.group("name")
            segment = segment[:tail.start()]
        for row in _rows_of(segment):
            rows.append({**row, "category": category, "seq": seq})
        category = next_category or category
    return (int(m.group("year")), rows) if rows else None


def _segments(body: str) -> list[tuple[int, str]]:
    """The text of each numbered row, numbers counting up from 1."""
    starts: list[tuple[int, int, int]] = []  # (seq, start of its number, start of its text)
    pos, seq = 0, 1
    while True:
        found = None
        for mm in re.finditer(rf"{seq}(?=\s*[\u4e00-\u9fff])", body[pos:]):
            at = pos + mm.start()
            before = body[:at]
            # A number glued to the value before it (≥9818 城镇…) stands apart from the name after it,
            # and what stays before it must still be a value (≥ 55省 is not ≥ 5 then row 5).
            if before and before[-1].isdigit() and (
                not re.search(rf"(?:{_SIGNED})$", before) or not body[pos + mm.end():pos + mm.end() + 1].isspace()
            ):
                continue
            found = (at, pos + mm.end())
            break
        if found is None:
            break
        starts.append((seq, *found))
        pos, seq = found[1], seq + 1
    out = []
    for k, (s, _, text_start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(body)
        out.append((s, body[text_start:end]))
    return out


def _rows_of(segment: str) -> list[dict]:
    """The indicators of one numbered row: one per value."""
    values = list(_VALUE.finditer(segment))
    if not values:
        return []
    rows, pos = [], 0
    for k, v in enumerate(values):
        words = segment[pos:v.start()]
        if k > 0:
            owner = _OWNER.match(words)
            if owner:
                rows[-1]["other"] = owner.group("owner").strip()
                words = words[owner.end():]
        name, unit = _name_and_unit(words)
        if not re.search(r"[\u4e00-\u9fff]{2}", name):
            return rows
        rows.append({"name": name, "unit": unit, "target": v.group().strip()})
        pos = v.end()
    owner = _OWNER.match(segment[pos:])
    if owner:
        rows[-1]["other"] = owner.group("owner").strip()
    if len(rows) > 1:
        rows[0]["name"] = _without_group_label(rows[0]["name"], rows[1]["name"])
    return rows


# Characters a name ends with (拥有量, 参保率, 医师数) that a unit may also be built from: a unit
# glued to a name does not start with one (拥有量件 is 拥有量 | 件), nor with a bracket.
_NAME_END = "量率数度额值)）"


def _name_and_unit(words: str) -> tuple[str, str | None]:
    """A name and the unit it ends with (the longest unit word that is one: 人年, 亿元)."""
    w = words.strip()
    for n in range(min(4, len(w) - 2), 0, -1):
        unit = w[-n:].strip()
        if unit and unit[0] not in _NAME_END and is_unit(unit):
            return w[:-n].strip(), unit
    return w, None


def _without_group_label(first: str, second: str) -> str:
    """人力资源水平每万劳动力中研发人员数 before 每万劳动力中高技能人才数: the sub-names share their first
    words, so the first name starts where those words do and the label in front is cut off."""
    compact = re.sub(r"\s+", "", first)
    for n in range(min(len(second), 8), 2, -1):
        k = compact.find(re.sub(r"\s+", "", second)[:n])
        if k > 0:
            return compact[k:]
    return first
