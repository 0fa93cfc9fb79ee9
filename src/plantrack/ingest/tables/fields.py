"""A table row as the contract's indicator or review row: name, unit, values, years, binding.

The reader leaves each row as its cells by column role (layouts.py); this module gives them their
meaning: the unit moves out of the name (名称(单位)(标签)), a number is read from each value cell
while the text stays as the plan wrote it, a marked base (59.55*) takes its footnote's year, and
each row carries how it was read (evidence, confidence).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...domain.units import is_unit as _is_unit
from ..script import to_simplified
from ...domain.values import as_number, is_empty_cell, leading_number, normalize_digits
from .confidence import row_confidence

if TYPE_CHECKING:
    from .layouts import Row, Table

_BINDING_WORDS = {"约束性": "binding", "预期性": "expected", "约束": "binding", "预期": "expected"}
_BINDING_TOKEN = re.compile(r"^(约束性?|预期性?)(?:指标)?$")


_TRAILING_GROUP = re.compile(r"[(（]([^()（）]*)[)）]\s*$")


def _trailing_groups(name: str) -> list[str]:
    groups = []
    s = name.strip()
    while True:
        m = _TRAILING_GROUP.search(s)
        if not m or len(groups) >= 2:
            break
        groups.insert(0, m.group(1).strip())
        s = s[: m.start()].rstrip()
    return groups


def is_unit(text: str | None) -> bool:
    """A unit in either script (億噸 is 亿吨)."""
    return _is_unit(text) or (bool(text) and _is_unit(to_simplified(text)))


# A unit whose closing bracket was lost at the end of the name (小麦稻谷自给率(%).
_UNCLOSED_UNIT = re.compile(r"[(（]([^()（）]{1,8})$")


# A footnote reference in square brackets closing a name (每万人口高价值发明专利拥有量[1]): the
# note's number, not part of the indicator's name. Square brackets holding words or a cumulative
# value ([累计], [20]) are not this: only one digit, right after a word.
_FOOTNOTE_REF = re.compile(r"(?<=[^\s\d\[［])\s*[\[［][1-9][\]］]$")


def split_name(raw: str) -> tuple[str, str | None, str | None]:
    """名称(单位)(标签) -> (名称, 单位, 标签). Brackets that are not a unit stay in the name; a
    footnote reference at its end ([1]) goes."""
    name = _FOOTNOTE_REF.sub("", raw.strip())
    unit = tag = None
    m = _UNCLOSED_UNIT.search(name)
    if m and is_unit(m.group(1).strip()):
        return name[: m.start()].rstrip(), m.group(1).strip(), None
    m = _TRAILING_GROUP.search(name)
    if m:
        last = m.group(1).strip()
        rest = name[: m.start()].rstrip()
        if is_unit(last):
            unit, name = last, rest
        else:
            m2 = _TRAILING_GROUP.search(rest)
            if m2 and is_unit(m2.group(1).strip()):
                unit, tag, name = m2.group(1).strip(), last, rest[: m2.start()].rstrip()
    return name, unit, tag



def _marker_year(table: Table, text: str | None, default: int | None) -> int | None:
    if not text:
        return default
    m = re.search(r"(\*+)\s*$", text.strip())
    if m and m.group(1) in table.markers:
        return table.markers[m.group(1)]
    return default


def _cell(cells: dict[str, str], role: str) -> str | None:
    t = cells.get(role)
    if t is None:
        return None
    t = normalize_digits(t.strip())
    return None if is_empty_cell(t) else t


def _text(row: Row, role: str) -> str | None:
    """A text cell as the plan wrote it, digits and signs in ASCII (None when empty)."""
    t = _cell(row.cells, role)
    return None if t is None else _cell(row.written, role) or t


def _name_unit_tag(table: Table, row: Row) -> tuple[str, str | None, str | None]:
    cells = row.cells
    name, unit, tag = split_name(row.written.get("name") or cells.get("name", ""))
    if table.column("unit") is not None:
        u = _cell(cells, "unit")
        w = _cell(row.written, "unit")
        if u and w and w != u and to_simplified(w) == u:
            u = w  # a unit cell in traditional script stays as written (億人), like a name's unit
        unit = u or unit
    return name, unit, tag


def _common_fields(table: Table, row: Row) -> dict:
    """The fields an indicator row and a review row share: name, unit, base, target, binding."""
    cells = row.cells
    name, unit, tag = _name_unit_tag(table, row)
    base_col, target_col = table.column("base"), table.column("target")
    base_text, target_text = _cell(cells, "base"), _cell(cells, "target")
    if unit is None:
        unit = _values_unit([base_text, target_text])
    return {
        "category": row.category,
        "name": name,
        "unit": unit,
        "tag": tag,
        "base_year": row.years.get("base") or (
            _marker_year(table, base_text, base_col.year if base_col else None) if base_text else None),
        "base_value": as_number(leading_number(base_text)),
        "base_text": _text(row, "base"),
        "target_year": target_col.year if target_col else None,
        "target_value": as_number(row.values["target"]) if "target" in row.values else as_number(leading_number(target_text)),
        "target_text": _text(row, "target"),
    }


# A value written with its unit and perhaps a qualifier: 20.1%, 55%以上, 75L/d, 3.5万人左右.
_VALUE_WITH_UNIT = re.compile(r"^[<>≤≥]?\s*\d+(?:\.\d+)?\s*(?P<unit>[^\d\s<>≤≥]+?)\s*(?:及?以上|以下|以内|左右)?$")


def _values_unit(texts: list[str | None]) -> str | None:
    """The unit the row's values carry when neither its name nor a unit column gives one: every
    value that is written with a unit writes the same one (20.1% | 22%), and it has a unit's shape."""
    units = set()
    for text in texts:
        m = _VALUE_WITH_UNIT.match((text or "").strip())
        if m:
            units.add(m.group("unit"))
    if len(units) != 1:
        return None
    unit = units.pop()
    return unit if is_unit(unit) else None


def _horizon_fields(table: Table, row: Row) -> dict:
    """A long-range target beside the plan's own (2035年 after 2025年), when the table has one."""
    col = table.column("horizon")
    text = _cell(row.cells, "horizon")
    if col is None or text is None:
        return {}
    return {"horizon_year": col.year, "horizon_value": as_number(leading_number(text)), "horizon_text": _text(row, "horizon")}


_EMPTY_MARKS = {"—", "-", "/", "－", "——"}


def _marked_binding(table: Table, row: Row, common: dict) -> str | None:
    """The binding a legend's mark gives (★为约束性指标): the mark as the 属性 cell, or after the
    name (森林覆盖率★), which is then dropped from the name."""
    marks = getattr(table, "binding_marks", None)
    if not marks:
        return None
    cell = (row.cells.get("binding") or "").strip()
    if cell and cell in marks:
        return _binding(marks[cell])
    name = common.get("name") or ""
    if name and name[-1] in marks:
        common["name"] = name[:-1].rstrip()
        return _binding(marks[name[-1]])
    return _binding(marks.get("")) if not cell or cell in _EMPTY_MARKS else None


def indicator_from_row(table: Table, row: Row) -> dict:
    common = _common_fields(table, row)
    marked = _marked_binding(table, row, common)
    return {
        **common,
        **_horizon_fields(table, row),
        # Under a group (规划目标: 2025年 | 年均增长) the growth column is the plan's own.
        "annual_growth": _text(row, "growth") or _text(row, "planned_growth"),
        "binding": _binding(row.cells.get("binding")) or marked or _binding(row.category),
        "line": row.line,
        **({"group": row.group} if row.group else {}),
        **_row_evidence(table, row),
    }


def _binding(text: str | None) -> str | None:
    """约束性 / 预期性 (or 约束, 预期指标 …) as the contract's binding | expected. A table grouped
    by binding (一、约束性指标 as its category rows) gives it through the category."""
    m = _BINDING_TOKEN.match((text or "").strip())
    return _BINDING_WORDS.get(m.group(1)) if m else None


def _row_evidence(table: Table, row: Row) -> dict:
    return {**table.evidence_fields(), "confidence": row_confidence(table.confidence, row.agreement)}


def review_from_row(table: Table, row: Row) -> dict:
    cells = row.cells
    actual_col = table.column("actual")
    actual_text = _cell(cells, "actual")
    return {
        **_common_fields(table, row),
        "planned_growth": _text(row, "planned_growth") or _text(row, "growth"),
        "actual_year": _marker_year(table, actual_text, actual_col.year if actual_col else None) if actual_text else None,
        "actual_value": as_number(leading_number(actual_text)),
        "actual_text": _text(row, "actual"),
        "actual_growth": _text(row, "actual_growth"),
        "binding": _binding(cells.get("binding")) or _binding(row.category),
        "line": row.line,
        **({"group": row.group} if row.group else {}),
        **_row_evidence(table, row),
    }

