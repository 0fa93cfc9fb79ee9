"""Checking one observation row and turning it into a record ready to store, or into a row error.

Every check names the row and says in Chinese what is wrong, so a whole file can be reported at
once: an unknown region, a value that is not a number, an impossible year, a unit that does not
convert to the concept's unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..align import units as U
from ..align.catalogue import Catalogue
from ..store.regions import Region, resolve_region
from .qualifiers import qualify
from .readers import KNOWN_COLUMNS

FIRST_YEAR = 1949


@dataclass
class RowError:
    row: int
    reason: str

    def message(self) -> str:
        return f"第 {self.row} 行：{self.reason}"


@dataclass
class ObservationRecord:
    row: int
    region_code: str
    name: str
    concept: str | None
    match_method: str | None
    year: int
    value: float
    unit: str | None
    source_value: float
    source_unit: str | None
    series: str | None
    flags: list[str]
    note: str | None
    source_url: str | None
    source_title: str | None
    quote: str | None
    extra: dict = field(default_factory=dict)


_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")


def _number(text: str) -> float | None:
    t = text.replace(",", "").replace("，", "").strip()
    return float(t) if _NUMBER.match(t) else None


def check_row(row: int, cells: dict[str, str], regions: list[Region], catalogue: Catalogue) -> ObservationRecord | list[RowError]:
    """The record a row stands for, or every reason it cannot be stored."""
    errors: list[RowError] = []
    region = resolve_region(cells.get("region", ""), regions) if cells.get("region") else None
    if region is None:
        errors.append(RowError(row, f"地区“{cells.get('region', '')}”不在行政区划表中"))
    name = cells.get("indicator", "").strip()
    if not name:
        errors.append(RowError(row, "指标名称为空"))
    year_text = cells.get("year", "").strip()
    year = int(year_text) if re.fullmatch(r"\d{4}", year_text) else None
    if year is None or not FIRST_YEAR <= year <= date.today().year + 1:
        errors.append(RowError(row, f"年份“{year_text}”不合理（应为 {FIRST_YEAR}—{date.today().year + 1} 之间的四位年份）"))
    value = _number(cells.get("value", ""))
    if value is None:
        errors.append(RowError(row, f"数值“{cells.get('value', '')}”不是数字"))
    q = qualify(name, cells.get("unit") or None)
    match = catalogue.concept_of(name, q.unit) if name else None
    unit = q.unit
    converted = value
    if match is not None and match.concept.unit and value is not None:
        f = U.factor(q.unit, match.concept.unit) if q.unit else 1.0
        if f is None:
            errors.append(RowError(row, f"单位“{q.unit}”无法换算为指标“{match.concept.name}”的单位“{match.concept.unit}”"))
        else:
            converted, unit = value * f, match.concept.unit
    if errors:
        return errors
    flags = list(q.flags)
    flags += [f.strip() for f in re.split(r"[;,；，|]", cells.get("flags", "")) if f.strip()]
    notes = list(q.notes) + ([cells["note"].strip()] if cells.get("note", "").strip() else [])
    return ObservationRecord(
        row=row,
        region_code=region.code,
        name=name,
        concept=match.concept.id if match else None,
        match_method=match.method if match else None,
        year=year,
        value=round(converted, 10),
        unit=unit,
        source_value=value,
        source_unit=cells.get("unit") or None,
        series=(cells.get("series") or "").strip() or q.series,
        flags=list(dict.fromkeys(flags)),
        note="；".join(notes) or None,
        source_url=cells.get("source_url") or None,
        source_title=cells.get("source_title") or None,
        quote=cells.get("quote") or None,
        extra={k: v for k, v in cells.items() if k not in KNOWN_COLUMNS and v},
    )
