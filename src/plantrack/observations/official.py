"""Official series versus reported values: where a bulletin and a unit disagree, show both.

A value imported from a statistics bulletin carries the flag "bulletin" (bulletin_import.py); any
other value of the same concept, region, year and series was entered or reported by someone else.
Both stay in the store whichever came last (the later one is current, the earlier one history), so
the disagreement is found among all of them: the newest official value of an identity against the
newest reported one. A difference beyond rounding is a warning for the indicator page, naming both
values and their sources; which one is right is for a person to decide (the evaluation reads the
current one, as always).
"""

from __future__ import annotations

from collections.abc import Iterable

OFFICIAL_FLAG = "bulletin"
# Bulletins round to the last digit they print; a unit's figure typed from the same table may carry
# one more. Differences smaller than this share of the value are rounding, not disagreement.
RELATIVE_TOLERANCE = 1e-4


def is_official(o) -> bool:
    return OFFICIAL_FLAG in (o.flags or [])


def _source(o) -> dict:
    extra = (o.extra or {}).get("bulletin") or {}
    return {"id": o.id, "value": o.value, "unit": o.unit, "source_title": o.source_title, "source_url": o.source_url,
            "quote": o.quote, "line": extra.get("line"), "file": extra.get("file"),
            "current": o.superseded_by_id is None}


def official_differences(observations: Iterable) -> list[dict]:
    """One warning per (year, series) whose newest official and newest reported values differ."""
    newest: dict[tuple, dict[str, object]] = {}
    for o in sorted(observations, key=lambda o: o.id):
        newest.setdefault((o.year, o.series or ""), {})["official" if is_official(o) else "reported"] = o
    out = []
    for (year, series), pair in sorted(newest.items()):
        official, reported = pair.get("official"), pair.get("reported")
        if official is None or reported is None:
            continue
        scale = max(abs(official.value), abs(reported.value), 1e-12)
        if abs(official.value - reported.value) / scale <= RELATIVE_TOLERANCE:
            continue
        out.append({
            "year": year, "series": series or None,
            "official": _source(official), "reported": _source(reported),
            "difference": round(reported.value - official.value, 10),
            "message": (f"{year} 年填报值 {reported.value:g}{reported.unit or ''} 与统计公报值 "
                        f"{official.value:g}{official.unit or ''} 不一致"),
        })
    return out
