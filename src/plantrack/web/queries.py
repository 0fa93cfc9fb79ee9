"""What several pages read from the store, and the derived results they share.

Evaluations, alignments and self-checks are computed by tracking.py and analysis.py; pages only
call them. They cost tens to hundreds of milliseconds, so results are kept in a small in-process
cache keyed by what they depend on (the plan version ids, the newest observation and match
decision), never by time: a new version or a new observation changes the key, so a page is never
stale. Alignments and self-check findings stored by the CLI or a POST …/refresh are read first;
nothing here writes, because a GET never writes (issue 12).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.periods import period_text  # noqa: F401  (re-exported: pages and plan_upload read it from here)
from ..corrections import correction_state
from ..analysis import align_current, check_current, stored_findings
from ..ingest.glyphs import repair_glyphs
from ..store.models import Alignment, MatchDecision, Observation, Plan, PlanVersion
from ..store.repository import get_plan
from ..store.version import duty_version
from ..tracking import evaluate_plan
from . import labels


class _Memo:
    """A bounded, thread-safe least-recently-used map; the keys carry every dependency."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        return None

    def put(self, key, value) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


MEMO = _Memo()


def memo_key(session: Session, *parts) -> tuple:
    """A cache key for this store: ids repeat across databases, so the store's URL comes first."""
    return (session.get_bind().url.render_as_string(hide_password=True), *parts)


def data_state(session: Session) -> tuple:
    """What every derived result depends on besides the plan version: observations, decisions,
    corrections, and the annual targets and allocations evaluation and alignment read.

    A correction adds a row (the old one is only marked superseded), so the newest id and the
    count move on every change the importer makes; a withdrawal adds none, so withdrawn rows are
    counted. The duty tables are read from the database,
    not from a flag a page write sets, so another process's write (the CLI) counts too.
    """
    obs = session.execute(select(func.max(Observation.id), func.count(Observation.id),
                                 func.count(Observation.withdrawn_at))).one()  # a withdrawal adds no row
    dec = session.execute(select(func.max(MatchDecision.id), func.count(MatchDecision.id))).one()
    return (tuple(obs), tuple(dec), correction_state(session), duty_version(session))


# --- plans ---------------------------------------------------------------------------------------


def current_versions(session: Session) -> dict[int, tuple[int, int]]:
    """plan id -> (current version id, number), without loading the (large) documents."""
    rows = session.execute(
        select(PlanVersion.plan_id, func.max(PlanVersion.number)).group_by(PlanVersion.plan_id)
    ).all()
    wanted = {(pid, n) for pid, n in rows}
    out = {}
    for pid, vid, n in session.execute(select(PlanVersion.plan_id, PlanVersion.id, PlanVersion.number)):
        if (pid, n) in wanted:
            out[pid] = (vid, n)
    return out


def plan_brief(plan: Plan, keys: dict[int, str] | None = None) -> dict:
    """A plan as lists and headers show it: labels beside codes, parent by key."""
    parent_key = (keys or {}).get(plan.parent_id) if keys is not None else (plan.parent.key if plan.parent else None)
    return {
        "key": plan.key,
        "title": plan.title or plan.key,
        "level": plan.level,
        "level_label": labels.label(labels.LEVELS, plan.level, "未标明"),
        "kind": plan.kind,
        "kind_label": labels.label(labels.KINDS, plan.kind, "未标明"),
        "region": plan.region_name,
        "region_code": plan.region_code,
        "period": {"start": plan.period_start, "end": plan.period_end},
        "period_text": period_text(plan.period_start, plan.period_end),
        "horizon": plan.horizon,
        "parent": parent_key,
    }


def current_version_id(session: Session, plan: Plan) -> int | None:
    """The id of plan.current without loading it. plan.current loads every version of the plan with
    its document (hundreds of kilobytes of JSON to decode, ~10 ms a plan); the cached results below
    need only the id for their keys, and a dashboard asks for every plan's."""
    if "versions" in plan.__dict__:  # already loaded in this session: no query needed
        return plan.current.id if plan.current is not None else None
    return session.scalar(select(PlanVersion.id).where(PlanVersion.plan_id == plan.id)
                          .order_by(PlanVersion.number.desc()).limit(1))


def find_plan(session: Session, key: str) -> Plan | None:
    plan = get_plan(session, key)
    if plan is None or current_version_id(session, plan) is None:
        return None
    return plan


def default_year(session: Session) -> int:
    """The year a dashboard opens on: the latest year with enough complete data (evaluate/years.py),
    else last year."""
    from ..evaluate.years import evaluation_year, full_year_counts

    rows = session.execute(select(Observation.year, Observation.flags).where(Observation.superseded_by_id.is_(None)))
    return evaluation_year(full_year_counts(rows), fallback=date.today().year - 1)


def observation_years(session: Session) -> list[int]:
    years = session.scalars(
        select(Observation.year).where(Observation.superseded_by_id.is_(None)).distinct().order_by(Observation.year.desc())
    )
    return list(years)


# --- derived results -----------------------------------------------------------------------------


def evaluation(session: Session, plan: Plan, year: int, state: tuple | None = None) -> dict:
    """evaluate_plan(...).to_json() for the plan's current version and year; read-only (not stored)."""
    state = state if state is not None else data_state(session)
    key = memo_key(session, "evaluation", current_version_id(session, plan), plan.region_code, year, state)
    hit = MEMO.get(key)
    if hit is None:
        hit = evaluate_plan(session, plan.key, year, store=False).to_json()
        MEMO.put(key, hit)
    return hit


def alignment(session: Session, plan: Plan) -> dict | None:
    """The alignment of the plan's current version with its parent's: the stored one (CLI or POST
    …/alignment/refresh), else computed in memory. Never written here: a GET must not write."""
    parent = plan.parent
    parent_version = None if parent is None else current_version_id(session, parent)
    if parent_version is None:
        return None
    version = current_version_id(session, plan)
    key = memo_key(session, "alignment", version, parent_version, data_state(session)[1:])
    hit = MEMO.get(key)
    if hit is not None:
        return hit
    row = session.scalar(
        select(Alignment.result)
        .where(Alignment.child_version_id == version, Alignment.parent_version_id == parent_version)
        .order_by(Alignment.created_at.desc())
        .limit(1)
    )
    if row is None:
        row = align_current(session, plan.key)
    MEMO.put(key, row)
    return row


def findings(session: Session, plan: Plan) -> list[dict]:
    """The plan's self-check findings: the stored ones, else checked in memory (never written here)."""
    key = memo_key(session, "findings", current_version_id(session, plan), correction_state(session))
    hit = MEMO.get(key)
    if hit is not None:
        return hit
    found = stored_findings(session, plan.key)
    if found is None:
        found = check_current(session, plan.key)
    found = sorted(found, key=lambda f: labels.SEVERITY_ORDER.get(f.get("severity"), 9))
    MEMO.put(key, found)
    return found


def source_lines(version: PlanVersion) -> list[str]:
    """The version's text as lines numbered like the parser's (split on \\n), glyphs repaired for
    reading when the repair keeps every line where it was."""
    key = memo_key(Session.object_session(version), "lines", version.id)
    hit = MEMO.get(key)
    if hit is not None:
        return hit
    raw = version.source_text.split("\n")
    repaired = repair_glyphs(version.source_text).split("\n")
    lines = repaired if len(repaired) == len(raw) else raw
    lines = [ln.rstrip("\r") for ln in lines]
    if len(lines) > 1 and lines[-1] == "" and len(lines) > version.line_count:
        # the text's final newline ends the last line; it does not start another (the plan page
        # counts version.line_count lines, and both pages must say the same number)
        lines.pop()
    MEMO.put(key, lines)
    return lines


def indicators_by_concept(session: Session, plan: Plan, state: tuple | None = None) -> dict[str, list[dict]]:
    """The plan's current indicators grouped by canonical concept (as tracking.py maps them)."""
    from ..align.catalogue import default_catalogue
    from ..analysis import decisions
    from ..corrections import effective_indicators
    from ..tracking import indicator_concept

    state = state if state is not None else data_state(session)
    key = memo_key(session, "concepts", current_version_id(session, plan), state[1:])
    hit = MEMO.get(key)
    if hit is not None:
        return hit
    catalogue, chosen = default_catalogue(), decisions(session)
    out: dict[str, list[dict]] = {}
    for row in effective_indicators(session, plan.current):
        concept = indicator_concept(catalogue, row, chosen)
        if concept:
            out.setdefault(concept, []).append({
                "id": row["indicator_id"], "ref": row["ref"], "name": row["name"], "unit": row["unit"], "binding": row["binding"],
                "base_year": row["base_year"], "base_text": row["base_text"], "target_year": row["target_year"],
                "target_text": row["target_text"], "annual_growth": row["annual_growth"], "line": row["line"],
            })
    MEMO.put(key, out)
    return out
