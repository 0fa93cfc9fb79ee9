"""Importing the proposals of a bulletin a person accepted (or corrected): all or nothing, audited.

The accepted proposals become rows like a file's (region, indicator, unit, year, value, source)
and go through the same row and plausibility checks (importer.check_cells): a bulletin is a
source, not an authority over the checks. The source of each value is the bulletin and its line:
source_title names the bulletin (its title, else the file) and the line, quote holds the sentence,
extra["bulletin"] keeps file, sha256, line and the proposal as read, and the flag "bulletin" marks
the value as official (observations/official.py compares it with values units report).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from .. import audit
from ..align.catalogue import Catalogue, default_catalogue
from ..domain.actor import LOCAL_OPERATOR, Actor
from ..store.db import write_transaction
from ..store.observations import SaveSummary, save_observations
from .bulletins import Bulletin, Proposal
from .importer import ImportRejected, check_cells, record_import
from .rows import RowError

BULLETIN_FLAG = "bulletin"


class SelectionError(ValueError):
    """The person's choice names proposals the bulletin does not have; Chinese message."""


@dataclass
class BulletinImport:
    file: str
    accepted: list[Proposal]
    summary: SaveSummary


def select(bulletin: Bulletin, accept: str | list[str], corrections: dict[str, float] | None = None) -> list[Proposal]:
    """The proposals chosen by `accept` ("all", "1,3" or a list of ids), with corrected values."""
    by_id = {p.id: p for p in bulletin.proposals}
    ids = list(by_id) if accept == "all" else ([a.strip() for a in accept.split(",")] if isinstance(accept, str) else accept)
    ids = [i for i in ids if i]
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise SelectionError(f"公报“{bulletin.file}”中没有编号为 {'、'.join(unknown)} 的建议值（共 {len(by_id)} 条）")
    if not ids:
        raise SelectionError("未选择任何建议值")
    chosen = []
    for i in dict.fromkeys(ids):
        p = by_id[i]
        if corrections and i in corrections and corrections[i] != p.value:
            p = Proposal(**{**p.to_dict(), "value": corrections[i], "source_value": corrections[i], "source_unit": p.unit})
        chosen.append(p)
    return chosen


def source_title(bulletin: Bulletin, p: Proposal) -> str:
    return f"{bulletin.title or bulletin.file}（第 {p.line} 行）"


def rows_of(bulletin: Bulletin, chosen: list[Proposal]) -> list[tuple[int, dict[str, str]]]:
    """The chosen proposals as rows a file would hold; the row number is the proposal's id."""
    return [(int(p.id), {
        "region": p.region_code, "indicator": p.concept_name, "unit": p.unit or "", "year": str(p.year),
        "value": repr(float(p.source_value)) if p.source_unit == p.unit else repr(float(p.value)),
        "source_title": source_title(bulletin, p), "quote": p.quote, "flags": BULLETIN_FLAG,
    }) for p in chosen]


def check_bulletin_rows(session: Session, bulletin: Bulletin, chosen: list[Proposal], catalogue: Catalogue):
    records = check_cells(session, bulletin.file, rows_of(bulletin, chosen), catalogue)
    by_id = {int(p.id): p for p in chosen}
    read = {int(p.id): p.value for p in bulletin.proposals}  # as the reader found it, before any correction
    for r in records:
        p = by_id[r.row]
        r.extra["bulletin"] = {"file": bulletin.file, "title": bulletin.title, "sha256": bulletin.sha256,
                               "line": p.line, "proposal": p.id, "read_value": read[r.row], "indicator": p.indicator}
        r.row = p.line  # stored as the value's place in its file, like a spreadsheet row: the bulletin's line
    return records


def import_bulletin(factory: sessionmaker[Session], bulletin: Bulletin, accept: str | list[str],
                    corrections: dict[str, float] | None = None, actor: Actor = LOCAL_OPERATOR,
                    catalogue: Catalogue | None = None) -> BulletinImport:
    """Store the chosen proposals in one transaction, or none (ImportRejected names each bad one by
    its proposal id); one audit event records the bulletin and every value stored or replaced."""
    chosen = select(bulletin, accept, corrections)
    catalogue = catalogue or default_catalogue()

    def save(session: Session):
        records = check_bulletin_rows(session, bulletin, chosen, catalogue)
        summary = save_observations(session, records, bulletin.file, bulletin.sha256)
        record_import(session, actor, bulletin.file, summary)
        audit.record(session, actor, "observations.import_bulletin", "bulletin", bulletin.file, None, {
            "title": bulletin.title, "region": bulletin.region, "year": bulletin.year, "sha256": bulletin.sha256,
            "accepted": [p.id for p in chosen], "proposed": len(bulletin.proposals),
            "corrected": {p.id: p.value for p in chosen if corrections and p.id in corrections},
            "import_id": summary.import_id,
        })
        return summary

    return BulletinImport(file=bulletin.file, accepted=chosen, summary=write_transaction(factory, save))


def rejection_lines(exc: ImportRejected) -> list[str]:
    """A refusal's reasons as the person chose the proposals: by proposal number, not file row."""
    return [f"建议值 {e.row}：{e.reason}" for e in exc.errors]


__all__ = ["BULLETIN_FLAG", "BulletinImport", "ImportRejected", "RowError", "SelectionError", "check_bulletin_rows",
           "import_bulletin", "rows_of", "select", "source_title"]
