"""Plausibility checks: values that parse but cannot be true are refused before they count.

A value that is a number in the right unit can still be impossible (a 130% share, a negative
count), belong to no year the plans speak of, be typed twice in one file, sit on a region the
name only approximately names (太原县 is not 太原市), or come from nowhere. Every observation path
(file import, the single-value form, the API, a bulletin) goes through `check_plausibility`, after
the row checks of rows.py, so they all refuse the same things with the same Chinese reasons.

Two kinds of finding:
- refusals: the value cannot be stored as it stands (shares outside 0–100, negative counts, years
  outside the plan era, duplicates, approximate region names, no source and not marked 暂无来源);
- confirmations: the value may be right but is unusual (a year-on-year jump beyond
  `Limits.jump_multiple`). The row is refused until a person confirms it with a reason in the
  `confirm_reason` column (确认理由); the reason is stored with the value and in the audit event.

The limits are configuration (`Limits`), each with the reason for its default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.regions import Region, find_regions, former_names, region_path, short_name
from ..store.models import Observation, Plan
from .rows import ObservationRecord, RowError

NO_SOURCE_MARK = "暂无来源"
CONFIRM_COLUMN = "confirm_reason"
CONFIRMED_FLAG = "confirmed"
NO_SOURCE_FLAG = "no_source"


@dataclass(frozen=True)
class Limits:
    # A level rarely triples or falls to a third in one year; a typo in the unit or a slipped
    # decimal point (52.1 for 5.21, 亿元 for 万元) does so by 10 or more. 3 catches those and
    # leaves real swings (a 5G user count doubling) to pass.
    jump_multiple: float = 3.0
    # Plans compare with their base year and the previous five-year period; older values are
    # not what a plan's evaluation reads, and are more often a wrong year typed than history.
    years_before_plans: int = 6
    # With no plan loaded there is no era to check against: any year from 1949.
    first_year_without_plans: int = 1949


DEFAULT_LIMITS = Limits()

# A name that states a change (growth, decline, a difference) rather than a level or a share:
# such values may be negative, and a share's 0–100 does not apply. 增加值 is a level (value added).
_CHANGE = re.compile(r"增长|增速|增幅|下降|降低|降幅|减少|提高|提升|变化|同比|比上年|较\s*\d{4}|增加(?!值)|上升|回落")
_SHARE_UNITS = ("%", "％")
_RELATIVE_UNITS = ("%", "％", "‰", "百分点", "个百分点")


def is_change(name: str) -> bool:
    return bool(_CHANGE.search(name))


def value_errors(r: ObservationRecord) -> list[RowError]:
    """Impossible values: a share outside 0–100, a decline beyond 100%, a negative level or count."""
    unit = (r.unit or "").strip()
    change = is_change(r.name)
    if unit in _SHARE_UNITS and not change and not 0 <= r.value <= 100:
        return [RowError(r.row, f"“{r.name}”是比例（%），数值 {r.source_value:g} 不在 0—100 之间")]
    if unit in _SHARE_UNITS and change and r.value < -100:
        return [RowError(r.row, f"“{r.name}”的变化率 {r.source_value:g}% 低于 -100%，不可能")]
    if unit not in _RELATIVE_UNITS and not change and r.value < 0:
        return [RowError(r.row, f"“{r.name}”是总量或计数（{r.source_unit or unit or '无单位'}），不能为负数 {r.source_value:g}")]
    return []


def source_errors(r: ObservationRecord, cells: dict[str, str]) -> list[RowError]:
    """A value without a source is refused unless the person marks it 暂无来源."""
    if r.source_url or r.quote or (r.source_title and r.source_title.strip() != NO_SOURCE_MARK):
        return []
    if NO_SOURCE_MARK in {(cells.get("source_title") or "").strip(), (cells.get("note") or "").strip()} \
            or NO_SOURCE_MARK in (cells.get("flags") or "") or NO_SOURCE_FLAG in (cells.get("flags") or ""):
        if NO_SOURCE_FLAG not in r.flags:
            r.flags.append(NO_SOURCE_FLAG)
        return []
    return [RowError(r.row, f"没有来源（来源网址、来源名称、原文摘录均为空）；如确无来源，请在来源名称填写“{NO_SOURCE_MARK}”")]


def region_errors(row: int, written: str, region: Region, regions: list[Region]) -> list[RowError]:
    """A region name that matches only approximately is refused, naming the candidates.

    Accepted as exact: the code, the full name (全国/中国 for the nation), the short name (运城 for
    运城市), a former name (太谷县 for 太谷区), a path of full names (山西省运城市). Refused: a name
    with its own type suffix that is another region's (太原县 → 太原市): the person may mean a
    county that is not in the table, and changing it silently would put the value on a city.
    """
    q = re.sub(r"\s+", "", written or "")
    if not q or re.fullmatch(r"\d{6}", q) or q == region.name or region.level == "national":
        return []
    if q == short_name(region.name) or region.code in former_names().get(q, ()):
        return []
    if q.endswith(region.name):  # a path: 山西省运城市
        return []
    cands = find_regions(q, regions) or [region]
    paths = "、".join(region_path(c.code, regions) for c in cands[:5])
    return [RowError(row, f"地区“{written}”与行政区划表中的名称不完全一致，可能是：{paths}；请写出准确名称，未作自动替换")]


def _identity(r: ObservationRecord) -> tuple:
    return (r.region_code, r.concept or f"name:{r.name}", r.year, r.series or "")


def duplicate_errors(records: list[ObservationRecord]) -> list[RowError]:
    """The same region, indicator, year (and series) twice from the same source in one file: a row
    typed twice, or one source giving two values, and which is meant is the person's call. The same
    figure from two sources is not a duplicate: both are kept, the later row current (store)."""
    first: dict[tuple, int] = {}
    errors = []
    for r in records:
        k = (*_identity(r), r.source_url or "", r.source_title or "")
        if k in first:
            errors.append(RowError(r.row, f"与第 {first[k]} 行重复（同一地区、指标、年份{('、口径' if r.series else '')}和来源），请只保留一行"))
        else:
            first[k] = r.row
    return errors


def plan_era(session: Session, limits: Limits = DEFAULT_LIMITS) -> tuple[int, int]:
    """The years observations may be for: from the previous period before the earliest loaded plan
    to this year (a value for a year not yet over is a partial one, flagged by its qualifiers)."""
    start = session.scalar(select(func.min(Plan.period_start)))
    first = start - limits.years_before_plans if start else limits.first_year_without_plans
    return first, date.today().year


def era_errors(records: list[ObservationRecord], era: tuple[int, int]) -> list[RowError]:
    lo, hi = era
    return [RowError(r.row, f"年份 {r.year} 不在规划期范围内（{lo}—{hi} 年）") for r in records if not lo <= r.year <= hi]


def _stored_value(session: Session, r: ObservationRecord, year: int) -> float | None:
    q = select(Observation.value).where(
        Observation.region_code == r.region_code, Observation.year == year,
        Observation.superseded_by_id.is_(None),
        (Observation.concept == r.concept) if r.concept else (Observation.concept.is_(None) & (Observation.name == r.name)),
        (Observation.series == r.series) if r.series else Observation.series.is_(None),
    )
    return session.scalar(q.limit(1))


def jump_errors(session: Session, records: list[ObservationRecord], cells_by_row: dict[int, dict[str, str]],
                limits: Limits = DEFAULT_LIMITS) -> list[RowError]:
    """A level or share that moves by more than `jump_multiple` from the year before or after (in
    the file or already stored) needs a person's confirmation with a reason. Changes (growth rates)
    are not compared: they swing and change sign as a matter of course."""
    in_file = {_identity(r): r.value for r in records}
    errors = []
    for r in records:
        if is_change(r.name) or r.value <= 0:
            continue
        for other_year in (r.year - 1, r.year + 1):
            k = (r.region_code, r.concept or f"name:{r.name}", other_year, r.series or "")
            other = in_file.get(k)
            if other is None:
                other = _stored_value(session, r, other_year)
            if other is None or other <= 0:
                continue
            ratio = max(r.value, other) / min(r.value, other)
            if ratio <= limits.jump_multiple:
                continue
            reason = (cells_by_row.get(r.row, {}).get(CONFIRM_COLUMN) or "").strip()
            if reason:
                if CONFIRMED_FLAG not in r.flags:
                    r.flags.append(CONFIRMED_FLAG)
                r.extra["confirmation"] = {"check": "jump", "reason": reason, "other_year": other_year,
                                           "other_value": other, "ratio": round(ratio, 2)}
            else:
                errors.append(RowError(r.row, (
                    f"需确认：{r.year} 年数值 {r.value:g} 是 {other_year} 年（{other:g}）的 {ratio:.1f} 倍"
                    f"{'' if r.value > other else '分之一'}，超过 {limits.jump_multiple:g} 倍；"
                    f"如确属实，请在“确认理由”（{CONFIRM_COLUMN}）列写明理由")))
            break
    return errors


def check_plausibility(session: Session, records: list[ObservationRecord], cells_by_row: dict[int, dict[str, str]],
                       regions: list[Region], limits: Limits = DEFAULT_LIMITS) -> list[RowError]:
    """Every plausibility finding for a file's rows (already through rows.check_row), in row order."""
    errors: list[RowError] = []
    by_code = {g.code: g for g in regions}
    for r in records:
        cells = cells_by_row.get(r.row, {})
        region = by_code.get(r.region_code)
        if region is not None:
            errors += region_errors(r.row, cells.get("region", ""), region, regions)
        errors += value_errors(r)
        errors += source_errors(r, cells)
    errors += era_errors(records, plan_era(session, limits))
    errors += duplicate_errors(records)
    errors += jump_errors(session, records, cells_by_row, limits)
    errors.sort(key=lambda e: e.row)
    return errors
