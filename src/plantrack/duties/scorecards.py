"""Scorecards (考核): per unit and per region, what it owns and how its reporting and targets stand.

For each active assignment: has the lead unit reported on it, on time (by the assignment's due
date), has the report been approved, and is the item on track or behind. The counts per lead unit
and per region (the region of the plan the item belongs to) are what an assessment (考核) reads.

Reporting state comes through one seam, `ReportStates`: a function from the assignments to each
one's ReportState. The default, `workflow_report_states`, reads the reporting workflow
(duties/reporting*.py): an item counts as reported once its lead unit submitted a report for its
latest period (on time when the first submission came by the due date) and approved once the office
approved it (审定) — tasks and projects included. An indicator nobody reported through the workflow
falls back to `observed_report_states`: reported when an observation of its plan's region and concept
is stored (by an import or a bulletin), so a scorecard of a store without the workflow still says what
was measured; the state's `source` says which of the two it came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..store.models import Assignment, Observation, Plan, Region, Unit

ON_TRACK = frozenset({"提前实现", "快于预期", "基本符合预期"})
BEHIND = frozenset({"滞后"})


@dataclass(frozen=True)
class ReportState:
    """What the lead unit has reported on one assignment."""

    reported: bool
    reported_on: date | None = None  # when the report (the first value of the latest year) arrived
    approved: bool = False
    year: int | None = None  # the year the report is about
    source: str = ""  # where the state was read from, for the page


ReportStates = Callable[[Session, list[Assignment]], dict[int, ReportState]]
"""assignments -> {assignment id: ReportState}; an assignment missing from the answer is unreported."""


def observed_report_states(session: Session, assignments: list[Assignment]) -> dict[int, ReportState]:
    """The default seam: reporting read from stored observations (see the module docstring)."""
    from ..align.catalogue import default_catalogue
    from ..analysis import decisions as stored_decisions

    catalogue, decisions = default_catalogue(), stored_decisions(session)
    plans = {p.id: p for p in session.scalars(select(Plan).where(Plan.id.in_({a.plan_id for a in assignments})))}
    out: dict[int, ReportState] = {}
    for a in assignments:
        plan = plans.get(a.plan_id)
        if a.item_kind != "indicator" or plan is None or not plan.region_code:
            continue
        unit = next((i.get("unit") for i in (plan.current.document.get("indicators", []) if plan.current else [])
                     if i.get("name") == a.item_name), None)
        match = catalogue.concept_of(a.item_name, unit, decisions)
        if match is None:
            continue
        rows = list(session.scalars(select(Observation).where(
            Observation.region_code == plan.region_code, Observation.concept == match.concept.id)))
        if not rows:
            continue
        latest = max(r.year for r in rows)
        first = min((r.created_at for r in rows if r.year == latest), default=None)
        current = any(r.superseded_by_id is None for r in rows if r.year == latest)
        out[a.id] = ReportState(reported=True, reported_on=first.date() if first else None, approved=current,
                                year=latest, source="观测值")
    return out


def workflow_report_states(session: Session, assignments: list[Assignment]) -> dict[int, ReportState]:
    """Reporting read from the workflow's report items and status log (the default seam), falling
    back to stored observations for indicators without a report item (see the module docstring)."""
    from ..store.models import ReportItem, ReportStatus

    ids = [a.id for a in assignments]
    items = list(session.scalars(select(ReportItem).where(ReportItem.assignment_id.in_(ids),
                                                          ReportItem.state.in_(("submitted", "approved", "returned")))))
    first_submit = dict(session.execute(
        select(ReportStatus.item_id, func.min(ReportStatus.created_at))
        .where(ReportStatus.item_id.in_([i.id for i in items]), ReportStatus.action == "submit")
        .group_by(ReportStatus.item_id)).all()) if items else {}
    latest: dict[int, ReportItem] = {}
    for item in items:  # periods sort as text: 2025 < 2025H1 < 2025Q3 < 2026
        if item.assignment_id not in latest or item.period > latest[item.assignment_id].period:
            latest[item.assignment_id] = item
    out = observed_report_states(session, [a for a in assignments if a.id not in latest])
    for assignment_id, item in latest.items():
        submitted = first_submit.get(item.id)
        out[assignment_id] = ReportState(reported=item.state in ("submitted", "approved"),  # returned: owed again
                                         reported_on=submitted.date() if submitted else None,
                                         approved=item.state == "approved", year=int(item.period[:4]),
                                         source="填报审定" if item.state == "approved" else "填报")
    return out


def _name(indicator) -> str | None:
    """An assessment names its indicator by the indicator row (a dict) or, in older results, by name."""
    return indicator.get("name") if isinstance(indicator, dict) else indicator


def _progress(session: Session, assignments: list[Assignment], year: int | None) -> dict[int, str | None]:
    """{assignment id: evaluation status} for indicator assignments, from the plan's evaluation."""
    from ..web.queries import default_year, evaluation  # memoised evaluation, shared with the pages

    out: dict[int, str | None] = {}
    year = year or default_year(session)
    by_plan: dict[int, list[Assignment]] = {}
    for a in assignments:
        if a.item_kind == "indicator":
            by_plan.setdefault(a.plan_id, []).append(a)
    for plan_id, items in by_plan.items():
        plan = session.get(Plan, plan_id)
        if plan is None or plan.current is None:
            continue
        assessments = evaluation(session, plan, year)["assessments"]
        by_id = {x["indicator_id"]: x for x in assessments}
        by_name = {_name(x.get("indicator")): x for x in assessments}
        for a in items:
            hit = by_id.get(a.item_id) or by_name.get(a.item_name)
            out[a.id] = hit.get("status") if hit else None
    return out


def _blank(**head) -> dict:
    return {**head, "items": 0, "reported": 0, "on_time": 0, "late": 0, "approved": 0, "on_track": 0, "behind": 0,
            "overdue": 0}


def scorecards(session: Session, today: date, year: int | None = None,
               report_states: ReportStates | None = None, plan_ids: set[int] | None = None) -> dict:
    """Every active assignment with its reporting and progress, and the counts per lead unit and
    per region. `today` decides what is overdue (not reported, due date passed); `year` the
    evaluation year for on track / behind (default: the dashboard's year); `plan_ids` limits the
    items to those plans (the published ones, for the public)."""
    query = select(Assignment).where(Assignment.state == "active").order_by(Assignment.id)
    if plan_ids is not None:
        query = query.where(Assignment.plan_id.in_(plan_ids))
    assignments = list(session.scalars(query))
    units = {u.id: u for u in session.scalars(select(Unit))}
    plans = {p.id: p for p in session.scalars(select(Plan))}
    names = dict(session.execute(select(Region.code, Region.name)).all())
    states = (report_states or workflow_report_states)(session, assignments)
    progress = _progress(session, assignments, year)
    items, by_unit, by_region = [], {}, {}
    for a in assignments:
        plan, lead = plans.get(a.plan_id), units.get(a.lead_unit_id)
        state = states.get(a.id) or ReportState(reported=False)
        due = date.fromisoformat(a.due) if a.due else None
        on_time = None if not state.reported or due is None or state.reported_on is None else state.reported_on <= due
        status = progress.get(a.id)
        item = {"assignment_id": a.id, "plan": plan.key if plan else None, "plan_title": plan.title if plan else None,
                "item_kind": a.item_kind, "item": a.item_name, "line": a.item_line,
                "lead_unit_id": a.lead_unit_id, "lead_unit": (lead.short_name or lead.name) if lead else None,
                "region_code": plan.region_code if plan else None,
                "region": names.get(plan.region_code) if plan else None, "due": a.due,
                "report": {**asdict(state), "reported_on": state.reported_on.isoformat() if state.reported_on else None},
                "on_time": on_time, "overdue": not state.reported and due is not None and due < today,
                "status": status, "on_track": status in ON_TRACK, "behind": status in BEHIND}
        items.append(item)
        unit_row = by_unit.setdefault(a.lead_unit_id, _blank(
            unit_id=a.lead_unit_id, unit=item["lead_unit"], unit_full=lead.name if lead else None,
            region_code=lead.region_code if lead else None, region=names.get(lead.region_code) if lead else None))
        region_row = by_region.setdefault(item["region_code"], _blank(region_code=item["region_code"],
                                                                      region=item["region"]))
        for row in (unit_row, region_row):
            row["items"] += 1
            row["reported"] += state.reported
            row["on_time"] += on_time is True
            row["late"] += on_time is False
            row["approved"] += state.approved
            row["on_track"] += item["on_track"]
            row["behind"] += item["behind"]
            row["overdue"] += item["overdue"]
    return {"today": today.isoformat(), "year": year, "units": sorted(by_unit.values(), key=lambda r: (r["region_code"] or "", r["unit"] or "")),
            "regions": sorted(by_region.values(), key=lambda r: r["region_code"] or ""), "items": items}


SHEETS = (
    ("按单位", "units", (("region", "地区"), ("unit", "单位"), ("unit_full", "单位全称"), ("items", "负责事项"),
                        ("reported", "已报送"), ("on_time", "按时报送"), ("late", "逾期报送"), ("approved", "已审定"),
                        ("on_track", "进度正常"), ("behind", "滞后"), ("overdue", "逾期未报")),),
    ("按地区", "regions", (("region", "地区"), ("region_code", "地区代码"), ("items", "负责事项"), ("reported", "已报送"),
                          ("on_time", "按时报送"), ("late", "逾期报送"), ("approved", "已审定"), ("on_track", "进度正常"),
                          ("behind", "滞后"), ("overdue", "逾期未报")),),
)
ITEM_COLUMNS = (("plan", "规划"), ("region", "地区"), ("item_kind", "类别"), ("item", "事项"), ("line", "原文行"),
                ("lead_unit", "牵头单位"), ("due", "报送期限"), ("reported", "已报送"), ("on_time", "按时"),
                ("approved", "已审定"), ("status", "进度状态"), ("overdue", "逾期未报"))


def scorecard_workbook(card: dict) -> bytes:
    """The scorecards as an XLSX: one sheet per unit, per region, and the items; every text cell
    is neutralised against formulas (export/formulas.py), since item names come from plan text."""
    import io

    from openpyxl import Workbook

    from ..export.formulas import neutralise_workbook
    from .assignments import KIND_LABELS

    yes = {True: "是", False: "否", None: ""}
    wb = Workbook()
    wb.remove(wb.active)
    for title, key, columns in SHEETS:
        ws = wb.create_sheet(title)
        ws.append([label for _, label in columns])
        for row in card[key]:
            ws.append([row.get(field) for field, _ in columns])
    ws = wb.create_sheet("事项明细")
    ws.append([label for _, label in ITEM_COLUMNS])
    for i in card["items"]:
        values = {**i, "item_kind": KIND_LABELS.get(i["item_kind"], i["item_kind"]),
                  "reported": yes[i["report"]["reported"]], "on_time": yes[i["on_time"]],
                  "approved": yes[i["report"]["approved"]], "overdue": yes[i["overdue"]]}
        ws.append([values.get(field) for field, _ in ITEM_COLUMNS])
    neutralise_workbook(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
