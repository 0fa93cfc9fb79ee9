"""What an observation's wording says about its value beyond the number: its series and flags.

Sources qualify a figure in brackets or in the unit: (扣除沙尘异常超标天) is another definition of
the indicator, (1-10月累计) is a partial year, %(以上) a lower bound, (国考断面优良比例) names the
basis. Each is a named rule; what a rule recognises becomes a flag or the series name, so a value
measured on another basis is never compared with the base as if it were the same series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BRACKETS = re.compile(r"[（(]([^()（）]+)[)）]")


@dataclass(frozen=True)
class Qualified:
    name: str  # the name as written
    unit: str | None  # the unit without its qualifier
    series: str | None  # another definition of the indicator, named by its qualifier
    flags: tuple[str, ...]
    notes: tuple[str, ...] = ()  # descriptive qualifiers (the basis named), kept for people


# (flag, pattern) tested on each bracketed qualifier and on the unit
_FLAG_RULES: tuple[tuple[str, re.Pattern], ...] = (
    ("partial_year", re.compile(r"\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月|前\s*\d{1,2}\s*个?月|上半年|前三季度|一季度|[1１]-[1-9]月")),
    ("lower_bound", re.compile(r"^以上$|^及以上$|^超过$")),
    ("upper_bound", re.compile(r"^以下$|^以内$")),
    ("period_average", re.compile(r"(?:19|20)\d{2}\s*[-—–~至]\s*(?:19|20)\d{2}")),
    ("definition_change", re.compile(r"扣除|剔除|不含|不包括|含|口径|调整后|新标准")),
)
_SCOPE_ONLY = re.compile(r"^(?:PM2\.5|PM10|R&D|GDP|监测井|[\w]{0,4}年?累计)$", re.I)


def qualify(name: str, unit: str | None) -> Qualified:
    """Split the qualifiers out of an observation's name and unit."""
    flags: list[str] = []
    series_parts: list[str] = []
    notes: list[str] = []
    unit_core = unit
    if unit:
        m = _BRACKETS.search(unit)
        if m:
            unit_core = (unit[: m.start()] + unit[m.end():]).strip() or None
            flags += [f for f, rx in _FLAG_RULES if rx.search(m.group(1))]
    for m in _BRACKETS.finditer(name):
        inner = m.group(1).strip()
        hit = [f for f, rx in _FLAG_RULES if rx.search(inner)]
        flags += hit
        if "definition_change" in hit or "period_average" in hit:
            series_parts.append(inner)
        elif not hit and not _SCOPE_ONLY.match(inner):
            notes.append(inner)
    for f in list(flags):
        if f == "definition_change":
            flags.remove(f)
            flags.append("series_break")
    return Qualified(
        name=name.strip(),
        unit=unit_core,
        series="；".join(series_parts) or None,
        flags=tuple(dict.fromkeys(flags)),
        notes=tuple(notes),
    )
