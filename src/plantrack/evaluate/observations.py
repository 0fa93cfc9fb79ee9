"""Observations as evaluation reads them: one value per year, comparable or not with a base.

An observation arrives as a dict or any object with the attributes year, value and optionally
unit, series (the id of its statistical basis), flags ('series_break', 'partial_year', …), note,
source and measure (what the value is: a level, the cumulative change since the start year, the
change over the year before, or a period average). Evaluation never mutates it; `Obs` is a
normalised, frozen copy that keeps the original under `raw`.

A series break flag on an observation means: this value and the ones after it are on a new
basis; values before it are not comparable with it (58 -> 94 monitored river sections).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

SERIES_BREAK = "series_break"
PARTIAL_YEAR = "partial_year"

# What an observation's value is (its `measure`; None means the default for the target kind:
# a level, a cumulative change for cumulative targets, a yearly rate for growth-rate indicators).
MEASURES = ("level", "cumulative", "annual_change", "period_average")

# How a source names a change: 比上年下降2.7% is the change over the year before; 较2020年下降19.6%
# and 累计下降 the change since a base year.
_ANNUAL_CHANGE_NAME = re.compile(r"比上年|较上年|同比|比去年|较去年")
_CUMULATIVE_NAME = re.compile(r"(?:较|比)\d{4}年|累计|以来")


# A measure stated in a data file's own column (measure / 口径), in English or in the words of a form.
_STATED_MEASURE = {"level": "level", "cumulative": "cumulative", "annual_change": "annual_change",
                   "period_average": "period_average", "水平值": "level", "累计": "cumulative",
                   "累计变化": "cumulative", "比上年": "annual_change", "比上年变化": "annual_change",
                   "期间平均": "period_average"}


def measure_of(name: str | None, stated: str | None = None) -> str | None:
    """The measure of an observation: the one its file states (a measure / 口径 column), else the
    one its name states (measure_from_name), else None."""
    if stated and str(stated).strip() in _STATED_MEASURE:
        return _STATED_MEASURE[str(stated).strip()]
    return measure_from_name(name)


def measure_from_name(name: str | None) -> str | None:
    """The measure an observation's own name states (…比上年下降 -> annual_change, …较2020年下降 ->
    cumulative), or None when it states none (then the target kind decides). Sources name a
    change this way; without it a yearly fall of 2.7% would be read as the period's fall."""
    t = unicodedata.normalize("NFKC", name or "")
    if _ANNUAL_CHANGE_NAME.search(t):
        return "annual_change"
    if _CUMULATIVE_NAME.search(t):
        return "cumulative"
    return None


_MAGNITUDE = {"万亿": 1e12, "千亿": 1e11, "亿": 1e8, "千万": 1e7, "百万": 1e6, "十万": 1e5, "万": 1e4, "千": 1e3, "百": 1e2}
_MAGNITUDE_RE = re.compile("^(" + "|".join(sorted(_MAGNITUDE, key=len, reverse=True)) + ")")
# Base units of one dimension that plans and bulletins mix (粮食 150亿公斤 in a plan, 1478.1万吨 in
# the 公报; 亿斤 in a government work report): (dimension, size in the dimension's smallest unit).
_BASE_UNITS = {"克": ("mass", 1.0), "公斤": ("mass", 1e3), "斤": ("mass", 5e2), "吨": ("mass", 1e6),
               "米": ("length", 1.0), "公里": ("length", 1e3)}


class Obs(NamedTuple):
    """One observation, normalised. A named tuple: a bench run makes 100,000 of them, and
    a tuple is several times cheaper to build than a frozen dataclass."""

    year: int
    value: float
    unit: str | None = None
    series: str | None = None
    flags: frozenset[str] = frozenset()
    note: str | None = None
    source: object = None
    measure: str | None = None
    raw: object = None

    @property
    def partial(self) -> bool:
        return PARTIAL_YEAR in self.flags

    @property
    def breaks_series(self) -> bool:
        return SERIES_BREAK in self.flags

    def to_dict(self) -> dict:
        return {
            "year": self.year, "value": self.value, "unit": self.unit, "series": self.series,
            "flags": sorted(self.flags), "note": self.note, "source": self.source, "measure": self.measure,
        }


def _getter(o):
    """A key lookup for a dict, an attribute lookup for anything else."""
    if isinstance(o, dict):
        return o.get
    return lambda key, default=None: getattr(o, key, default)


def _flags(value) -> frozenset[str]:
    if not value:
        return _NO_FLAGS
    if isinstance(value, str):
        return frozenset(f.strip() for f in re.split(r"[,;\s]+", value) if f.strip())
    return frozenset(value)


_NO_FLAGS: frozenset[str] = frozenset()


def as_obs(o, factor: float = 1.0) -> Obs:
    """A normalised copy of one observation, its value scaled by `factor` (a unit conversion)."""
    if isinstance(o, Obs):
        return o if factor == 1.0 else o._replace(value=o.value * factor)
    return _from_getter(o, _getter(o), factor)


def _from_getter(o, get, factor: float) -> Obs:
    source = get("source")
    if source is None and (get("source_url") or get("source_title")):
        source = {"url": get("source_url"), "title": get("source_title")}
    return Obs(int(get("year")), float(get("value")) * factor, get("unit"), get("series"), _flags(get("flags")),
               get("note"), source, get("measure"), o)


def _norm_unit(unit: str | None) -> str:
    t = unicodedata.normalize("NFKC", unit or "").strip()
    return re.sub(r"\(.*?\)$", "", t).strip()  # %(以上) -> %


@lru_cache(maxsize=1024)
def unit_factor(obs_unit: str | None, indicator_unit: str | None) -> float | None:
    """The factor that converts a value in obs_unit to indicator_unit; None when they do not convert.

    Magnitude prefixes convert (万亿元 -> 亿元 is x10000), and so do base units of one dimension
    (万吨 -> 亿公斤 is x0.1, 亿斤 -> 万吨 x5); a missing unit on either side is taken as the
    indicator's own. Anything else (元 vs 美元, % vs ‰) does not convert.
    """
    a, b = _norm_unit(obs_unit), _norm_unit(indicator_unit)
    if not a or not b or a == b:
        return 1.0
    ma, mb = _MAGNITUDE_RE.match(a), _MAGNITUDE_RE.match(b)
    ra = a[ma.end():] if ma else a
    rb = b[mb.end():] if mb else b
    fa = _MAGNITUDE[ma.group(1)] if ma else 1.0
    fb = _MAGNITUDE[mb.group(1)] if mb else 1.0
    if ra != rb:
        da, db = _BASE_UNITS.get(ra), _BASE_UNITS.get(rb)
        if da is None or db is None or da[0] != db[0]:
            return None
        return fa * da[1] / (fb * db[1])
    if not ra:
        return None
    return fa / fb


def prepare(observations: Iterable, indicator_unit: str | None) -> tuple[list[Obs], list[Obs]]:
    """Observations in the indicator's unit, sorted by year; and those whose unit does not convert."""
    usable: list[Obs] = []
    unconvertible: list[Obs] = []
    for o in observations or ():
        get = o._asdict().get if isinstance(o, Obs) else _getter(o)
        year, value, unit = get("year"), get("value"), get("unit")
        if value is None or year is None:
            continue
        factor = 1.0 if unit is None or unit == indicator_unit else unit_factor(unit, indicator_unit)
        if factor is None:
            unconvertible.append(_from_getter(o, get, 1.0))
        else:
            usable.append(_from_getter(o, get, factor))
    usable.sort(key=_year)  # stable: of one year's values the later-given wins below
    return usable, unconvertible


def _year(ob: Obs) -> int:
    return ob.year


def one_per_year(obs: list[Obs], prefer_full_year: bool = True) -> dict[int, Obs]:
    """One observation per year: a full-year value over a partial one, else the one given last."""
    chosen: dict[int, Obs] = {}
    for ob in obs:
        held = chosen.get(ob.year)
        if held is None or not (prefer_full_year and ob.partial and not held.partial):
            chosen[ob.year] = ob
    return chosen


def in_window(obs: list[Obs], first: int, last: int, *, prefer_full_year: bool = True) -> list[Obs]:
    """The observations of years first..last, one per year, in year order."""
    by_year = one_per_year([o for o in obs if first <= o.year <= last], prefer_full_year)
    return [by_year[y] for y in sorted(by_year)]


def latest(obs: list[Obs], year: int, *, after: int | None = None,
           prefer_full_year: bool = True) -> tuple[Obs | None, Obs | None]:
    """The latest observation at or before `year` (and after `after`), and a newer partial-year
    value set aside by the prefer-full-year policy (shown, flagged, not used)."""
    first = (after + 1) if after is not None else -10**9
    window = in_window(obs, first, year, prefer_full_year=prefer_full_year)
    if not window:
        return None, None
    if not prefer_full_year:
        return window[-1], None
    full = [o for o in window if not o.partial]
    if not full:
        return window[-1], None
    chosen = full[-1]
    newer_partial = next((o for o in reversed(window) if o.partial and o.year > chosen.year), None)
    return chosen, newer_partial


UNKNOWN = object()  # the series of a base no observation vouches for


def series_at(obs: list[Obs], year: int, value: float | None = None):
    """The series id of the observation of `year` (the one equal to `value` if several); None is
    the default series; UNKNOWN when no observation of that year exists."""
    same_year = [o for o in obs if o.year == year]
    if not same_year:
        return UNKNOWN
    if value is not None:
        for o in same_year:
            if abs(o.value - value) <= 1e-9 * max(1.0, abs(value)):
                return o.series
    return same_year[-1].series


def comparability(base_year: int, base_series, obs: list[Obs], observed: Obs) -> str | None:
    """Why a base and an observation are not comparable, or None when they are.

    Not comparable: the base's series is known (given, or that of the observation of its year;
    no id is the default series) and differs from the observation's; or a series break is
    flagged on an observation after the base year and up to the observed year, unless the base
    is known to be on the observed value's series (a base chosen after the break).
    """
    if base_series is not UNKNOWN:
        if base_series != observed.series:
            return (f"基期口径“{base_series or '原口径'}”与{observed.year}年观测值口径"
                    f"“{observed.series or '原口径'}”不同")
        if base_series is not None:
            return None
    for o in obs:
        if base_year < o.year <= observed.year and o.breaks_series:
            why = f"（{o.note}）" if o.note else ""
            return f"{o.year}年起统计口径调整{why}，与{base_year}年基期不可比"
    return None


def first_on_series(obs: list[Obs], observed: Obs) -> Obs | None:
    """The earliest full-year observation comparable with `observed` (same series, not before the
    last break): a candidate base."""
    last_break = max((o.year for o in obs if o.breaks_series and o.year <= observed.year), default=None)
    for o in obs:
        if o.year >= observed.year:
            break
        if not o.partial and o.series == observed.series and (last_break is None or o.year >= last_break):
            return o
    return None


def on_series_of(obs: list[Obs], latest_obs: Obs) -> list[Obs]:
    """The observations comparable with `latest_obs`, in year order: its series, back to its break."""
    out = []
    for o in reversed(obs):
        if o.year > latest_obs.year or o.series != latest_obs.series:
            continue
        out.append(o)
        if o.breaks_series:
            break
    return out[::-1]
