"""Reporting periods: a year by default, halves or quarters where the planning office sets it.

Pure: period codes ("2025", "2025H1", "2025Q3"), their dates and Chinese labels, when each is due
and which periods an assignment owes by a given day. The due date of a period comes from the
assignment: its due date when that date falls inside the period (the office's deadline for that
round), else GRACE_DAYS after the period ends (a period without its own deadline is due a month
after it closes, the usual rhythm of statistics bulletins).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

FREQUENCIES = {"year": "按年", "half": "按半年", "quarter": "按季度"}
GRACE_DAYS = 30
_CODE = re.compile(r"^(\d{4})(?:(H)([12])|(Q)([1-4]))?$")
_QUARTERS = "一二三四"


class PeriodError(ValueError):
    """A period code or frequency that is not one of ours; Chinese message."""


def periods_of_year(year: int, frequency: str) -> list[str]:
    if frequency == "year":
        return [str(year)]
    if frequency == "half":
        return [f"{year}H1", f"{year}H2"]
    if frequency == "quarter":
        return [f"{year}Q{q}" for q in range(1, 5)]
    raise PeriodError(f"填报周期应为 year（按年）、half（按半年）或 quarter（按季度），而不是“{frequency}”")


@lru_cache(maxsize=4096)
def parse_period(code: str) -> tuple[int, str, int]:
    """(year, frequency, index within the year) of a period code."""
    m = _CODE.match((code or "").strip())
    if not m:
        raise PeriodError(f"填报期“{code}”无效（应为 2025、2025H1 或 2025Q3 形式）")
    year = int(m.group(1))
    if m.group(2):
        return year, "half", int(m.group(3))
    if m.group(4):
        return year, "quarter", int(m.group(5))
    return year, "year", 1


def period_year(code: str) -> int:
    return parse_period(code)[0]


@lru_cache(maxsize=4096)
def period_bounds(code: str) -> tuple[date, date]:
    """First and last day of the period."""
    year, frequency, index = parse_period(code)
    months = {"year": 12, "half": 6, "quarter": 3}[frequency]
    first_month = (index - 1) * months + 1
    start = date(year, first_month, 1)
    last_month = first_month + months - 1
    end = (date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)) - timedelta(days=1)
    return start, end


def is_last_of_year(code: str) -> bool:
    """The period that closes its year (2025, 2025H2, 2025Q4): its value is the year's value."""
    _, frequency, index = parse_period(code)
    return index == {"year": 1, "half": 2, "quarter": 4}[frequency]


def period_label(code: str) -> str:
    year, frequency, index = parse_period(code)
    if frequency == "half":
        return f"{year}年{'上' if index == 1 else '下'}半年"
    if frequency == "quarter":
        return f"{year}年第{_QUARTERS[index - 1]}季度"
    return f"{year}年"


@lru_cache(maxsize=65536)
def period_due(code: str, assignment_due: str | None) -> date:
    start, end = period_bounds(code)
    if assignment_due:
        due = date.fromisoformat(assignment_due)
        if start <= due <= end:
            return due
    return end + timedelta(days=GRACE_DAYS)


def owed_periods(frequency: str, assignment_due: str | None, assigned_on: date, today: date) -> list[str]:
    """The periods an assignment owes by today: every period that has begun, from the year it was
    assigned (or the year of its due date, if earlier) to today's year."""
    first = assigned_on.year
    if assignment_due:
        first = min(first, date.fromisoformat(assignment_due).year)
    out = []
    for year in range(first, today.year + 1):
        out += [p for p in periods_of_year(year, frequency) if period_bounds(p)[0] <= today]
    return out
