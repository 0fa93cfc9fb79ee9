"""Storing observations: one transaction per file, corrections superseding, nothing lost.

The identity of an observed value is (region, concept — or the source's own name where no concept
matched —, year, series). A row with the same identity and the same value and source changes
nothing; one with another value or source supersedes the current row, which stays as history.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Observation, ObservationImport


@dataclass
class SaveSummary:
    added: int = 0
    superseded: int = 0
    unchanged: int = 0
    rows: list[tuple[int, str]] = field(default_factory=list)  # (row number, added|superseded|unchanged)
    import_id: int | None = None


def _identity(concept: str | None, name: str):
    return (Observation.concept == concept) if concept else (Observation.concept.is_(None) & (Observation.name == name))


def current_observation(session: Session, region_code: str, concept: str | None, name: str, year: int, series: str | None):
    q = select(Observation).where(
        Observation.region_code == region_code,
        _identity(concept, name),
        Observation.year == year,
        Observation.superseded_by_id.is_(None),
        (Observation.series == series) if series else Observation.series.is_(None),
    )
    return session.scalars(q.order_by(Observation.id.desc())).first()


def _already_recorded(session: Session, r) -> bool:
    """The same value from the same source is already current or in history: importing a file again,
    or an older value again, must not undo a correction made since."""
    q = select(Observation.id).where(
        Observation.region_code == r.region_code,
        _identity(r.concept, r.name),
        Observation.year == r.year,
        (Observation.series == r.series) if r.series else Observation.series.is_(None),
        Observation.value == r.value,
        (Observation.source_url == r.source_url) if r.source_url else Observation.source_url.is_(None),
        Observation.withdrawn_at.is_(None),  # a withdrawn value given again (re-approved) is current again
    )
    return session.scalar(q.limit(1)) is not None


def save_observations(session: Session, records: list, file_name: str, sha256: str) -> SaveSummary:
    """Store checked records (observations/rows.py ObservationRecord) in the caller's transaction."""
    imp = ObservationImport(file_name=file_name, sha256=sha256, rows=len(records))
    session.add(imp)
    session.flush()
    summary = SaveSummary(import_id=imp.id)
    for r in records:
        old = current_observation(session, r.region_code, r.concept, r.name, r.year, r.series)
        if _already_recorded(session, r):
            summary.unchanged += 1
            summary.rows.append((r.row, "unchanged"))
            continue
        new = Observation(
            region_code=r.region_code, name=r.name, concept=r.concept, year=r.year, value=r.value, unit=r.unit,
            source_value=r.source_value, source_unit=r.source_unit, series=r.series, flags=r.flags, note=r.note,
            source_url=r.source_url, source_title=r.source_title, quote=r.quote, extra=r.extra,
            import_id=imp.id, row_number=r.row,
        )
        if old is not None:
            # Only one row of an identity may be current (migration 0011): the old row leaves the
            # current set before the new one enters it, pointing at itself until the new id exists.
            old.superseded_by_id = old.id
            session.flush()
        session.add(new)
        session.flush()
        if old is not None:
            old.superseded_by_id = new.id
            summary.superseded += 1
            summary.rows.append((r.row, "superseded"))
        else:
            summary.added += 1
            summary.rows.append((r.row, "added"))
    return summary


def withdraw_observation(session: Session, observation_id: int, by: str, reason: str) -> dict | None:
    """Take a current value out of use without deleting it: it points at itself (so it leaves the
    current set every reader selects) and keeps who withdrew it, when and why. The value it had
    replaced, if any, becomes current again — withdrawing undoes the replacement, as it was before.
    None when the row is missing or no longer current (nothing to withdraw)."""
    from datetime import datetime, timezone

    obs = session.get(Observation, observation_id)
    if obs is None or obs.superseded_by_id is not None:
        return None
    obs.superseded_by_id = obs.id
    obs.withdrawn_at = datetime.now(timezone.utc)
    obs.withdrawn_by = by
    obs.withdrawn_reason = reason
    session.flush()
    previous = session.scalars(select(Observation).where(
        Observation.superseded_by_id == obs.id, Observation.id != obs.id,
        Observation.withdrawn_at.is_(None)).order_by(Observation.id.desc())).first()
    if previous is not None:
        previous.superseded_by_id = None
        session.flush()
    return {"id": obs.id, "region_code": obs.region_code, "concept": obs.concept, "name": obs.name,
            "year": obs.year, "value": obs.value, "restored": previous.id if previous is not None else None}


def observations_for(session: Session, region_code: str, concept: str, include_history: bool = False) -> list[Observation]:
    q = select(Observation).where(Observation.region_code == region_code, Observation.concept == concept)
    if not include_history:
        q = q.where(Observation.superseded_by_id.is_(None))
    return list(session.scalars(q.order_by(Observation.year, Observation.id)))


def context_series(session: Session, region_code: str, concepts_measured: set[str]) -> list[Observation]:
    """A region's observations of concepts no plan indicator measures (population, GDP level …)."""
    q = select(Observation).where(Observation.region_code == region_code, Observation.superseded_by_id.is_(None))
    return [o for o in session.scalars(q.order_by(Observation.name, Observation.year)) if o.concept not in concepts_measured]
