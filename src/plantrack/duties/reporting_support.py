"""Supporting units (配合单位) in the reporting workflow: what they see and what they add.

An assignment names one lead unit and any number of supporting units. The lead unit owns the report
item (reporting.py); a supporting unit sees the item on its to-do list marked 配合 and adds its
contribution for the period — a note, optionally a figure with its source, and evidence files
stored by sha256 like the lead's. The lead unit reads the contributions while filling in and the
planning office while reviewing. A contribution never touches the lead's entry: a supporting unit
cannot save, submit or change the item, and once the item is approved (locked) no contribution is
added until the office reopens it. A newer contribution of the same unit supersedes its older one,
which stays as history; the evidence files of every version stay with the unit's contribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Text, cast, or_, select
from sqlalchemy.orm import Session, joinedload

from .. import audit
from ..domain.actor import Actor
from ..policy import permission_allowed
from ..store.models import (Assignment, Plan, ReportContribution, ReportContributionEvidence, ReportItem, Unit)
from .reporting import (Owed, ReportingError, ReportingRefused, _number, actor_units, may, owed_per_period,
                        unit_label)
from .reporting_files import check_evidence, store_evidence
from .reporting_periods import period_label
from .reporting_states import STATES

MAX_NOTE = 4000


def supporting_units(session: Session, assignment: Assignment) -> list[Unit]:
    ids = [i for i in (assignment.supporting_unit_ids or []) if isinstance(i, int)]
    if not ids:
        return []
    by_id = {u.id: u for u in session.scalars(select(Unit).where(Unit.id.in_(ids)))}
    return [by_id[i] for i in ids if i in by_id]


def supporting_unit_of(session: Session, actor: Actor, assignment: Assignment) -> Unit | None:
    """The actor's unit when it is one of the assignment's supporting units (and the policy lets a
    unit of that region support); None otherwise."""
    ids = set(assignment.supporting_unit_ids or [])
    for unit in actor_units(session, actor):
        if unit.id in ids and permission_allowed(actor, "reports.support", unit.region_code):
            return unit
    return None


def may_read_item(session: Session, actor: Actor, assignment: Assignment) -> bool:
    """Those who may read the lead's item, and its supporting units."""
    return may(session, actor, "reports.read", assignment.lead_unit) or \
        supporting_unit_of(session, actor, assignment) is not None


# --- the supporting unit's to-do list -----------------------------------------------------------


def supported_owed(session: Session, actor: Actor, today: date, period: str | None = None) -> list[Owed]:
    """The items the actor's unit supports, per period owed (as the lead owes them), newest first.
    Kept apart from reporting.owed, which lists what a unit leads."""
    own = {u.id for u in actor_units(session, actor) if permission_allowed(actor, "reports.support", u.region_code)}
    if not own:
        return []
    # supporting_unit_ids is a JSON list with no portable index or containment test: its text is
    # prefiltered in SQL for the unit ids' digits (a superset: 2 also matches 12), then checked exactly.
    text = cast(Assignment.supporting_unit_ids, Text)
    candidates = session.execute(select(Assignment.id, Assignment.supporting_unit_ids).where(
        Assignment.state == "active", or_(*[text.like(f"%{i}%") for i in sorted(own)])))
    wanted = [i for i, ids in candidates if own & set(ids or [])]
    if not wanted:
        return []
    scoped = list(session.execute(select(Assignment, Plan.key).join(Plan, Plan.id == Assignment.plan_id)
                                  .options(joinedload(Assignment.lead_unit))
                                  .where(Assignment.id.in_(wanted)).order_by(Plan.key, Assignment.id)))
    items: dict[int, dict[str, ReportItem]] = {}
    for i in session.scalars(select(ReportItem).where(ReportItem.assignment_id.in_([a.id for a, _ in scoped]))):
        items.setdefault(i.assignment_id, {})[i.period] = i
    return owed_per_period(session, scoped, items, today, period)


def supported_rows(session: Session, actor: Actor, today: date, period: str | None = None) -> list[dict]:
    """The 配合 list as rows: each item the actor's unit supports, its lead unit, the lead's state and
    whether the unit has contributed for that period (one query for all its contributions)."""
    owed_rows = supported_owed(session, actor, today, period)
    if not owed_rows:
        return []
    own = {u.id: u for u in actor_units(session, actor)}
    mine: dict[tuple[int, str], ReportContribution] = {}
    for c in session.scalars(select(ReportContribution).where(
            ReportContribution.unit_id.in_(list(own)), ReportContribution.state == "active",
            ReportContribution.assignment_id.in_([o.assignment.id for o in owed_rows]))):
        mine[(c.assignment_id, c.period)] = c
    out = []
    for o in owed_rows:
        a = o.assignment
        unit = next((own[i] for i in (a.supporting_unit_ids or []) if i in own), None)
        c = mine.get((a.id, o.period))
        out.append({"assignment_id": a.id, "plan": o.plan_key, "item_kind": a.item_kind, "item": a.item_name,
                    "line": a.item_line, "role": "support", "role_label": "配合",
                    "lead_unit": unit_label(a.lead_unit), "unit": unit_label(unit) if unit else None,
                    "period": o.period, "period_label": period_label(o.period), "due": o.due.isoformat(),
                    "state": o.state, "state_label": STATES[o.state], "contributed": c is not None,
                    "contributed_at": c.created_at if c else None, "url": f"/reporting/items/{a.id}/{o.period}"})
    return out


# --- contributions ------------------------------------------------------------------------------


def _current(session: Session, assignment_id: int, period: str, unit_id: int) -> ReportContribution | None:
    return session.scalar(select(ReportContribution).where(
        ReportContribution.assignment_id == assignment_id, ReportContribution.period == period,
        ReportContribution.unit_id == unit_id, ReportContribution.state == "active")
        .order_by(ReportContribution.id.desc()).limit(1))


def contributions(session: Session, assignment_id: int, period: str) -> list[dict]:
    """The current contribution of each supporting unit for the period, with every evidence file
    the unit sent for it (across its versions)."""
    rows = list(session.scalars(select(ReportContribution).options(joinedload(ReportContribution.unit)).where(
        ReportContribution.assignment_id == assignment_id, ReportContribution.period == period)
        .order_by(ReportContribution.id)))
    versions: dict[int, list[int]] = {}
    for r in rows:
        versions.setdefault(r.unit_id, []).append(r.id)
    evidence: dict[int, list[ReportContributionEvidence]] = {}
    ids = [r.id for r in rows]
    if ids:
        for e in session.scalars(select(ReportContributionEvidence).where(
                ReportContributionEvidence.contribution_id.in_(ids)).order_by(ReportContributionEvidence.id)):
            evidence.setdefault(e.contribution_id, []).append(e)
    out = []
    for r in rows:
        if r.state != "active":
            continue
        files = [e for v in versions[r.unit_id] for e in evidence.get(v, [])]
        out.append({"id": r.id, "unit": unit_label(r.unit), "unit_id": r.unit_id, "note": r.note,
                    "value": r.value, "value_text": r.value_text, "source_title": r.source_title,
                    "source_url": r.source_url, "by": r.created_by, "at": r.created_at,
                    "versions": len(versions[r.unit_id]),
                    "evidence": [{"id": e.id, "file_name": e.file_name, "content_type": e.content_type,
                                  "sha256": e.sha256, "size": e.size, "uploaded_by": e.uploaded_by,
                                  "url": f"/reporting/contribution-evidence/{e.id}"} for e in files]})
    return out


@dataclass
class Contribution:
    """What a supporting unit types: a note, optionally a figure with its source."""

    note: str = ""
    value: str = ""
    source_title: str = ""
    source_url: str = ""


def _check(c: Contribution) -> list[str]:
    problems = []
    if not c.note.strip():
        problems.append("请填写配合情况说明")
    elif len(c.note) > MAX_NOTE:
        problems.append(f"配合情况说明不超过 {MAX_NOTE} 字")
    if c.value.strip():
        if _number(c.value) is None:
            problems.append(f"数值“{c.value}”不是数字")
        elif not (c.source_title.strip() or c.source_url.strip()):
            problems.append("填写数值时须注明数据来源（来源名称或网址）")
    if c.source_url.strip() and not re.match(r"^https?://\S+$", c.source_url.strip()):
        problems.append(f"来源网址“{c.source_url}”应以 http:// 或 https:// 开头")
    return problems


def contribute(session: Session, actor: Actor, o: Owed, c: Contribution,
               files: list[tuple[str, bytes]] = ()) -> dict:
    """Store the actor's unit's contribution to the item for the period (superseding its previous
    one), with its evidence files; one audit event. The lead's item is not touched."""
    a = o.assignment
    unit = supporting_unit_of(session, actor, a)
    if unit is None:
        raise ReportingRefused(f"您的帐号（{actor.name}）不是该事项的配合单位，不能填报配合材料。")
    if o.state == "approved":
        raise ReportingError("该事项已审定并锁定，不能再补充配合材料；如需修改，请规划管理部门重新开放。", 409)
    problems = _check(c)
    checked = []
    for name, data in files:
        try:
            checked.append((name, data, check_evidence(name, data)))
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        raise ReportingError("；".join(problems) + "。未保存。")
    old = _current(session, a.id, o.period, unit.id)
    fields = (c.note.strip(), _number(c.value), c.source_title.strip() or None, c.source_url.strip() or None)
    if old is not None and not checked and (old.note, old.value, old.source_title, old.source_url) == fields:
        return {"contribution_id": old.id, "unchanged": True}
    before = None
    if old is not None:
        before = {"note": old.note, "value": old.value, "source_title": old.source_title, "source_url": old.source_url}
        old.state = "superseded"
    row = ReportContribution(assignment_id=a.id, period=o.period, unit_id=unit.id, note=fields[0], value=fields[1],
                             value_text=c.value.strip() or None, source_title=fields[2], source_url=fields[3],
                             state="active", created_by=actor.name)
    session.add(row)
    session.flush()
    stored = []
    for name, data, content_type in checked:
        sha = store_evidence(data)
        session.add(ReportContributionEvidence(contribution_id=row.id, file_name=name, content_type=content_type,
                                               sha256=sha, size=len(data), uploaded_by=actor.name))
        stored.append({"file_name": name, "sha256": sha})
    session.flush()
    audit.record(session, actor, "report.contribute", "report_item", f"{a.id}/{o.period}", before,
                 {"unit": unit_label(unit), "note": row.note, "value": row.value, "source_title": row.source_title,
                  "source_url": row.source_url, **({"evidence": stored} if stored else {})})
    return {"contribution_id": row.id, "unchanged": False, "superseded": old.id if old else None}


def support_detail(session: Session, actor: Actor, o: Owed) -> dict:
    """What the item page adds for supporting units: their contributions, and for a supporting
    unit's own account whether it may add one now."""
    unit = supporting_unit_of(session, actor, o.assignment)
    mine = _current(session, o.assignment.id, o.period, unit.id) if unit else None
    return {
        "supporting_units": [unit_label(u) for u in supporting_units(session, o.assignment)],
        "contributions": contributions(session, o.assignment.id, o.period),
        "as_supporter": unit is not None,
        "can_contribute": unit is not None and o.state != "approved",
        "my_contribution": None if mine is None else {"note": mine.note, "value_text": mine.value_text,
                                                      "source_title": mine.source_title,
                                                      "source_url": mine.source_url},
    }


def contribution_evidence(session: Session, actor: Actor, evidence_id: int) -> ReportContributionEvidence | None:
    """The evidence row if the actor may read the item it belongs to; None if missing; refused otherwise."""
    ev = session.get(ReportContributionEvidence, evidence_id)
    if ev is None:
        return None
    row = session.get(ReportContribution, ev.contribution_id)
    a = session.get(Assignment, row.assignment_id) if row else None
    if a is None:
        return None
    if not may_read_item(session, actor, a):
        raise ReportingRefused(f"您的帐号（{actor.name}）无权下载该证明材料。")
    return ev
