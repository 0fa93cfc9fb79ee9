"""Filling the Region table from the packaged gazetteer (store/regions.py: load_regions()).

Plans are filed under region codes and the API lists the gazetteer, so a fresh store needs the
table filled; doing it by inserting only the missing codes makes it safe to run on every start.
"""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from .models import Region


def sync_regions(session: Session, records=None) -> int:
    """Insert the gazetteer rows the table lacks, parents before children; returns how many.

    records defaults to load_regions(); existing rows are left as they are, so a second run
    inserts nothing. Works in the caller's transaction.
    """
    if records is None:
        from .regions import load_regions

        records = load_regions()
    present = set(session.scalars(select(Region.code)))
    missing = {r.code: r for r in records if r.code not in present}
    inserted = 0
    # The parent_code foreign key is checked per statement, so insert in waves: a wave holds the
    # records whose parent is already in the table (or outside the gazetteer, stored as null).
    while missing:
        wave = [r for r in missing.values() if r.parent_code is None or r.parent_code in present or r.parent_code not in missing]
        if not wave:  # a cycle in the data: store the rest without parents rather than loop
            wave = list(missing.values())
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "level": r.level,
                "parent_code": r.parent_code if r.parent_code in present else None,
            }
            for r in wave
        ]
        session.execute(insert(Region), rows)
        for r in wave:
            present.add(r.code)
            del missing[r.code]
        inserted += len(rows)
    session.flush()
    return inserted
