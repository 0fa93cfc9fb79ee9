"""Running alignment and self-checks on stored plans, and keeping their results.

align/ holds the pure logic over contract JSON; this module feeds it the stored versions (with the
source text, so findings cite lines) and the people's match decisions, and stores what comes back:
one alignment per (child version, parent version), the findings per version, replaced on re-run.

Alignments and findings are derived caches of the pure logic over stored versions and decisions:
replacing them (the only DELETE statements the application runs) loses nothing a person entered,
so they are not audited. A match decision is a person's: changing one is an audit event.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from . import audit
from .align.align import align_plans
from .domain.actor import LOCAL_OPERATOR, Actor
from .align.checks import check_plan
from .corrections import effective_document, plan_checks
from .store.models import Alignment, Finding, MatchDecision, PlanVersion
from .store.repository import CatalogueError, require_plan


def decisions(session: Session) -> dict[tuple[str, str], bool]:
    return {(d.name_norm, d.concept): d.accepted for d in session.scalars(select(MatchDecision))}


def record_decision(session: Session, name_norm: str, concept: str, accepted: bool, note: str | None = None,
                    actor: Actor = LOCAL_OPERATOR) -> None:
    """A person's verdict on a name-to-concept match; a change is one audit event by actor (a
    verdict changed keeps the old one as the event's before)."""
    existing = session.scalar(select(MatchDecision).where(MatchDecision.name_norm == name_norm, MatchDecision.concept == concept))
    before = None if existing is None else {"accepted": existing.accepted, "note": existing.note}
    if existing is None:
        session.add(MatchDecision(name_norm=name_norm, concept=concept, accepted=accepted, note=note))
    else:
        existing.accepted, existing.note = accepted, note
    after = {"accepted": accepted, "note": note}
    if after != before:
        audit.record(session, actor, "match.decide", "match_decision", f"{name_norm} → {concept}", before, after)


def align_stored(session: Session, child_key: str, parent_key: str | None = None) -> dict:
    """Align the current version of child with its parent (the linked one by default); store the result."""
    result, cv, pv = _alignment(session, child_key, parent_key)
    session.execute(delete(Alignment).where(Alignment.child_version_id == cv.id, Alignment.parent_version_id == pv.id))
    session.add(Alignment(child_version_id=cv.id, parent_version_id=pv.id, result=result))
    return result


def align_current(session: Session, child_key: str, parent_key: str | None = None) -> dict:
    """The alignment align_stored would store, computed without writing: what a GET may run."""
    return _alignment(session, child_key, parent_key)[0]


def _alignment(session: Session, child_key: str, parent_key: str | None) -> tuple[dict, PlanVersion, PlanVersion]:
    child = require_plan(session, child_key)
    parent = require_plan(session, parent_key) if parent_key else child.parent
    if parent is None:
        raise CatalogueError(f"规划“{child_key}”没有衔接的上位规划；请指定上位规划，或先用 plantrack link 设置。")
    cv, pv = child.current, parent.current
    from .duties.decomposition import mark_assigned, parent_as_assigned  # 分解下达: the child region's figure

    parent_document = parent_as_assigned(session, parent, child.region_code, effective_document(session, pv))
    result = mark_assigned(align_plans(effective_document(session, cv), parent_document, child.key, parent.key,
                                       decisions(session), child_text=cv.source_text))
    return result, cv, pv


def check_stored(session: Session, key: str) -> list[dict]:
    """Check the current version of a plan against itself; store the findings."""
    version: PlanVersion = require_plan(session, key).current
    findings = check_current(session, key)
    session.execute(delete(Finding).where(Finding.version_id == version.id))
    for i, f in enumerate(findings):
        session.add(Finding(version_id=version.id, ordinal=i, kind=f["kind"], severity=f["severity"], message=f["message"], data=f))
    return findings


def check_current(session: Session, key: str) -> list[dict]:
    """The findings check_stored would store, computed without writing: what a GET may run."""
    plan = require_plan(session, key)
    version: PlanVersion = plan.current
    findings = check_plan(effective_document(session, version), plan.key, text=version.source_text)
    return findings + completeness_findings(version, findings)


def completeness_findings(version: PlanVersion, found: list[dict] = ()) -> list[dict]:
    """The parse's completeness checks (ingest/completeness.py) as self-check findings, so
    `plantrack check` and the plan page show where the parser is unsure beside the plan's own
    inconsistencies; a stated count the self-check already reported (count_mismatch) once only."""
    counted = {ln for f in found if f.get("kind") == "count_mismatch" for ln in f.get("lines") or []}
    return [{**c, "lines": [c["line"]] if c.get("line") else [], "source": "completeness"}
            for c in plan_checks(version) if not (c["kind"] == "stated_count" and c.get("line") in counted)]


def stored_alignment(session: Session, key: str) -> dict | None:
    plan = require_plan(session, key)
    if plan.current is None:
        return None
    row = session.scalar(
        select(Alignment).where(Alignment.child_version_id == plan.current.id).order_by(Alignment.created_at.desc())
    )
    return row.result if row else None


def stored_findings(session: Session, key: str) -> list[dict] | None:
    plan = require_plan(session, key)
    rows = list(session.scalars(select(Finding).where(Finding.version_id == plan.current.id).order_by(Finding.ordinal)))
    return [r.data for r in rows] if rows else None
