"""Assignments: an item of a plan (indicator, prose target, task, 专栏 project) given to one lead
unit (牵头) and any number of supporting units (配合), with a due date for reporting.

An item is named in a template by its name as the plan words it, or by its source line as L123
(for tasks, whose text is long, and for names a plan repeats). Re-assigning an item withdraws the
earlier assignment (state withdrawn); nothing is deleted."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.actor import Actor
from ..store.models import Assignment, Indicator, Plan, Project, Target, Task, Unit
from . import DutyInputError
from .rows import PlanRows, read_file
from .units import UnitFinder
from .audit_events import record_import

ASSIGNMENT_COLUMNS = ("plan", "item_kind", "item", "lead_unit", "supporting_units", "due")
ITEM_KINDS = {"indicator": (Indicator, "name"), "target": (Target, "subject"),
              "task": (Task, "text"), "project": (Project, "name")}
KIND_LABELS = {"indicator": "指标", "target": "目标", "task": "任务", "project": "项目"}
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+00:00:00)?")
_LINE_REF = re.compile(r"^[Ll第]?(\d+)行?$")
_LINE_NAME_REF = re.compile(r"^[Ll第](\d+)行?[\s:：]+(\S.*)$")  # a line and the name of one of its items
_ID_REF = re.compile(r"^#(\d+)$")  # a stored row's id: what the pages send, since a line may hold several items


def split_units(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[、，,；;]", text or "") if p.strip()]


def parse_due(text: str) -> str | None:
    """An ISO date from 2025-12-31, 2025/12/31, 2025.12.31 or 2025年12月31日 (an XLSX date cell reads
    as 2025-12-31 00:00:00); None for an empty cell; ValueError for anything else or an impossible date."""
    if not text:
        return None
    m = _DATE.fullmatch(text.strip())
    if not m:
        raise ValueError(text)
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()


def find_item(session: Session, plan: Plan, kind: str, ref: str) -> list:
    """The stored rows of the plan's current version that `ref` names (a name, or L<line>)."""
    model, attr = ITEM_KINDS[kind]
    query = select(model).where(model.version_id == plan.current.id)
    by_id = _ID_REF.match(ref.strip())
    if by_id:
        return list(session.scalars(query.where(model.id == int(by_id.group(1)))))
    m = _LINE_NAME_REF.match(ref.strip())  # "L65 城镇调查失业率": one of several items a line states
    if m:
        return list(session.scalars(query.where(model.line == int(m.group(1)), getattr(model, attr) == m.group(2))))
    m = _LINE_REF.match(ref.strip())
    if m:
        return list(session.scalars(query.where(model.line == int(m.group(1)))))
    rows = list(session.scalars(query.where(getattr(model, attr) == ref)))
    if not rows and kind == "task":
        rows = [t for t in session.scalars(query) if t.text.startswith(ref)]
    return rows


def item_name(kind: str, row) -> str:
    return getattr(row, ITEM_KINDS[kind][1])


def assignment_dict(a: Assignment, plan_key: str, units: dict[int, Unit]) -> dict:
    def name(uid):
        u = units.get(uid)
        return (u.short_name or u.name) if u else None

    return {"id": a.id, "plan": plan_key, "item_kind": a.item_kind, "item_id": a.item_id, "item": a.item_name,
            "line": a.item_line, "lead_unit": name(a.lead_unit_id), "lead_unit_id": a.lead_unit_id,
            "supporting_units": [name(u) for u in a.supporting_unit_ids or []],
            "supporting_unit_ids": list(a.supporting_unit_ids or []), "due": a.due, "state": a.state,
            "created_by": a.created_by}


def import_assignments(session: Session, path: str | Path, actor: Actor) -> dict:
    """All rows of the template checked first (unknown plan, item kind, item, unit; duplicate row;
    bad date); any bad row refuses the whole file. Then each item's active assignment is replaced."""
    return apply_assignment_rows(session, read_file(path, ASSIGNMENT_COLUMNS), Path(path).name, actor)


def apply_assignment_rows(session: Session, rows: list[tuple[int, dict[str, str]]], fname: str, actor: Actor,
                          action: str = "assignments.import") -> dict:
    """The checks and writes of import_assignments over rows already read: a file, an uploaded
    file, one assignment made in the page or proposals confirmed there all pass the same checks
    (action names the audit event)."""
    finder = UnitFinder(session)
    problems: list[str] = []
    lookup = PlanRows(session, problems)
    seen: dict[tuple, int] = {}
    good = []
    for number, row in rows:
        where = f"{fname} 第{number}行"
        bad = len(problems)
        key = row["plan"]
        plan = lookup.plan(key, where)
        kind = row["item_kind"].strip().lower()
        if kind not in ITEM_KINDS:
            problems.append(f"{where}：item_kind 应为 indicator、target、task 或 project，而不是“{row['item_kind']}”")
        item = None
        if plan is not None and plan.current is not None and kind in ITEM_KINDS:
            found = find_item(session, plan, kind, row["item"]) if row["item"] else []
            if not found:
                problems.append(f"{where}：规划“{key}”中没有{KIND_LABELS[kind]}“{row['item']}”")
            elif len(found) > 1 and len({r.line for r in found}) == 1:  # one line stating several items
                names = "、".join(f"“{item_name(kind, r)}”" for r in found)
                problems.append(f"{where}：第{found[0].line}行有多个{KIND_LABELS[kind]}（{names}），请写作“L{found[0].line} 名称”")
            elif len(found) > 1:
                lines = "、".join(f"L{r.line}" for r in found)
                problems.append(f"{where}：{KIND_LABELS[kind]}“{row['item']}”在规划中出现多次（{lines}），请用行号指明")
            else:
                item = found[0]
        region = plan.region_code if plan is not None else None
        units: list[Unit] = []
        for label, names in (("牵头单位", [row["lead_unit"]] if row["lead_unit"] else []),
                             ("配合单位", split_units(row["supporting_units"]))):
            for unit_name in names:
                hits = finder.find(unit_name, region)
                if not hits:
                    problems.append(f"{where}：未知{label}“{unit_name}”（请先用 plantrack units import 导入单位）")
                elif len(hits) > 1:
                    problems.append(f"{where}：{label}“{unit_name}”对应多个单位，请写全称")
                else:
                    units.append(hits[0])
        if not row["lead_unit"]:
            problems.append(f"{where}：lead_unit（牵头单位）为空")
        try:
            due = parse_due(row["due"])
        except ValueError:
            problems.append(f"{where}：due（报送期限）“{row['due']}”不是有效日期（应为 2025-12-31 形式）")
            due = None
        if item is not None:
            ident = (key, kind, item.id)
            if ident in seen:
                problems.append(f"{where}：与第{seen[ident]}行重复（同一{KIND_LABELS[kind]}“{item_name(kind, item)}”）")
            seen.setdefault(ident, number)
        if len(problems) == bad:
            good.append((plan, kind, item, units[0], units[1:], due))
    if problems:
        raise DutyInputError(problems)
    withdrawn = unchanged = 0
    for plan, kind, item, lead, supporting, due in good:
        current = list(session.scalars(select(Assignment).where(
            Assignment.plan_id == plan.id, Assignment.item_kind == kind, Assignment.state == "active",
            Assignment.item_name == item_name(kind, item), Assignment.item_line == item.line)))
        if [(a.lead_unit_id, list(a.supporting_unit_ids or []), a.due) for a in current] == \
                [(lead.id, [u.id for u in supporting], due)]:
            unchanged += 1  # the same file again changes nothing
            continue
        for old in current:
            old.state = "withdrawn"
            withdrawn += 1
        session.add(Assignment(plan_id=plan.id, item_kind=kind, item_id=item.id, item_name=item_name(kind, item),
                               item_line=item.line, lead_unit_id=lead.id,
                               supporting_unit_ids=[u.id for u in supporting], due=due, state="active",
                               created_by=actor.name))
    session.flush()
    summary = {"file": fname, "rows": len(good), "added": len(good) - unchanged, "unchanged": unchanged,
            "withdrawn": withdrawn, "by": actor.name}
    record_import(session, actor, action, summary)
    return summary


def list_assignments(session: Session, plan_key: str | None = None, include_withdrawn: bool = False) -> list[dict]:
    query = select(Assignment, Plan.key).join(Plan, Plan.id == Assignment.plan_id).order_by(Plan.key, Assignment.id)
    if plan_key:
        query = query.where(Plan.key == plan_key)
    if not include_withdrawn:
        query = query.where(Assignment.state == "active")
    units = {u.id: u for u in session.scalars(select(Unit))}
    return [assignment_dict(a, key, units) for a, key in session.execute(query)]
