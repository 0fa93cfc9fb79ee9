"""Importing an observations file: read, check every row, then store all or nothing.

The whole file is checked before anything is written; one bad row rejects the file with every bad
row's number and reason, so the person can fix them all in one go and nothing half-written stays.
Rows whose name matches no concept of the catalogue are stored as the region's own series and
listed, never guessed onto an indicator.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from .. import audit
from ..align.catalogue import Catalogue, default_catalogue
from ..domain.actor import LOCAL_OPERATOR, Actor
from ..store.db import write_transaction
from ..store.models import Observation, Region
from ..store.observations import SaveSummary, save_observations
from ..store.regions import Region as RegionRecord
from .plausibility import DEFAULT_LIMITS, Limits, check_plausibility
from .readers import ReaderError, reader_for
from .rows import ObservationRecord, RowError, check_row


class ImportRejected(ValueError):
    """The file was not imported; `errors` lists every bad row."""

    def __init__(self, path: str, errors: list[RowError], records: list | None = None):
        self.path = path
        self.errors = errors
        self.records = records or []  # the rows that passed the row checks: their regions, for scope checks
        super().__init__(self.message())

    def message(self) -> str:
        rows = len({e.row for e in self.errors})
        head = f"{self.path}：有 {rows} 行数据有误，整个文件未导入（数据库未作任何改动）"
        return "\n".join([head, *("  " + e.message() for e in self.errors)])


@dataclass
class ImportResult:
    path: str
    rows: int
    summary: SaveSummary
    unmatched: list[tuple[int, str]] = field(default_factory=list)  # (row, name): kept as context series
    matched: list[tuple[int, str, str]] = field(default_factory=list)  # (row, name, concept)


def check_rows(session: Session, path: str, data: bytes, catalogue: Catalogue,
               limits: Limits = DEFAULT_LIMITS) -> list[ObservationRecord]:
    """Every row checked; raises ImportRejected with all bad rows, ReaderError if unreadable."""
    return check_cells(session, path, list(reader_for(path).rows(data, path)), catalogue, limits)


def check_cells(session: Session, path: str, rows: list[tuple[int, dict[str, str]]], catalogue: Catalogue,
                limits: Limits = DEFAULT_LIMITS) -> list[ObservationRecord]:
    """Rows already read (a file's, a form's, an API request's, a bulletin's accepted proposals)
    through the row checks and the plausibility checks; ImportRejected names every bad row."""
    regions = [RegionRecord(*r) for r in session.execute(select(Region.code, Region.name, Region.level, Region.parent_code))]
    records: list[ObservationRecord] = []
    errors: list[RowError] = []
    cells_by_row = dict(rows)
    for number, cells in rows:
        checked = check_row(number, cells, regions, catalogue)
        if isinstance(checked, list):
            errors.extend(checked)
        else:
            records.append(checked)
    errors += check_plausibility(session, records, cells_by_row, regions, limits)
    if errors:
        errors.sort(key=lambda e: e.row)
        raise ImportRejected(path, errors, records)
    if not records:
        raise ImportRejected(path, [RowError(1, "文件中没有数据行")])
    return records


def _value(o: Observation) -> dict:
    return {"id": o.id, "region": o.region_code, "name": o.name, "concept": o.concept, "year": o.year,
            "series": o.series, "value": o.value, "unit": o.unit, "source_url": o.source_url, "row": o.row_number,
            "flags": list(o.flags or []), **({"confirmation": o.extra["confirmation"]} if (o.extra or {}).get("confirmation") else {})}


def record_import(session: Session, actor: Actor, file_name: str, summary: SaveSummary) -> None:
    """The import as one audit event: the values it replaced (before) and the values it stored (after)."""
    new = list(session.scalars(select(Observation).where(Observation.import_id == summary.import_id).order_by(Observation.id)))
    replaced = list(session.scalars(select(Observation).where(Observation.superseded_by_id.in_([o.id for o in new]))
                                    .order_by(Observation.id))) if new else []
    audit.record(session, actor, "observations.import", "observation_import", file_name,
                 {"values": [_value(o) for o in replaced]},
                 {"import_id": summary.import_id, "added": summary.added, "superseded": summary.superseded,
                  "unchanged": summary.unchanged, "values": [_value(o) for o in new]})


def import_file(factory: sessionmaker[Session], path: str | Path, catalogue: Catalogue | None = None,
                actor: Actor = LOCAL_OPERATOR) -> ImportResult:
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ReaderError(f"{path}：文件不存在") from None
    except OSError as exc:
        raise ReaderError(f"{path}：读取失败（{exc.strerror or exc}）") from None
    catalogue = catalogue or default_catalogue()

    def save(session: Session):
        records = check_rows(session, path, data, catalogue)
        summary = save_observations(session, records, Path(path).name, hashlib.sha256(data).hexdigest())
        record_import(session, actor, Path(path).name, summary)
        return records, summary

    # The same file imported twice at once: the database lets one current value per identity in
    # (migration 0011), the other import is repeated and finds its values already recorded.
    records, summary = write_transaction(factory, save)
    return ImportResult(
        path=path,
        rows=len(records),
        summary=summary,
        unmatched=[(r.row, r.name) for r in records if r.concept is None],
        matched=[(r.row, r.name, r.concept) for r in records if r.concept],
    )
