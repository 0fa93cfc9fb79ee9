"""The reporting workflow (填报与审定): what each lead unit owes per period, and its review.

Shaped like DHIS2 data approval: one report item per assignment × period. The lead unit saves and
submits (reports.write, its own unit's items only); the planning office of the region returns it
with a comment or approves it (approvals.write); an approved item is locked until the office
reopens it. Only approval turns an indicator value into an observation (store/observations.py, via
the observation importer's own row checks), so evaluation, dashboards and published pages use
approved values only; a submitted value shows as 待审 on the reporting pages and nowhere else.

Every move goes through reporting_states.TRANSITIONS and writes, in the caller's transaction, the
item, one ReportStatus row (the status log) and one audit event.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from .. import audit
from ..domain.actor import Actor
from ..policy import permission_allowed
from ..store.models import (Assignment, Indicator, Plan, Region, ReportEvidence, ReportingFrequency, ReportItem,
                            ReportStatus, Unit)
from .reporting_files import check_evidence, store_evidence
from .reporting_periods import (FREQUENCIES, PeriodError, is_last_of_year, owed_periods, parse_period, period_due,
                                period_label, period_year)
from .reporting_states import ACTIONS, EDITABLE, STATES, TransitionRefused, actions_from, move_for

VALUE_KINDS = frozenset({"indicator"})  # items reported as a value with its source; the rest as progress
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")


class ReportingError(ValueError):
    """A request the workflow cannot accept; `status` is the HTTP status a page answers with."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


class ReportingRefused(ReportingError):
    """The actor may not do this to this item (403)."""

    def __init__(self, message: str):
        super().__init__(message, 403)


# --- who may act on whose items ---------------------------------------------------------------


def actor_units(session: Session, actor: Actor) -> list[Unit]:
    """The catalogue units a lead-unit account speaks for: its unit by full or short name, in its region."""
    if actor.role != "unit" or not actor.unit or not actor.region_code:
        return []
    return list(session.scalars(select(Unit).where(
        Unit.region_code == actor.region_code, (Unit.name == actor.unit) | (Unit.short_name == actor.unit))))


def may(session: Session, actor: Actor, action: str, unit: Unit) -> bool:
    """plantrack.policy for the unit's region; a lead unit's account further only for its own unit."""
    if not permission_allowed(actor, action, unit.region_code):
        return False
    if actor.role == "unit":
        return unit.id in {u.id for u in actor_units(session, actor)}
    return True


# --- frequencies and the periods owed ---------------------------------------------------------


def frequency_of(session: Session, assignment: Assignment, settings: dict | None = None) -> str:
    """The assignment's own setting, else its plan's, else a year. settings: _active_frequencies(),
    when the caller reads them once for many assignments."""
    if settings is None:
        settings = _active_frequencies(session)
    return (settings.get((assignment.plan_id, assignment.id)) or settings.get((assignment.plan_id, None))
            or "year")


def _active_frequencies(session: Session) -> dict[tuple[int, int | None], str]:
    """(plan id, assignment id or None for the whole plan) -> frequency, the newest active setting."""
    out: dict[tuple[int, int | None], str] = {}
    for r in session.scalars(select(ReportingFrequency).where(ReportingFrequency.state == "active")
                             .order_by(ReportingFrequency.id.desc())):
        out.setdefault((r.plan_id, r.assignment_id), r.frequency)
    return out


def set_frequency(session: Session, actor: Actor, plan_key: str, frequency: str, assignment_id: int | None = None) -> dict:
    """The planning office sets how often a plan's (or one assignment's) items are reported."""
    if frequency not in FREQUENCIES:
        raise ReportingError(f"填报周期应为 year（按年）、half（按半年）或 quarter（按季度），而不是“{frequency}”")
    plan = session.scalar(select(Plan).where(Plan.key == plan_key))
    if plan is None:
        raise ReportingError(f"没有键为“{plan_key}”的规划", 404)
    if not permission_allowed(actor, "approvals.write", plan.region_code or None):
        raise ReportingRefused(f"您的帐号（{actor.name}）无权设置该规划的填报周期。")
    if assignment_id is not None:
        a = session.get(Assignment, assignment_id)
        if a is None or a.plan_id != plan.id:
            raise ReportingError(f"规划“{plan_key}”中没有编号为 {assignment_id} 的任务分工", 404)
    old = list(session.scalars(select(ReportingFrequency).where(
        ReportingFrequency.plan_id == plan.id, ReportingFrequency.state == "active",
        ReportingFrequency.assignment_id == assignment_id if assignment_id is not None
        else ReportingFrequency.assignment_id.is_(None))))
    before = old[0].frequency if old else None
    for row in old:
        row.state = "superseded"
    row = ReportingFrequency(plan_id=plan.id, assignment_id=assignment_id, frequency=frequency, state="active",
                             created_by=actor.name)
    session.add(row)
    session.flush()
    key = f"{plan_key}#{assignment_id}" if assignment_id is not None else plan_key
    audit.record(session, actor, "reporting.frequency", "reporting_frequency", key,
                 {"frequency": before} if before else None, {"frequency": frequency})
    return {"plan": plan_key, "assignment_id": assignment_id, "frequency": frequency,
            "frequency_label": FREQUENCIES[frequency], "before": before}


# --- reading ------------------------------------------------------------------------------------


@dataclass
class Owed:
    """An assignment's report for one period, stored or not yet."""

    assignment: Assignment
    plan_key: str
    period: str
    due: date
    item: ReportItem | None

    @property
    def state(self) -> str:
        return self.item.state if self.item else "new"


def _assignments_in_scope(session: Session, actor: Actor, action: str = "reports.read") -> list[tuple[Assignment, str]]:
    """Active assignments whose lead unit the actor may act for (one query; the policy per region)."""
    query = (select(Assignment, Plan.key).join(Plan, Plan.id == Assignment.plan_id)
             .options(joinedload(Assignment.lead_unit))
             .where(Assignment.state == "active").order_by(Plan.key, Assignment.id))
    own = {u.id for u in actor_units(session, actor)} if actor.role == "unit" else None
    if own is not None:  # a lead unit reads its own rows only
        query = query.where(Assignment.lead_unit_id.in_(own or {-1}))
    rows = session.execute(query)
    allowed: dict[str, bool] = {}
    out = []
    for a, key in rows:
        region = a.lead_unit.region_code
        if region not in allowed:
            allowed[region] = permission_allowed(actor, action, region)
        if allowed[region] and (own is None or a.lead_unit_id in own):
            out.append((a, key))
    return out


def owed(session: Session, actor: Actor, today: date, period: str | None = None,
         unit_id: int | None = None) -> list[Owed]:
    """Every report the actor may see that is owed by today (for a lead unit: its own), newest period first."""
    scoped = [(a, key) for a, key in _assignments_in_scope(session, actor)
              if unit_id is None or a.lead_unit_id == unit_id]
    ids = {a.id for a, _ in scoped}
    items: dict[int, dict[str, ReportItem]] = {}
    if ids:
        query = select(ReportItem).join(Assignment, Assignment.id == ReportItem.assignment_id).where(
            Assignment.state == "active")
        if len(ids) <= 500:  # a lead unit's few: ask for them; an office's many: read all active ones
            query = query.where(ReportItem.assignment_id.in_(ids))
        stored = session.scalars(query)
        for i in stored:
            if i.assignment_id in ids:
                items.setdefault(i.assignment_id, {})[i.period] = i
    return owed_per_period(session, scoped, items, today, period)


def owed_per_period(session: Session, scoped: list[tuple[Assignment, str]],
                    items: dict[int, dict[str, ReportItem]], today: date, period: str | None = None) -> list[Owed]:
    """One Owed per assignment and period owed by today (or already reported), newest period first:
    the lead's list (owed) and a supporting unit's (reporting_support.supported_owed) read the same way."""
    settings = _active_frequencies(session)
    out: list[Owed] = []
    for a, key in scoped:
        mine = items.get(a.id, {})
        periods = owed_periods(frequency_of(session, a, settings), a.due, a.created_at.date(), today)
        for p in sorted(set(periods) | set(mine)):
            if period and p != period:
                continue
            out.append(Owed(a, key, p, period_due(p, a.due), mine.get(p)))
    out.sort(key=lambda o: (-period_year(o.period), o.period, o.plan_key, o.assignment.id))
    return out


def is_overdue(o: Owed, today: date) -> bool:
    return o.due < today and o.state not in ("submitted", "approved")


def owed_dict(o: Owed, today: date) -> dict:
    a, item = o.assignment, o.item
    return {
        "assignment_id": a.id, "plan": o.plan_key, "item_kind": a.item_kind, "item": a.item_name, "line": a.item_line,
        "unit": a.lead_unit.short_name or a.lead_unit.name, "unit_id": a.lead_unit_id,
        "region_code": a.lead_unit.region_code, "period": o.period, "period_label": period_label(o.period),
        "due": o.due.isoformat(), "state": o.state, "state_label": STATES[o.state], "overdue": is_overdue(o, today),
        "days_overdue": (today - o.due).days if is_overdue(o, today) else 0,
        "value": item.value if item else None, "percent": item.percent if item else None,
        "url": f"/reporting/items/{a.id}/{o.period}",
    }


def find_owed(session: Session, assignment_id: int, period: str) -> Owed:
    try:
        parse_period(period)
    except PeriodError as exc:
        raise ReportingError(str(exc), 404) from None
    row = session.execute(select(Assignment, Plan.key).join(Plan, Plan.id == Assignment.plan_id)
                          .where(Assignment.id == assignment_id)).first()
    if row is None:
        raise ReportingError(f"没有编号为 {assignment_id} 的任务分工", 404)
    a, key = row
    item = session.scalar(select(ReportItem).where(ReportItem.assignment_id == a.id, ReportItem.period == period))
    return Owed(a, key, period, period_due(period, a.due), item)


def _indicator(session: Session, a: Assignment) -> Indicator | None:
    return session.get(Indicator, a.item_id) if a.item_kind == "indicator" and a.item_id else None


def item_detail(session: Session, actor: Actor, o: Owed, today: date) -> dict:
    """Everything the item page shows: the item, the values, the evidence, the log, what may be done,
    and the supporting units' contributions (reporting_support.py)."""
    from .reporting_support import support_detail

    a, item = o.assignment, o.item
    ind = _indicator(session, a)
    log = list(session.scalars(select(ReportStatus).where(ReportStatus.item_id == item.id)
                               .order_by(ReportStatus.id))) if item else []
    evidence = list(session.scalars(select(ReportEvidence).where(ReportEvidence.item_id == item.id)
                                    .order_by(ReportEvidence.id))) if item else []
    possible = []
    for action in actions_from(o.state):
        move = move_for(action, o.state)
        if may(session, actor, move.policy_action, a.lead_unit):
            possible.append({"action": action, "label": ACTIONS[action], "needs_comment": move.needs_comment})
    proxy = (o.state in EDITABLE and not any(p["action"] == "save" for p in possible)
             and may(session, actor, "reports.proxy", a.lead_unit))
    behalf = [r for r in log if r.on_behalf_of]
    return {
        **owed_dict(o, today),
        "reports_value": a.item_kind in VALUE_KINDS,
        "indicator": {"id": ind.id, "name": ind.name, "unit": ind.unit, "target": ind.target_text,
                      "binding": ind.binding} if ind else None,
        "value_text": item.value_text if item else None,
        "source_title": item.source_title if item else None, "source_url": item.source_url if item else None,
        "narrative": item.narrative if item else None, "comment": item.comment if item else None,
        "observation_id": item.observation_id if item else None,
        "locked": o.state == "approved",
        "editable": o.state in EDITABLE and any(p["action"] == "save" for p in possible),
        "actions": possible,
        "proxy": proxy,  # 代填: the office may save and submit this item for the lead unit
        "entered_on_behalf": ({"by": behalf[-1].actor_name, "unit": behalf[-1].on_behalf_of,
                               "at": behalf[-1].created_at, "action_label": ACTIONS.get(behalf[-1].action)}
                              if behalf else None),
        "evidence": [{"id": e.id, "file_name": e.file_name, "content_type": e.content_type, "sha256": e.sha256,
                      "size": e.size, "uploaded_by": e.uploaded_by, "at": e.created_at,
                      "url": f"/reporting/evidence/{e.id}"} for e in evidence],
        **support_detail(session, actor, o),
        "log": [{"action": r.action, "action_label": ACTIONS.get(r.action, r.action), "from": r.from_state,
                 "from_label": STATES.get(r.from_state or "new"), "to": r.to_state, "to_label": STATES[r.to_state],
                 "by": r.actor_name, "role": r.actor_role, "comment": r.comment, "on_behalf_of": r.on_behalf_of,
                 "at": r.created_at} for r in log],
    }


# --- writing ------------------------------------------------------------------------------------


@dataclass
class Entry:
    """What a lead unit types into the form; text as typed, checked here."""

    value: str = ""
    source_title: str = ""
    source_url: str = ""
    percent: str = ""
    narrative: str = ""


def _number(text: str) -> float | None:
    t = (text or "").replace(",", "").replace("，", "").strip()
    return float(t) if _NUMBER.match(t) else None


def _check_entry(kind: str, entry: Entry) -> list[str]:
    problems = []
    if entry.value.strip() and _number(entry.value) is None:
        problems.append(f"数值“{entry.value}”不是数字")
    if entry.percent.strip():
        p = _number(entry.percent)
        if p is None or not 0 <= p <= 100:
            problems.append(f"完成进度“{entry.percent}”应为 0 到 100 之间的数")
    if entry.source_url.strip() and not re.match(r"^https?://\S+$", entry.source_url.strip()):
        problems.append(f"来源网址“{entry.source_url}”应以 http:// 或 https:// 开头")
    return problems


def _complete(kind: str, item: ReportItem) -> list[str]:
    """What a submission must carry: a value with its source, or a completion percent with a narrative."""
    missing = []
    if kind in VALUE_KINDS:
        if item.value is None:
            missing.append("数值")
        if not (item.source_title or item.source_url):
            missing.append("数据来源（来源名称或网址）")
    else:
        if item.percent is None:
            missing.append("完成进度（%）")
        if not (item.narrative or "").strip():
            missing.append("进展情况说明")
    return missing


def _log(session: Session, actor: Actor, item: ReportItem, action: str, before: str, comment: str | None,
         snapshot_before: dict | None, on_behalf_of: str | None = None, extra: dict | None = None) -> None:
    session.add(ReportStatus(item_id=item.id, action=action, from_state=None if before == "new" else before,
                             to_state=item.state, actor_name=actor.name, actor_role=actor.role, comment=comment,
                             on_behalf_of=on_behalf_of))
    after = {**_snapshot(item), **({"comment": comment} if comment else {}),
             **({"on_behalf_of": on_behalf_of} if on_behalf_of else {}), **(extra or {})}
    audit.record(session, actor, f"report.{action}", "report_item", f"{item.assignment_id}/{item.period}",
                 snapshot_before, after, note=f"{actor.name}代{on_behalf_of}填报" if on_behalf_of else None)


def _snapshot(item: ReportItem) -> dict:
    return {"state": item.state, "value": item.value, "source_title": item.source_title,
            "source_url": item.source_url, "percent": item.percent, "narrative": item.narrative}


def unit_label(unit: Unit) -> str:
    return unit.short_name or unit.name


def _guard(session: Session, actor: Actor, o: Owed, action: str, comment: str | None, on_behalf: bool = False):
    """The move, once the actor may make it. on_behalf (代填): the office saves or submits a lead
    unit's own move for it, under reports.proxy instead of the unit's reports.write."""
    move = move_for(action, o.state)
    unit = o.assignment.lead_unit
    if on_behalf:
        if move.policy_action != "reports.write":
            raise ReportingError(f"代填只能保存或提交，不能{ACTIONS[action]}。")
        if not may(session, actor, "reports.proxy", unit):
            raise ReportingRefused(f"您的帐号（{actor.name}）无权代{unit_label(unit)}填报。")
        return move
    if not may(session, actor, move.policy_action, unit):
        raise ReportingRefused(f"您的帐号（{actor.name}）无权{ACTIONS[action]}{unit_label(unit)}的填报事项。")
    if move.needs_comment and not (comment or "").strip():
        raise ReportingError(f"{ACTIONS[action]}时须填写意见。")
    return move


def _ensure_item(session: Session, actor: Actor, o: Owed) -> ReportItem:
    if o.item is None:
        o.item = ReportItem(assignment_id=o.assignment.id, unit_id=o.assignment.lead_unit_id, period=o.period,
                            due=o.due.isoformat(), state="new", updated_by=actor.name)
        session.add(o.item)
        session.flush()
    return o.item


def save(session: Session, actor: Actor, o: Owed, entry: Entry, files: list[tuple[str, bytes]] = (),
         submit: bool = False, on_behalf: bool = False) -> ReportItem:
    """Save the unit's entry (and evidence files) as a draft; with submit, submit it in the same step.
    on_behalf: the planning office enters it for the lead unit (代填, e.g. figures sent on paper);
    the status log and the audit event name the unit it was entered for."""
    before_state = o.state
    _guard(session, actor, o, "save", None, on_behalf)
    behalf = unit_label(o.assignment.lead_unit) if on_behalf else None
    problems = _check_entry(o.assignment.item_kind, entry)
    checked_files = []
    for name, data in files:
        try:
            checked_files.append((name, data, check_evidence(name, data)))
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        raise ReportingError("；".join(problems) + "。未保存。")
    snapshot = _snapshot(o.item) if o.item else None
    item = _ensure_item(session, actor, o)
    item.value_text = entry.value.strip() or None
    item.value = _number(entry.value)
    item.source_title = entry.source_title.strip() or None
    item.source_url = entry.source_url.strip() or None
    item.percent = _number(entry.percent)
    item.narrative = entry.narrative.strip() or None
    item.updated_by = actor.name
    for name, data, content_type in checked_files:
        sha = store_evidence(data)
        session.add(ReportEvidence(item_id=item.id, file_name=name, content_type=content_type, sha256=sha,
                                   size=len(data), uploaded_by=actor.name))
    item.state = move_for("save", before_state).to
    session.flush()
    _log(session, actor, item, "save", before_state, None, snapshot, on_behalf_of=behalf)
    if submit:
        transition(session, actor, o, "submit", on_behalf=on_behalf)
    return item


def transition(session: Session, actor: Actor, o: Owed, action: str, comment: str | None = None,
               on_behalf: bool = False) -> ReportItem:
    """submit, return, approve or reopen one item; approve makes an indicator value an observation,
    reopen withdraws it (evaluation stops using it until the item is approved again)."""
    if action == "save":
        raise TransitionRefused("保存请用填报表单。")
    before_state = o.state
    move = _guard(session, actor, o, action, comment, on_behalf)
    item = _ensure_item(session, actor, o)
    snapshot = _snapshot(item)
    extra = None
    if action == "submit":
        missing = _complete(o.assignment.item_kind, item)
        if missing:
            raise ReportingError("提交前请填写：" + "、".join(missing) + "。")
    if action == "approve" and o.assignment.item_kind in VALUE_KINDS:
        item.observation_id = _observe(session, actor, o, item)
    if action == "reopen" and item.observation_id is not None:
        extra = {"withdrawn_observation": _withdraw(session, actor, o, item, comment or "")}
    item.state = move.to
    item.comment = comment.strip() if comment and comment.strip() else (item.comment if action == "submit" else None)
    item.updated_by = actor.name
    session.flush()
    _log(session, actor, item, action, before_state, comment.strip() if comment else None, snapshot,
         on_behalf_of=unit_label(o.assignment.lead_unit) if on_behalf else None, extra=extra)
    return item


def _withdraw(session: Session, actor: Actor, o: Owed, item: ReportItem, comment: str) -> int | None:
    """The approved value leaves evaluation (withdrawn, never deleted), with the reopening's reason,
    and its own audit event; the item no longer points at a current observation."""
    from ..store.observations import withdraw_observation

    reason = f"重新开放填报事项（{o.assignment.item_name}，{period_label(o.period)}）：{comment.strip()}"
    withdrawn = withdraw_observation(session, item.observation_id, actor.name, reason)
    item.observation_id = None
    if withdrawn is None:
        return None
    audit.record(session, actor, "observation.withdraw", "observation", str(withdrawn["id"]),
                 {"state": "current", "value": withdrawn["value"], "year": withdrawn["year"]},
                 {"state": "withdrawn", "restored": withdrawn["restored"]}, note=reason)
    return withdrawn["id"]


def _observe(session: Session, actor: Actor, o: Owed, item: ReportItem) -> int:
    """The approved value as the current observation of the plan's region, through the observation
    importer's own checks (concept matching, unit conversion), recorded as an import of its own."""
    from ..align.catalogue import default_catalogue
    from ..observations.importer import ImportRejected, check_rows, record_import
    from ..store.observations import current_observation, save_observations

    a = o.assignment
    plan = session.get(Plan, a.plan_id)
    region_code = plan.region_code or a.lead_unit.region_code
    region = session.get(Region, region_code)
    ind = _indicator(session, a)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["region", "indicator", "unit", "year", "value", "source_url", "source_title", "flags", "note"])
    w.writerow([region.name if region else region_code, a.item_name, (ind.unit if ind else "") or "",
                period_year(o.period), item.value_text or f"{item.value:g}", item.source_url or "",
                item.source_title or "", "" if is_last_of_year(o.period) else "partial_year",
                f"{a.lead_unit.short_name or a.lead_unit.name}填报，{period_label(o.period)}，审定人：{actor.name}"])
    data = buf.getvalue().encode("utf-8")
    name = f"填报审定-{a.id}-{o.period}.csv"
    try:
        records = check_rows(session, name, data, default_catalogue())
    except ImportRejected as exc:
        raise ReportingError("数值无法作为观测值入库：" + "；".join(e.reason for e in exc.errors)) from None
    summary = save_observations(session, records, name, hashlib.sha256(data).hexdigest())
    record_import(session, actor, name, summary)
    r = records[0]
    obs = current_observation(session, r.region_code, r.concept, r.name, r.year, r.series)
    return obs.id if obs is not None else None
