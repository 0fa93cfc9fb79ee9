"""People's corrections of the parser's indicator rows, and the rows everything downstream reads.

The parser is sometimes wrong or incomplete (ingest/completeness.py says where), and a planning
office fixes that: it edits a row, adds one the parser missed, splits one the parser ran
together, merges two it tore apart, or deletes one that is not an indicator. The parser's output
is never overwritten: each correction is stored beside it (store.models.IndicatorCorrection) with
who, when and why, and the *effective rows* — the parser's rows with the active corrections
applied — are computed here, in one place, for evaluation, alignment, self-checks, reports and
exports (`effective_indicators`, `effective_document`).

A correction belongs to the plan, not to one version: it names the parser rows it replaces, and
applies to any version where rows with the same normalised name and category exist. Ingesting a
new version re-checks every correction (`reconcile`); one whose rows are gone is marked
unmatched (未匹配), shown, and applies again if a later version has the rows back.

How people send corrections: a whole indicator table (the page's form, the XLSX download filled
in, the upload check page), each row carrying the `ref` of the effective row it came from;
`table_changes` turns the difference into corrections, or refuses the lot with every bad row
named. Refs: ``p<n>`` the parser's row n of the version (0-based ordinal), ``c<id>`` the rows of
correction id, ``p3+p4`` a merge of those rows; a row without a ref is added; a ref repeated on
several rows is a split; a ref left out is a deletion.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .align.normalize import normalize, plain
from . import audit
from .domain.actor import Actor
from .domain.values import as_number, leading_number
from .ingest.completeness import check_completeness, read_lines_of, source_lines_of
from .store.models import Alignment, Finding, IndicatorCorrection, Plan, PlanVersion, utcnow
from .store.repository import require_plan

FIELDS = ("category", "name", "unit", "tag", "base_year", "base_text", "target_year", "target_text",
          "annual_growth", "binding", "line")
"""What a person edits; base_value and target_value follow from the texts."""
INT_FIELDS = ("base_year", "target_year", "line")
CONTRACT_FIELDS = ("category", "name", "unit", "tag", "base_year", "base_value", "base_text", "target_year",
                   "target_value", "target_text", "annual_growth", "binding", "line")
BINDING_WORDS = {"binding": "binding", "约束性": "binding", "约束": "binding",
                 "expected": "expected", "预期性": "expected", "预期": "expected"}
ACTION_LABELS = {"edit": "修改", "add": "新增", "split": "拆分", "merge": "合并", "delete": "删除"}
STATUS_LABELS = {"active": "生效", "unmatched": "未匹配", "withdrawn": "已撤回"}
MAX_WHO = 100


class CorrectionError(ValueError):
    """Corrections refused, with every reason in Chinese (a row number in each)."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("；".join(self.problems))


# --- rows ------------------------------------------------------------------------------------------


def match_key(row: dict) -> tuple[str, str]:
    """What makes two versions' rows the same indicator: the normalised name and the category."""
    return normalize(row.get("name")), plain(row.get("category") or "").replace(" ", "")


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def clean_row(raw: dict, where: str) -> tuple[dict, list[str]]:
    """A row as a person wrote it, in the contract's shape (values read from the texts), and the
    problems with it, each naming `where` (第3行)."""
    problems = []
    row: dict = {}
    for f in FIELDS:
        row[f] = _text(raw.get(f))
    if not row["name"]:
        problems.append(f"{where}：指标名称不能为空")
    for f, label in (("base_year", "基期年份"), ("target_year", "目标年份"), ("line", "原文行号")):
        if row[f] is None:
            continue
        try:
            row[f] = int(float(row[f]))
        except ValueError:
            problems.append(f"{where}：{label}“{row[f]}”不是整数")
            row[f] = None
    for f, label in (("base_year", "基期年份"), ("target_year", "目标年份")):
        if row[f] is not None and not 1949 <= row[f] <= 2100:
            problems.append(f"{where}：{label}“{row[f]}”不在1949—2100之间")
    if row["line"] is not None and row["line"] < 1:
        problems.append(f"{where}：原文行号须为正整数")
    if row["binding"] is not None:
        binding = BINDING_WORDS.get(row["binding"])
        if binding is None:
            problems.append(f"{where}：属性“{row['binding']}”应为约束性或预期性")
        row["binding"] = binding
    row["base_value"] = as_number(leading_number(row["base_text"]))
    row["target_value"] = as_number(leading_number(row["target_text"]))
    return row, problems


def comparable(row: dict) -> tuple:
    """A row as compared for "did the person change it": the edited fields, as text."""
    return tuple(_text(row.get(f)) if f not in INT_FIELDS else row.get(f) for f in FIELDS)


def contract_row(row: dict) -> dict:
    """The contract fields of an effective row, plus the correction it comes from (if any)."""
    out = {f: row.get(f) for f in CONTRACT_FIELDS}
    extra = {k: v for k, v in row.items() if k not in CONTRACT_FIELDS and k not in ("ref", "correction", "indicator_id")}
    out.update(extra)
    if row.get("correction"):
        out["correction_id"] = row["correction"]["id"]
    return out


# --- applying corrections (pure) ---------------------------------------------------------------------


@dataclass
class Applied:
    rows: list[dict]  # the effective rows, each with ref, correction (or None) and indicator_id
    matched: set[int]  # ids of the corrections that applied
    unmatched: set[int]  # ids of the corrections whose rows this version lacks


def correction_brief(c: IndicatorCorrection) -> dict:
    return {"id": c.id, "action": c.action, "action_label": ACTION_LABELS.get(c.action, c.action), "who": c.who,
            "why": c.why, "created_at": c.created_at.isoformat() if c.created_at else None,
            "status": c.status, "status_label": STATUS_LABELS.get(c.status, c.status),
            "originals": c.originals, "rows": c.rows}


def apply_corrections(parser_rows: list[dict], corrections: list[IndicatorCorrection],
                      indicator_ids: list[int] | None = None) -> Applied:
    """The parser's rows with the corrections applied, in table order (added rows placed by their
    source line). Corrections apply in id order; each claims the parser rows its originals name
    (by match_key, first unclaimed); one that cannot claim all of them is unmatched."""
    by_key: dict[tuple, list[int]] = {}
    for i, r in enumerate(parser_rows):
        by_key.setdefault(match_key(r), []).append(i)
    claimed: dict[int, IndicatorCorrection] = {}
    first_of: dict[int, int] = {}
    adds: list[IndicatorCorrection] = []
    matched, unmatched = set(), set()
    for c in sorted(corrections, key=lambda c: c.id):
        wanted = c.originals or []
        if not wanted:
            # An added row the parser now reads itself replaces that row rather than doubling it.
            key = match_key(c.rows[0]) if c.rows else None
            free = [i for i in by_key.get(key, []) if i not in claimed] if key else []
            if free:
                claimed[free[0]] = c
                first_of[c.id] = free[0]
            else:
                adds.append(c)
            matched.add(c.id)
            continue
        picks: list[int] = []
        for original in wanted:
            free = [i for i in by_key.get(match_key(original), []) if i not in claimed and i not in picks]
            if not free:
                break
            picks.append(free[0])
        if len(picks) != len(wanted):
            unmatched.add(c.id)
            continue
        for i in picks:
            claimed[i] = c
        first_of[c.id] = min(picks)
        matched.add(c.id)

    def corrected(c: IndicatorCorrection, anchor: int | None) -> list[dict]:
        one_for_one = c.action == "edit" and anchor is not None and len(c.rows) == 1
        out = []
        for r in c.rows:
            row = {f: r.get(f) for f in CONTRACT_FIELDS}
            if row["line"] is None:
                row["line"] = parser_rows[anchor]["line"] if anchor is not None else 1
            row.update(ref=f"c{c.id}", correction=correction_brief(c),
                       indicator_id=indicator_ids[anchor] if one_for_one and indicator_ids else None)
            out.append(row)
        return out

    rows: list[dict] = []
    for i, r in enumerate(parser_rows):
        c = claimed.get(i)
        if c is None:
            rows.append({**r, "ref": f"p{i}", "correction": None,
                         "indicator_id": indicator_ids[i] if indicator_ids else None})
        elif first_of[c.id] == i:
            rows.extend(corrected(c, i))
    for c in adds:
        new = corrected(c, None)
        line = new[0]["line"] if new else 0
        at = len(rows)
        while at > 0 and (rows[at - 1].get("line") or 0) > line:
            at -= 1
        rows[at:at] = new
    return Applied(rows, matched, unmatched)


# --- reading (store) ---------------------------------------------------------------------------------


def plan_corrections(session: Session, plan_id: int, statuses: tuple[str, ...] | None = None) -> list[IndicatorCorrection]:
    q = select(IndicatorCorrection).where(IndicatorCorrection.plan_id == plan_id).order_by(IndicatorCorrection.id)
    if statuses:
        q = q.where(IndicatorCorrection.status.in_(statuses))
    return list(session.scalars(q))


def _parser_rows(session: Session, version: PlanVersion) -> tuple[list[dict], list[int]]:
    from .store.models import Indicator

    stored = list(session.scalars(select(Indicator).where(Indicator.version_id == version.id).order_by(Indicator.ordinal)))
    if stored:
        return [s.data for s in stored], [s.id for s in stored]
    rows = version.document.get("indicators") or []
    return rows, [None] * len(rows)


def applied(session: Session, version: PlanVersion) -> Applied:
    rows, ids = _parser_rows(session, version)
    live = plan_corrections(session, version.plan_id, ("active", "unmatched"))
    return apply_corrections(rows, live, ids)


def effective_indicators(session: Session, version: PlanVersion) -> list[dict]:
    """THE indicator rows of a version: the parser's, with people's active corrections applied.
    Each row is a contract dict plus `ref`, `correction` (None, or who/when/why and the parser's
    original rows) and `indicator_id` (the stored parser row it is, if it is one)."""
    return applied(session, version).rows


def effective_document(session: Session, version: PlanVersion) -> dict:
    """The version's contract JSON with the effective indicator rows, and the corrections that
    made them (`corrections`), for every consumer that reads a plan as a document."""
    result = applied(session, version)
    if not result.matched:
        return version.document
    doc = copy.copy(version.document)
    doc["indicators"] = [contract_row(r) for r in result.rows]
    doc["corrections"] = [correction_brief(c) for c in plan_corrections(session, version.plan_id, ("active",))
                          if c.id in result.matched]
    return doc


def preview(session: Session, key: str, document: dict) -> tuple[list[dict], Applied, dict[int, IndicatorCorrection]]:
    """A parse not stored yet (the 规划入库 check page) as it will read once stored under key: the
    plan's live corrections applied to its rows, as reconcile will apply them to the new version."""
    from .store.repository import get_plan

    rows = document.get("indicators") or []
    plan = get_plan(session, key)
    live = {c.id: c for c in plan_corrections(session, plan.id, ("active", "unmatched"))} if plan else {}
    return rows, apply_corrections(rows, list(live.values())), live


def check_table(session: Session, key: str, document: dict, submitted: list[dict], *, actor: Actor | None = None,
                name: str | None = None) -> list[Change]:
    """The changes a table sent with a not-yet-stored parse would make, checked before anything
    is stored (CorrectionError naming every bad row, or a missing name when there are changes)."""
    rows, result, live = preview(session, key, document)
    changes = table_changes(rows, result.rows, live, submitted)
    if changes:
        who_of(actor, name)
    return changes


def corrections_view(session: Session, key: str) -> dict:
    """A plan's corrections, all of them (withdrawn ones too: nothing is lost), for `plantrack
    corrections` and the pages."""
    plan = require_plan(session, key)
    numbers = {v.id: v.number for v in plan.versions}
    return {
        "plan": plan.key,
        "version": plan.current.number if plan.current else None,
        "corrections": [{**correction_brief(c), "version": numbers.get(c.version_id), "replaced_by": c.replaced_by_id,
                         "withdrawn_by": c.withdrawn_by, "withdrawn_why": c.withdrawn_why,
                         "status_changed_at": c.status_changed_at.isoformat() if c.status_changed_at else None}
                        for c in plan_corrections(session, plan.id)],
    }


def plan_checks(version: PlanVersion) -> list[dict]:
    """The completeness checks of a stored version: as parsed, or (a plan stored before checks
    existed) recomputed from its document and text."""
    checks = version.document.get("checks")
    if checks is not None:
        return checks
    doc = version.document
    return check_completeness(doc, source_lines_of(version.source_text), read_lines_of(doc))


# --- writing -------------------------------------------------------------------------------------------


def who_of(actor: Actor | None, name: str | None) -> tuple[str, int | None]:
    """Who makes a correction: the logged-in account, or (while the actor is the public) the name
    typed into the form, which is then required."""
    if actor is not None and not actor.is_public:
        return actor.name, actor.user_id
    name = (name or "").strip()
    if not name:
        raise CorrectionError("请填写修正人姓名（尚未登录时必填）")
    if len(name) > MAX_WHO:
        raise CorrectionError(f"修正人姓名过长（{len(name)} 个字符），不超过 {MAX_WHO} 个字符")
    return name, None


@dataclass
class Change:
    action: str
    originals: list[dict]
    rows: list[dict]
    withdraw: list[int]  # ids of corrections this one replaces


def _action(originals: list[dict], rows: list[dict]) -> str:
    if not originals:
        return "add"
    if not rows:
        return "delete"
    if len(originals) == 1 and len(rows) == 1:
        return "edit"
    return "split" if len(rows) > len(originals) else "merge"


def table_changes(parser_rows: list[dict], effective: list[dict], live: dict[int, IndicatorCorrection],
                  submitted: list[dict], first_row: int = 1) -> list[Change]:
    """What a person changed, comparing the table they sent with the effective rows it was made
    from; CorrectionError naming every bad row (numbered from first_row) if any is bad."""
    problems: list[str] = []
    current: dict[str, list[dict]] = {}
    for r in effective:
        current.setdefault(r["ref"], []).append(r)
    groups: dict[str, list[dict]] = {}
    added: list[dict] = []
    used: dict[str, str] = {}
    for n, raw in enumerate(submitted, start=first_row):
        if raw is None:  # an empty line of a sheet, kept so the row numbers stay the sheet's
            continue
        where = f"第{n}行"
        row, bad = clean_row(raw, where)
        problems += bad
        ref = _text(raw.get("ref"))
        if ref is None:
            added.append(row)
            continue
        parts = [p.strip() for p in ref.split("+") if p.strip()]
        for p in parts:
            if p not in current:
                problems.append(f"{where}：行键“{p}”不是本规划指标表中的行（请勿修改“行键”列；新增的行请留空）")
            elif used.setdefault(p, ref) != ref:
                problems.append(f"{where}：行键“{p}”同时出现在“{used[p]}”和“{ref}”中")
        groups.setdefault("+".join(parts), []).append(row)
    if problems:
        raise CorrectionError(problems)

    def originals_of(part: str) -> tuple[list[dict], list[int]]:
        if part.startswith("p"):
            return [parser_rows[int(part[1:])]], []
        c = live[int(part[1:])]
        return list(c.originals or []), [c.id]

    changes: list[Change] = []
    for ref, rows in groups.items():
        parts = ref.split("+")
        if len(parts) == 1 and [comparable(r) for r in rows] == [comparable(r) for r in current[ref]]:
            continue
        originals, withdraw = [], []
        for p in parts:
            o, w = originals_of(p)
            originals += o
            withdraw += w
        if originals and [comparable(r) for r in rows] == [comparable(o) for o in originals]:
            changes.append(Change("revert", [], [], withdraw))  # back to what the parser read
            continue
        changes.append(Change(_action(originals, rows), originals, rows, withdraw))
    for ref in current:
        if ref in used:
            continue
        originals, withdraw = originals_of(ref)
        if originals:
            changes.append(Change("delete", originals, [], withdraw))
        else:
            changes.append(Change("revert", [], [], withdraw))  # an added row taken back
    changes += [Change("add", [], [row], []) for row in added]
    return changes


def _audit(session: Session, actor: Actor | None, who: str, action: str, key: str, before, after,
           note: str | None) -> None:
    """Every write is an audit event (plantrack.audit), on the plan whose table it changed; a
    name typed while nobody is signed in (the CLI's --by) stands for the actor."""
    acting = actor if actor is not None and not actor.is_public else Actor(name=who, role="public")
    audit.record(session, acting, action, "plan", key, before=before, after=after, note=note)


def _forget_derived(session: Session, version: PlanVersion) -> None:
    """Stored self-checks and alignments were computed from the old rows: drop them so they are
    recomputed from the effective ones (they are derived results, not records)."""
    session.execute(delete(Finding).where(Finding.version_id == version.id))
    session.execute(delete(Alignment).where((Alignment.child_version_id == version.id)
                                            | (Alignment.parent_version_id == version.id)))


def submit_table(session: Session, key: str, submitted: list[dict], *, actor: Actor | None = None,
                 name: str | None = None, why: str | None = None, first_row: int = 1) -> list[IndicatorCorrection]:
    """Store what a person changed in the plan's current indicator table; all or nothing."""
    plan = require_plan(session, key)
    version = plan.current
    who, user_id = who_of(actor, name)
    parser_rows, _ = _parser_rows(session, version)
    result = applied(session, version)
    live = {c.id: c for c in plan_corrections(session, plan.id, ("active", "unmatched"))}
    changes = table_changes(parser_rows, result.rows, live, submitted, first_row)
    why = (why or "").strip() or None
    made = []
    now = utcnow()
    for ch in changes:
        new = None
        if ch.action != "revert":
            new = IndicatorCorrection(plan_id=plan.id, version_id=version.id, action=ch.action,
                                      originals=[{f: o.get(f) for f in CONTRACT_FIELDS} for o in ch.originals],
                                      rows=ch.rows, who=who, user_id=user_id, why=why, status="active",
                                      created_at=now)
            session.add(new)
            session.flush()
            made.append(new)
            _audit(session, actor, who, "indicator.correct", key, new.originals, new.rows,
                   f"{ACTION_LABELS[new.action]}（修正 #{new.id}）" + (f"：{why}" if why else ""))
        for cid in ch.withdraw:
            old = live[cid]
            old.status, old.status_changed_at, old.withdrawn_by = "withdrawn", now, who
            old.replaced_by_id = new.id if new is not None else None
            old.withdrawn_why = f"由修正 #{new.id} 取代" if new is not None else (why or "恢复为解析结果")
    if changes:
        _forget_derived(session, version)
    return made


def edit_row(session: Session, key: str, ref: str, row: dict | None, **who) -> list[IndicatorCorrection]:
    """One row changed (row) or deleted (None): the table as it is, with that one difference."""
    plan = require_plan(session, key)
    rows = editable_table(session, plan.current)
    if not any(r["ref"] == ref for r in rows):
        raise CorrectionError(f"行键“{ref}”不是本规划指标表中的行")
    out = []
    for r in rows:
        if r["ref"] != ref:
            out.append(r)
        elif row is not None:
            out.append({**row, "ref": ref})
    return submit_table(session, key, out, **who)


def add_rows(session: Session, key: str, new: list[dict], **who) -> list[IndicatorCorrection]:
    plan = require_plan(session, key)
    rows = editable_table(session, plan.current) + [{**r, "ref": None} for r in new]
    return submit_table(session, key, rows, **who)


def withdraw(session: Session, key: str, correction_id: int, *, actor: Actor | None = None,
             name: str | None = None, why: str | None = None) -> IndicatorCorrection:
    """Take a correction back: the parser's rows apply again; the correction stays, withdrawn."""
    who, _ = who_of(actor, name)
    plan = require_plan(session, key)
    c = session.get(IndicatorCorrection, correction_id)
    if c is None or c.plan_id != plan.id:
        raise CorrectionError(f"规划“{key}”没有编号为 {correction_id} 的修正")
    if c.status != "withdrawn":
        c.status, c.status_changed_at = "withdrawn", utcnow()
        c.withdrawn_by, c.withdrawn_why = who, (why or "").strip() or None
        _forget_derived(session, plan.current)
        _audit(session, actor, who, "indicator.correction_withdraw", key, c.rows, c.originals,
               f"撤回修正 #{c.id}" + (f"：{why}" if why else ""))
    return c


def editable_table(session: Session, version: PlanVersion) -> list[dict]:
    """The effective rows as a person edits them: the edited fields and the ref."""
    return [{"ref": r["ref"], **{f: r.get(f) for f in FIELDS}} for r in effective_indicators(session, version)]


def reconcile(session: Session, plan: Plan) -> dict[str, int]:
    """After a new version: active corrections whose rows it lacks become unmatched, unmatched
    ones whose rows are back become active again. Withdrawn ones stay withdrawn."""
    version = plan.current
    if version is None:
        return {}
    result = applied(session, version)
    now: datetime = utcnow()
    counts = {"active": 0, "unmatched": 0}
    for c in plan_corrections(session, plan.id, ("active", "unmatched")):
        status = "unmatched" if c.id in result.unmatched else "active"
        if c.status != status:
            c.status, c.status_changed_at = status, now
        counts[status] += 1
    return counts


def reconcile_key(session: Session, key: str) -> dict[str, int]:
    return reconcile(session, require_plan(session, key))


def correction_state(session: Session) -> tuple:
    """What derived results depend on among corrections: it moves on every write."""
    from sqlalchemy import func

    return tuple(session.execute(select(func.max(IndicatorCorrection.id), func.count(IndicatorCorrection.id),
                                        func.max(IndicatorCorrection.status_changed_at))).one())


__all__ = ["CorrectionError", "effective_document", "effective_indicators", "reconcile", "submit_table", "withdraw"]
