"""The to-do list (填报任务) as pages: what is owed, filtered, counted per state and cut into pages.

reporting.owed() builds an ORM object per assignment and per period and is the right shape for one
item's page and for the reminders; for the list of an office with thousands of assignments it is
the cost (2.7 s at 2,000 assignments, issue 11). Here the list is read set-based: one query for the
assignments in scope (plain columns, filters in SQL), one for their stored report items, one for the
frequencies; the periods an assignment owes are computed once per distinct (frequency, due date,
year assigned) — thousands of assignments share a handful — and only the rows of the page asked for
become dictionaries. Counts per state are over the whole filtered list, so the page says how much
lies beyond it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from ..domain.actor import Actor
from ..policy import permission_allowed
from ..store.models import Assignment, Plan, ReportingFrequency, ReportItem, Unit
from .reporting import actor_units
from .reporting_periods import owed_periods, period_due, period_label, period_year
from .reporting_states import STATES

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
OVERDUE = "overdue"  # a filter beside the states: owed, past its due date, neither submitted nor approved


class TodoRow(NamedTuple):
    """One assignment × period: the assignment's plain columns (a SQL row, shared by its periods),
    the period, when it is due and the stored report's state and figures ("new" when none)."""

    a: Any  # assignment id, plan id, plan key, kind, name, line, lead unit id, unit name, short name, region, due
    period: str
    due: date
    state: str
    value: float | None
    percent: float | None

    def overdue(self, today: date) -> bool:
        return self.due < today and self.state not in ("submitted", "approved")


@dataclass(frozen=True)
class TodoFilter:
    """What the list is narrowed to; every field comes from the query string and goes back into the links."""

    period: str | None = None
    state: str | None = None  # a key of STATES, or OVERDUE
    plan: str | None = None
    unit_id: int | None = None

    def query(self) -> dict[str, str]:
        out = {"period": self.period, "state": self.state, "plan": self.plan,
               "unit": str(self.unit_id) if self.unit_id is not None else None}
        return {k: v for k, v in out.items() if v}


@dataclass
class TodoPage:
    rows: list[dict]
    total: int  # rows matching every filter
    page: int
    page_size: int
    counts: dict[str, int]  # per state (and OVERDUE) under every filter but the state
    periods: list[tuple[str, str]]  # the periods present, newest first, for the filter
    plans: list[str]
    units: list[dict] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@lru_cache(maxsize=4096)
def _periods(frequency: str, due: str | None, year_assigned: int, today: date) -> dict[str, date]:
    """period -> due date, for the periods an assignment owes by today (owed_periods reads only the
    year it was assigned). Shared by every assignment with the same arguments: do not change it."""
    return {p: period_due(p, due) for p in owed_periods(frequency, due, date(year_assigned, 1, 1), today)}


def _frequencies(session: Session) -> dict[tuple[int, int | None], str]:
    out: dict[tuple[int, int | None], str] = {}
    for plan_id, assignment_id, frequency in session.execute(
            select(ReportingFrequency.plan_id, ReportingFrequency.assignment_id, ReportingFrequency.frequency)
            .where(ReportingFrequency.state == "active").order_by(ReportingFrequency.id.desc())):
        out.setdefault((plan_id, assignment_id), frequency)
    return out


@dataclass
class _Listing:
    """What the list is made of, read once: the assignments in scope (SQL rows, ordered by plan and
    id), each one's owed periods (period -> due date, shared between assignments alike), their
    stored report items by assignment and period, and the assignments grouped by period, newest
    first. No object per assignment × period is made: only the rows of the page asked for become
    TodoRows (20,000 live row objects cost more in garbage collection than in building them)."""

    scoped: list
    owed: dict[int, dict[str, date]]
    stored: dict[int, dict[str, Any]]
    buckets: list[tuple[str, list]]


_NOTHING: dict = {}
DONE = ("submitted", "approved")


def _read(session: Session, actor: Actor, today: date) -> _Listing:
    query = (select(Assignment.id, Assignment.plan_id, Plan.key, Assignment.item_kind, Assignment.item_name,
                    Assignment.item_line, Assignment.lead_unit_id, Unit.name, Unit.short_name, Unit.region_code,
                    Assignment.due, extract("year", Assignment.created_at).label("year_assigned"))
             .join(Plan, Plan.id == Assignment.plan_id).join(Unit, Unit.id == Assignment.lead_unit_id)
             .where(Assignment.state == "active").order_by(Plan.key, Assignment.id))
    if actor.role == "unit":  # a lead unit reads its own rows only
        query = query.where(Assignment.lead_unit_id.in_([u.id for u in actor_units(session, actor)] or [-1]))
    # Core rows (connection.execute): the ORM's row processing costs more than the query at 10,000 rows
    allowed: dict[str, bool] = {}
    scoped = []
    for r in session.connection().execute(query):
        region = r.region_code
        if region not in allowed:
            allowed[region] = permission_allowed(actor, "reports.read", region)
        if allowed[region]:
            scoped.append(r)
    if not scoped:
        return _Listing([], {}, {}, [])
    items_query = (select(ReportItem.assignment_id, ReportItem.period, ReportItem.state, ReportItem.value,
                          ReportItem.percent)
                   .join(Assignment, Assignment.id == ReportItem.assignment_id).where(Assignment.state == "active"))
    ids = {r.id for r in scoped}
    if len(ids) <= 500:  # a lead unit's few: ask for them; an office's many: read the active ones
        items_query = items_query.where(ReportItem.assignment_id.in_(ids))
    stored: dict[int, dict[str, Any]] = {}
    for i in session.connection().execute(items_query):
        if i.assignment_id in ids:
            stored.setdefault(i.assignment_id, {})[i.period] = i
    settings = _frequencies(session)
    by_assignment = {a: f for (_, a), f in settings.items() if a is not None}
    by_plan = {p: f for (p, a), f in settings.items() if a is None}
    # Rows arrive ordered by plan and assignment and each is appended once to each of its periods'
    # buckets, so every bucket is in list order already: only the few periods need sorting.
    owed_of: dict[int, dict[str, date]] = {}
    buckets: dict[str, list] = {}
    for r in scoped:
        rid = r.id
        frequency = by_assignment.get(rid) or by_plan.get(r.plan_id) or "year"
        owed_of[rid] = owed = _periods(frequency, r.due, int(r.year_assigned), today)
        for p in owed:
            buckets.setdefault(p, []).append(r)
        mine = stored.get(rid)
        if mine:
            for p in mine:
                if p not in owed:  # a report for a period no longer owed (the frequency changed since)
                    buckets.setdefault(p, []).append(r)
    ordered = [(p, buckets[p]) for p in sorted(buckets, key=lambda p: (-period_year(p), p))]
    return _Listing(scoped, owed_of, stored, ordered)


def _walk(listing: _Listing, period: str | None = None, plan: str | None = None, unit_id: int | None = None):
    """(assignment row, period, due date, stored item or None) in the list's order, under the filters."""
    for p, members in listing.buckets:
        if period and p != period:
            continue
        for r in members:
            if (plan and r.key != plan) or (unit_id is not None and r.lead_unit_id != unit_id):
                continue
            yield r, p, listing.owed[r.id].get(p) or period_due(p, r.due), listing.stored.get(r.id, _NOTHING).get(p)


def _row(r, p: str, due: date, item) -> TodoRow:
    return TodoRow(r, p, due, item.state, item.value, item.percent) if item else TodoRow(r, p, due, "new", None, None)


def todo_rows(session: Session, actor: Actor, today: date, overdue_only: bool = False) -> list[TodoRow]:
    """Every report the actor may see that is owed by today (a lead unit: its own), in any state,
    newest period first — the same rows and order as reporting.owed(), read in three queries;
    with overdue_only, the overdue ones only."""
    out = []
    for r, p, due, item in _walk(_read(session, actor, today)):
        if not overdue_only or (due < today and (item.state if item else "new") not in DONE):
            out.append(_row(r, p, due, item))
    return out


def row_dict(o: TodoRow, today: date) -> dict:
    """The row as reporting.owed_dict writes it (the list's JSON twin keeps its shape)."""
    late, a = o.overdue(today), o.a
    return {
        "assignment_id": a.id, "plan": a.key, "item_kind": a.item_kind, "item": a.item_name,
        "line": a.item_line, "unit": a.short_name or a.name, "unit_id": a.lead_unit_id, "region_code": a.region_code,
        "period": o.period, "period_label": period_label(o.period), "due": o.due.isoformat(), "state": o.state,
        "state_label": STATES[o.state], "overdue": late, "days_overdue": (today - o.due).days if late else 0,
        "value": o.value, "percent": o.percent, "url": f"/reporting/items/{a.id}/{o.period}",
    }


def todo_page(session: Session, actor: Actor, today: date, filters: TodoFilter = TodoFilter(), page: int = 1,
              page_size: int = PAGE_SIZE) -> TodoPage:
    """One page of the to-do list under the filters, with the counts and choices the page shows.
    Counts per state follow every filter but the state (each state's count says what its link shows)."""
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    listing = _read(session, actor, today)
    periods = [(p, period_label(p)) for p, _ in listing.buckets]
    plans = sorted({r.key for r in listing.scoped})
    units = sorted({(r.lead_unit_id, r.short_name or r.name) for r in listing.scoped}, key=lambda u: u[1])

    def one_pass(first: int) -> tuple[dict[str, int], int, list[TodoRow]]:
        counts = dict.fromkeys((*STATES, OVERDUE), 0)
        total, window = 0, []
        for r, p, due, item in _walk(listing, filters.period, filters.plan, filters.unit_id):
            state = item.state if item else "new"
            late = due < today and state not in DONE
            counts[state] += 1
            counts[OVERDUE] += late
            if not filters.state or (late if filters.state == OVERDUE else state == filters.state):
                if first <= total < first + page_size:
                    window.append(_row(r, p, due, item))
                total += 1
        return counts, total, window

    counts, total, window = one_pass((page - 1) * page_size)
    pages = max(1, -(-total // page_size))
    if page > pages:  # past the end: the last page
        page = pages
        counts, total, window = one_pass((page - 1) * page_size)
    return TodoPage(rows=[row_dict(o, today) for o in window], total=total, page=page, page_size=page_size,
                    counts=counts, periods=periods, plans=plans, units=[{"id": i, "name": n} for i, n in units])
