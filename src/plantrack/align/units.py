"""Units as quantities: which units measure the same thing, and the factor between them.

Alignment and checks need more than string equality of units: 万户 and 户 are the same dimension
(a target of 1万户 in the prose is the table's 10000户), % and ‰ are the same dimension but a
tenfold different figure (the change that matters when a city copies 0.5 from a province's %
column into a ‰ column), and 亿斤 is 万吨 in other words. A unit is read as magnitude prefix
(十/百/千/万/亿/万亿) + base unit; the base table below says each base's dimension and size.
Units not understood keep their own text as their dimension, so equal texts stay compatible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import half_width

# base unit -> (dimension, size in the dimension's reference unit)
_BASES: dict[str, tuple[str, float]] = {
    "%": ("ratio", 0.01),
    "‰": ("ratio", 0.001),
    "‱": ("ratio", 0.0001),
    "百分点": ("ratio_points", 1.0),
    "个百分点": ("ratio_points", 1.0),
    "吨标准煤": ("energy", 1.0),
    "标准煤": ("energy", 1.0),
    "吨标煤": ("energy", 1.0),
    "吨": ("mass", 1000.0),
    "公斤": ("mass", 1.0),
    "千克": ("mass", 1.0),
    "斤": ("mass", 0.5),
    "克": ("mass", 0.001),
    "美元": ("usd", 1.0),
    "元": ("cny", 1.0),
    "人": ("people", 1.0),
    "户": ("households", 1.0),
    "个": ("count", 1.0),
    "家": ("count", 1.0),
    "项": ("count", 1.0),
    "所": ("count", 1.0),
    "件": ("count", 1.0),
    "座": ("count", 1.0),
    "处": ("count", 1.0),
    "亩": ("area", 666.67),
    "公顷": ("area", 10000.0),
    "平方公里": ("area", 1e6),
    "平方千米": ("area", 1e6),
    "立方米": ("volume", 1.0),
    "方": ("volume", 1.0),
    "公里": ("length", 1000.0),
    "千米": ("length", 1000.0),
    "米": ("length", 1.0),
    "年": ("years", 1.0),
    "岁": ("years", 1.0),
    "天": ("days", 1.0),
    "千瓦": ("power", 1.0),
    "千瓦时": ("electricity", 1.0),
    "度": ("electricity", 1.0),
}
# whole units that are not prefix + base
_WHOLE: dict[str, tuple[str, float]] = {
    "微克/立方米": ("concentration", 1.0),
    "μG/M3": ("concentration", 1.0),
    "ΜG/M3": ("concentration", 1.0),
    "UG/M3": ("concentration", 1.0),
    "毫克/立方米": ("concentration", 1000.0),
}
_PREFIXES = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2), ("十", 10.0))


@dataclass(frozen=True)
class Quantity:
    """A unit understood: its dimension and its size in that dimension's reference unit."""

    unit: str
    dimension: str
    size: float


def clean_unit(unit: str | None) -> str:
    """A unit's text compared as plans mean it: widths unified, spaces, markers such as (以上) and
    superscripts dropped (%(以上) -> %, μg/m³ -> μG/M3)."""
    if not unit:
        return ""
    u = half_width(unit).strip()
    u = re.sub(r"\s+", "", u)
    u = re.sub(r"\((?:以上|以下|左右|累计)\)$", "", u)
    u = u.replace("³", "3").replace("²", "2").replace("µ", "μ")
    return u.upper() if re.search(r"[a-zA-Z]", u) else u


def split_units(unit: str | None) -> list[str]:
    """万吨、% -> ['万吨', '%']: a cell that names several units."""
    u = clean_unit(unit)
    return [p for p in re.split(r"[、,，;；]|或", u) if p] if u else []


def quantity(unit: str | None) -> Quantity | None:
    """The dimension and size of one unit; None for an empty unit."""
    u = clean_unit(unit)
    if not u:
        return None
    if u in _WHOLE:
        dim, size = _WHOLE[u]
        return Quantity(u, dim, size)
    for base in sorted(_BASES, key=len, reverse=True):
        if u.endswith(base):
            head = u[: -len(base)]
            factor = 1.0
            while head:
                for p, f in _PREFIXES:
                    if head.endswith(p):
                        factor *= f
                        head = head[: -len(p)]
                        break
                else:
                    break
            if not head:
                dim, size = _BASES[base]
                return Quantity(u, dim, size * factor)
    return Quantity(u, "unit:" + u, 1.0)


def compatible(a: str | None, b: str | None) -> bool | None:
    """Same dimension (any of the units of a multi-unit cell); None when either is empty."""
    qa = [quantity(x) for x in split_units(a)]
    qb = [quantity(x) for x in split_units(b)]
    if not qa or not qb:
        return None
    return any(x.dimension == y.dimension for x in qa for y in qb)


def same_unit(a: str | None, b: str | None) -> bool:
    """Equal after cleaning (万吨 = 万吨, %(以上) = %); both empty counts as equal."""
    return clean_unit(a) == clean_unit(b)


def factor(from_unit: str | None, to_unit: str | None) -> float | None:
    """The number to multiply a value in from_unit by to express it in to_unit; None when the
    units are of different dimensions or not understood (1万户 -> 户: 10000; 0.5‰ -> %: 0.1)."""
    qa, qb = quantity(from_unit), quantity(to_unit)
    if qa is None or qb is None or qa.dimension != qb.dimension:
        return None
    return qa.size / qb.size


def is_ratio(unit: str | None) -> bool:
    """%, ‰ and the like: a share or a rate, whatever the size of the region."""
    return any((q := quantity(u)) is not None and q.dimension in ("ratio", "ratio_points") for u in split_units(unit))


def is_intensive(unit: str | None) -> bool:
    """A unit whose figures do not grow with the size of the region (shares, rates, per-head,
    concentrations, years): figures of a city and of its province can be compared."""
    parts = split_units(unit)
    if not parts:
        return True  # an index or a qualitative figure
    for u in parts:
        q = quantity(u)
        if q is None:
            continue
        if q.dimension in ("ratio", "ratio_points", "concentration", "years", "days") or "/" in u:
            return True
    return False
