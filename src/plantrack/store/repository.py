"""Writing parsed plans into the store and reading the catalogue back.

Ingest is idempotent by content: a file whose sha256 a plan already has changes nothing; a changed
file of the same plan (same key) becomes a new version, and the earlier versions stay readable.
Each call works inside the caller's transaction, so a failure leaves the store as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, insert, select, text, update
from sqlalchemy.orm import Session

from ..domain.keys import key_problem
from ..domain.sources import without_server_paths
from . import pg_vectors
from .copy_rows import copy_capable, copy_stream, insert_rows, next_ids
from .grams import scope_words, tokens_of
from .models import Indicator, Plan, PlanVersion, Project, Region, ReviewRow, Section, Sentence, Target, Task

_CONTRACT_PLAN_FIELDS = ("title", "issuer", "doc_number", "issued_on", "level", "kind", "horizon")


@dataclass
class StoreResult:
    key: str
    status: str  # created | new_version | unchanged
    version: int
    plan_id: int


class CatalogueError(ValueError):
    """A request the catalogue cannot satisfy (unknown plan key, a link that would loop); Chinese message."""


def get_plan(session: Session, key: str) -> Plan | None:
    return session.scalar(select(Plan).where(Plan.key == key))


def require_plan(session: Session, key: str) -> Plan:
    plan = get_plan(session, key)
    if plan is None:
        raise CatalogueError(f"没有键为“{key}”的规划。可用 plantrack plans 查看目录。")
    return plan


def store_plan(
    session: Session,
    document: dict,
    source_text: str,
    units: list[dict],
    key: str,
    overrides: dict | None = None,
) -> StoreResult:
    """Store one parsed plan under key: a new plan, a new version of it, or nothing if unchanged."""
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    document = without_server_paths(document)  # the file's name is stored, never where the server read it
    sha = document["source"]["sha256"]
    plan = get_plan(session, key)
    if plan is not None:
        same = session.scalar(select(PlanVersion.number).where(PlanVersion.plan_id == plan.id, PlanVersion.sha256 == sha))
        if same is not None:
            return StoreResult(key, "unchanged", same, plan.id)
        status = "new_version"
        number = (session.scalar(select(func.max(PlanVersion.number)).where(PlanVersion.plan_id == plan.id)) or 0) + 1
    else:
        problem = key_problem(key)  # checked for new plans only: stored plans stay reachable
        if problem:
            raise CatalogueError(problem)
        plan = Plan(key=key)
        session.add(plan)
        status, number = "created", 1
    _apply_metadata(session, plan, document, overrides)
    session.flush()
    version = PlanVersion(
        plan_id=plan.id,
        number=number,
        sha256=sha,
        source_path=document["source"]["path"],
        encoding=document["source"]["encoding"],
        line_count=document["source"]["lines"],
        source_text=source_text,
        document=document,
    )
    session.add(version)
    session.flush()
    sections = _store_sections(session, version.id, document.get("outline", []))
    _store_rows(session, version.id, document)
    if status == "new_version":
        _supersede_sentences(session, plan.id, version.id)
    _store_sentences(session, version.id, plan.id, units, sections)
    session.flush()
    return StoreResult(key, status, number, plan.id)


def _apply_metadata(session: Session, plan: Plan, document: dict, overrides: dict) -> None:
    for field in _CONTRACT_PLAN_FIELDS:
        setattr(plan, field, overrides.get(field, document.get(field)))
    period = document.get("period") or {}
    plan.period_start, plan.period_end = period.get("start"), period.get("end")
    region_name = overrides.get("region") or document.get("region")
    plan.region_name = region_name
    plan.region_code = _region_code(session, region_name) if region_name else None


def _region_code(session: Session, name: str) -> str | None:
    from .regions import resolve_region

    regions = _regions_cache(session)
    found = resolve_region(name, regions)
    return found.code if found else None


def _regions_cache(session: Session):
    from .regions import Region as RegionRecord

    rows = session.execute(select(Region.code, Region.name, Region.level, Region.parent_code)).all()
    return [RegionRecord(code=r[0], name=r[1], level=r[2], parent_code=r[3]) for r in rows]


def _store_sections(session: Session, version_id: int, outline: list[dict]) -> list[tuple[int, int]]:
    """Sections in document order; returns (line, section id) pairs for placing sentences.

    On PostgreSQL the ids are drawn from the sequence first and all sections go in one COPY;
    elsewhere they are inserted one depth at a time, each depth in one statement returning its
    ids in order (a child needs its parent's id). Either way a few round trips per plan instead
    of one per section (issue 12: bulk inserts)."""
    rows: list[dict] = []  # in document order, each with the index of its parent row
    levels: list[list[int]] = []

    def walk(nodes: list[dict], parent: int | None, path: str, depth: int) -> None:
        for node in nodes:
            here = f"{path}/{node['label']} {node['title']}".lstrip("/")
            index = len(rows)
            rows.append({"parent": parent, "node": node, "path": here})
            if len(levels) <= depth:
                levels.append([])
            levels[depth].append(index)
            walk(node.get("children", []), index, here, depth + 1)

    walk(outline, None, "", 0)
    ids: list[int | None] = [None] * len(rows)

    def values(index: int) -> dict:
        row, node = rows[index], rows[index]["node"]
        return {
            "version_id": version_id,
            "parent_id": ids[row["parent"]] if row["parent"] is not None else None,
            "ordinal": index + 1,
            "label": node["label"],
            "title": node["title"],
            "kind": node.get("kind"),
            "depth": node.get("depth", 0),
            "line": node["line"],
            "end_line": node.get("end_line", node["line"]),
            "path": row["path"],
        }

    if rows and copy_capable(session):  # ids drawn first, so every section goes in one COPY
        ids = next_ids(session, Section.__tablename__, len(rows))
        insert_rows(session, Section, [{"id": ids[i], **values(i)} for i in range(len(rows))])
    else:
        for level in levels:
            returned = session.scalars(
                insert(Section).returning(Section.id, sort_by_parameter_order=True), [values(i) for i in level]
            ).all()
            for index, new_id in zip(level, returned):
                ids[index] = new_id
    return [(r["node"]["line"], ids[i]) for i, r in enumerate(rows)]


_INDICATOR_FIELDS = (
    "category", "name", "unit", "tag", "base_year", "base_value", "base_text", "target_year", "target_value",
    "target_text", "annual_growth", "binding", "line",
)


def _store_rows(session: Session, version_id: int, document: dict) -> None:
    """The parsed rows of a version, one COPY (PostgreSQL) or executemany per table
    (store/copy_rows.py): no ORM objects, whose per-object bookkeeping and per-row statements were
    18 ms of the ~180 a plan took to store on PostgreSQL."""
    v = version_id
    tables = (
        (Indicator, [
            {"version_id": v, "ordinal": i, **{k: ind.get(k) for k in _INDICATOR_FIELDS}, "data": ind}
            for i, ind in enumerate(document.get("indicators", []))
        ]),
        (ReviewRow, [
            {"version_id": v, "review_title": review["title"], "review_line": review["line"], "ordinal": i,
             "name": row["name"], "line": row["line"], "data": row}
            for review in document.get("reviews", []) for i, row in enumerate(review.get("rows", []))
        ]),
        (Target, [
            {"version_id": v, "ordinal": i, "subject": t["subject"], "value": t.get("value"), "unit": t.get("unit"),
             "year": t.get("year"), "relation": t["relation"], "text": t["text"], "line": t["line"], "data": t}
            for i, t in enumerate(document.get("targets", []))
        ]),
        (Project, [
            {"version_id": v, "ordinal": i, "box": p["box"], "name": p["name"], "line": p["line"], "data": p}
            for i, p in enumerate(document.get("projects", []))
        ]),
        (Task, [
            {"version_id": v, "ordinal": i, "text": t["text"], "line": t["line"], "data": t}
            for i, t in enumerate(document.get("tasks", []))
        ]),
    )
    for model, rows in tables:
        insert_rows(session, model, rows)


def _supersede_sentences(session: Session, plan_id: int, current_version_id: int) -> None:
    """Mark the sentences of the plan's older versions, so search skips them unless asked for all."""
    superseded = scope_words(plan_id, superseded=True)
    older = select(PlanVersion.id).where(PlanVersion.plan_id == plan_id, PlanVersion.id != current_version_id)
    session.execute(
        update(Sentence)
        .where(Sentence.version_id.in_(older), Sentence.scope != superseded)
        .values(scope=superseded)
        .execution_options(synchronize_session=False)
    )


def _store_sentences(
    session: Session, version_id: int, plan_id: int, units: list[dict], sections: list[tuple[int, int]]
) -> None:
    by_line = dict(sections)
    scope = scope_words(plan_id)
    # With COPY the tokens go into the tsvector and nowhere else: grams, which SQLite's FTS5
    # index reads, stays empty on PostgreSQL (a third of each row; bench/store.py: 10 % faster).
    copying = copy_capable(session)
    rows = []
    for u in units:
        if not u["text"].strip():
            continue
        tokens = tokens_of(u["text"])
        grams = "" if copying else " ".join(tokens)
        rows.append((version_id, by_line.get(u.get("section_line")), u["line"], u["text"], grams, scope, tokens))
    if not rows:
        return
    if copying:
        _copy_sentences(session, rows)
        return
    session.execute(Sentence.__table__.insert(), [dict(zip(_SENTENCE_COLUMNS, r[:6])) for r in rows])
    if session.get_bind().dialect.name == "postgresql":  # another driver: the server builds the vectors (migration 0016)
        session.execute(
            text("UPDATE sentence SET search = to_tsvector('simple'::regconfig, grams) WHERE version_id = :v"),
            {"v": version_id},
        )


_SENTENCE_COLUMNS = ("version_id", "section_id", "line", "text", "grams", "scope")


def _copy_sentences(session: Session, rows: list[tuple]) -> None:
    """PostgreSQL's COPY for the thousands of sentences of a plan, each with its tsvector in text
    form (store/pg_vectors.py says why)."""
    with copy_stream(session, Sentence.__tablename__, _SENTENCE_COLUMNS + ("search",)) as copy:
        for *values, tokens in rows:
            values.append(pg_vectors.tsvector_text(tokens))
            copy.write_row(values)


# --- catalogue -----------------------------------------------------------------------------------


def list_plans(
    session: Session,
    level: str | None = None,
    kind: str | None = None,
    region: str | None = None,
    period: int | None = None,
    offset: int = 0,
    limit: int | None = None,
    only_ids: set[int] | None = None,
) -> tuple[list[Plan], int]:
    """Plans matching the filters (region by code or name, period by a year it covers), and the total;
    only_ids limits them to those plans (what the public may see: publication.visible_plan_ids)."""
    q = select(Plan)
    if only_ids is not None:
        q = q.where(Plan.id.in_(only_ids))
    if level:
        q = q.where(Plan.level == level)
    if kind:
        q = q.where(Plan.kind == kind)
    if region:
        q = q.where((Plan.region_code == region) | (Plan.region_name == region))
    if period:
        q = q.where((Plan.period_start.is_(None)) | (Plan.period_start <= period)).where(
            (Plan.period_end.is_(None)) | (Plan.period_end >= period)
        )
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rank = case({lvl: n for lvl, n in _LEVEL_RANK.items()}, value=Plan.level, else_=9)
    q = q.order_by(rank, Plan.region_code, Plan.key)
    if offset:
        q = q.offset(offset)
    if limit:
        q = q.limit(limit)
    return list(session.scalars(q)), total


def link_plans(session: Session, child_key: str, parent_key: str | None) -> Plan:
    """Set (or clear, with None) the plan a plan aligns to; refuses a loop."""
    child = require_plan(session, child_key)
    if parent_key is None:
        child.parent_id = None
        return child
    parent = require_plan(session, parent_key)
    node: Plan | None = parent
    while node is not None:
        if node.id == child.id:
            raise CatalogueError(f"不能把“{child_key}”衔接到“{parent_key}”：这会形成循环。")
        node = node.parent
    child.parent_id = parent.id
    return child


_LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3}


def infer_parent(session: Session, plan: Plan) -> Plan | None:
    """The plan a plan most likely aligns to: one level up, in the parent region, of the same kind
    (a general plan to the general plan; a special plan to the special plan whose title is closest)."""
    if plan.level not in ("city", "county") or not plan.region_code:
        return None
    region = session.get(Region, plan.region_code)
    if region is None or not region.parent_code:
        return None
    candidates = list(
        session.scalars(select(Plan).where(Plan.region_code == region.parent_code, Plan.kind == plan.kind, Plan.id != plan.id))
    )
    if not candidates:
        return None
    return max(candidates, key=lambda c: _title_affinity(plan.title or "", c.title or ""))


def _title_affinity(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    strip = lambda s: s.replace("“", "").replace("”", "")  # noqa: E731
    return SequenceMatcher(None, strip(a), strip(b)).ratio()


def link_inferred(session: Session, plan: Plan) -> list[tuple[str, str]]:
    """Link plan to its inferred parent, and plans waiting for a parent to it. Returns the links made."""
    made = []
    if plan.parent_id is None:
        parent = infer_parent(session, plan)
        if parent is not None:
            plan.parent_id = parent.id
            made.append((plan.key, parent.key))
    orphans = session.scalars(select(Plan).where(Plan.parent_id.is_(None), Plan.id != plan.id))
    for other in orphans:
        if infer_parent(session, other) is plan:
            other.parent_id = plan.id
            made.append((other.key, plan.key))
    return made


def counts(session: Session) -> dict[str, int]:
    """Row counts of the main tables, for checks that a failed operation changed nothing."""
    return {
        m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0
        for m in (Plan, PlanVersion, Section, Sentence, Indicator, ReviewRow, Target, Project, Task)
    }
