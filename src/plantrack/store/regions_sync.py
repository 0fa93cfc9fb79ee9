"""Filling the Region table from the packaged gazetteer (store/regions.py: load_regions()).

Plans are filed under region codes and the API lists the gazetteer, so a fresh store needs the
table filled; doing it by inserting only the missing codes makes it safe to run on every start.
When a store made with a smaller gazetteer (山西 only, before issue 13) gains regions, plans that
were stored with a region name but no code are filed again, so a 长春市 plan loaded back then is
not left outside the catalogue tree.
"""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from .models import Plan, Region


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
    if inserted:
        refile_unplaced_plans(session)
    return inserted


def refile_unplaced_plans(session: Session) -> int:
    """Give a code to every plan stored with a region name the gazetteer now knows; returns how many.
    A name that is still unknown or ambiguous stays without a code (never a guess)."""
    from .regions import Region as RegionRecord, resolve_region

    unplaced = session.execute(
        select(Plan.id, Plan.region_name).where(Plan.region_code.is_(None), Plan.region_name.is_not(None))
    ).all()
    if not unplaced:
        return 0
    records = [RegionRecord(*r) for r in session.execute(select(Region.code, Region.name, Region.level,
                                                                Region.parent_code))]
    filed = 0
    for plan_id, name in unplaced:
        found = resolve_region(name, records)
        if found is not None:
            session.execute(update(Plan).where(Plan.id == plan_id).values(region_code=found.code))
            filed += 1
    session.flush()
    return filed
