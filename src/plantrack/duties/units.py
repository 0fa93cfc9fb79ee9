"""The catalogue of units (单位): the departments of each region's government.

A unit is found by its full name (山西省发展和改革委员会) or its short name (省发展改革委) within a
region; plans name units by their short names, templates by either.

The template's columns: region, name, short_name (required), kind and email (optional; more are kept
as they are). email is where reminders of overdue reports go (duties/reminders.py): one address or
several separated by commas or semicolons; a malformed address refuses the row. The column may also
be headed 邮箱, 电子邮箱 or e-mail; it is stored as `email` in Unit.extra (no schema change).
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.actor import Actor
from ..store.models import Region, Unit
from . import DutyInputError
from .rows import read_file
from .audit_events import record_import

UNIT_COLUMNS = ("region", "name", "short_name")
OPTIONAL_COLUMNS = ("kind", "email")
TEMPLATE_COLUMNS = (*UNIT_COLUMNS, *OPTIONAL_COLUMNS)
EMAIL_HEADERS = ("email", "邮箱", "电子邮箱", "e-mail", "E-mail", "Email")
_KNOWN = (*UNIT_COLUMNS, "kind")
_ADDRESS = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
_SEPARATORS = re.compile(r"[,;，；、\s]+")


def parse_addresses(text: str | None) -> tuple[list[str], list[str]]:
    """(good addresses, malformed pieces) of an email cell: commas, semicolons (either width), 、 or
    spaces between addresses."""
    good, bad = [], []
    for piece in _SEPARATORS.split((text or "").strip()):
        if piece:
            (good if _ADDRESS.match(piece) else bad).append(piece)
    return good, bad


def unit_email(extra: dict | None) -> str | None:
    """The unit's address cell as stored (email, or a column an older import kept under another heading)."""
    extra = extra or {}
    for key in EMAIL_HEADERS:
        if extra.get(key):
            return str(extra[key])
    return None


def _email_of_row(row: dict[str, str]) -> str:
    return next((row[k].strip() for k in EMAIL_HEADERS if (row.get(k) or "").strip()), "")


def region_records(session: Session):
    from ..store.regions import Region as RegionRecord

    return [RegionRecord(*r) for r in session.execute(select(Region.code, Region.name, Region.level, Region.parent_code))]


def region_resolver(session: Session):
    """name -> GB/T 2260 code or None, over the stored gazetteer."""
    from ..store.regions import resolve_region

    records = region_records(session)
    cache: dict[str, str | None] = {}

    def resolve(name: str) -> str | None:
        if name not in cache:
            found = resolve_region(name, records)
            cache[name] = found.code if found else None
        return cache[name]

    return resolve


def unit_dict(u: Unit, region_names: dict[str, str] | None = None) -> dict:
    return {"id": u.id, "region_code": u.region_code,
            "region": (region_names or {}).get(u.region_code), "name": u.name,
            "short_name": u.short_name, "kind": u.kind, "email": unit_email(u.extra),
            "extra": dict(u.extra or {})}


def import_units(session: Session, path: str | Path, actor: Actor) -> dict:
    """Add the units of a template (columns region, name, short_name; kind and more allowed); a unit
    already known (same region and name) has its short name, kind and extra columns updated."""
    return apply_unit_rows(session, read_file(path, UNIT_COLUMNS), Path(path).name, actor)


def apply_unit_rows(session: Session, rows: list[tuple[int, dict[str, str]]], name: str, actor: Actor,
                    action: str = "units.import") -> dict:
    """The checks and writes of import_units over rows already read (an uploaded file, or one unit
    added in the page); action names the audit event."""
    resolve = region_resolver(session)
    problems: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    good = []
    for number, row in rows:
        where = f"{name} 第{number}行"
        region_code = resolve(row["region"]) if row["region"] else None
        if not row["region"]:
            problems.append(f"{where}：region（所属地区）为空")
        elif region_code is None:
            problems.append(f"{where}：行政区划中没有“{row['region']}”")
        if not row["name"]:
            problems.append(f"{where}：name（单位全称）为空")
        _, bad = parse_addresses(_email_of_row(row))
        if bad:
            problems.append(f"{where}：email（电子邮箱）“{'、'.join(bad)}”不是有效的邮箱地址")
        if region_code and row["name"]:
            key = (region_code, row["name"])
            if key in seen:
                problems.append(f"{where}：与第{seen[key]}行重复（{row['region']} {row['name']}）")
            seen[key] = number
            good.append((region_code, row))
    if problems:
        raise DutyInputError(problems)
    existing = {(u.region_code, u.name): u for u in session.scalars(select(Unit))}
    added = updated = 0
    for region_code, row in good:
        extra = {k: v for k, v in row.items() if k not in _KNOWN and k not in EMAIL_HEADERS and v}
        if _email_of_row(row):
            extra["email"] = ", ".join(parse_addresses(_email_of_row(row))[0])
        unit = existing.get((region_code, row["name"]))
        if unit is None:
            session.add(Unit(region_code=region_code, name=row["name"], short_name=row["short_name"] or None,
                             kind=row.get("kind") or None, extra=extra))
            added += 1
        else:
            before = (unit.short_name, unit.kind, unit.extra or {})
            after = (row["short_name"] or unit.short_name, row.get("kind") or unit.kind, {**(unit.extra or {}), **extra})
            if after != before:  # the same row again is no change (and no audit event)
                unit.short_name, unit.kind, unit.extra = after
                updated += 1
    session.flush()
    summary = {"file": name, "rows": len(good), "added": added, "updated": updated, "by": actor.name}
    record_import(session, actor, action, summary)
    return summary


def set_unit_email(session: Session, actor: Actor, unit: Unit, text: str) -> dict:
    """Set (or, with empty text, clear) the unit's reminder addresses; audited as unit.email.
    DutyInputError names a malformed address; the caller checks the actor may write for the region."""
    good, bad = parse_addresses(text)
    if bad:
        raise DutyInputError([f"{unit.short_name or unit.name}：“{'、'.join(bad)}”不是有效的邮箱地址"])
    before = unit_email(unit.extra)
    after = ", ".join(good) or None
    if after == before:
        return {"unit_id": unit.id, "email": after, "changed": False}
    extra = {k: v for k, v in (unit.extra or {}).items() if k not in EMAIL_HEADERS}
    if after:
        extra["email"] = after
    unit.extra = extra
    session.flush()
    from .. import audit

    audit.record(session, actor, "unit.email", "unit", f"{unit.region_code}/{unit.name}",
                 {"email": before}, {"email": after})
    return {"unit_id": unit.id, "email": after, "changed": True}


def list_units(session: Session, region: str | None = None) -> list[dict]:
    query = select(Unit).order_by(Unit.region_code, Unit.id)
    if region:
        code = region_resolver(session)(region)
        if code is None:
            raise DutyInputError([f"行政区划中没有“{region}”"])
        query = query.where(Unit.region_code == code)
    units = list(session.scalars(query))
    names = dict(session.execute(select(Region.code, Region.name).where(Region.code.in_({u.region_code for u in units}))).all())
    return [unit_dict(u, names) for u in units]


def unit_key(name: str) -> str:
    """What two ways of writing one unit's name share: simplified script, no spaces. Plans reposted
    in traditional script name 省發展改革委 where the catalogue (like most templates) says 省发展改革委;
    the name as written stays what is shown, the key is only for matching."""
    from ..ingest.script import to_simplified

    return to_simplified("".join((name or "").split()))


class UnitFinder:
    """Finds units by full or short name, preferring the plan's own region, then the regions above it.
    Names match across scripts (unit_key): a traditional-script name finds a simplified catalogue entry."""

    def __init__(self, session: Session):
        self.units = list(session.scalars(select(Unit)))
        self.parents = dict(session.execute(select(Region.code, Region.parent_code)).all())
        self._by_key: dict[str, list[Unit]] = {}
        for u in self.units:
            for key in {unit_key(u.name), unit_key(u.short_name or "")} - {""}:
                self._by_key.setdefault(key, []).append(u)

    def _chain(self, region_code: str | None) -> list[str | None]:
        chain: list[str | None] = []
        while region_code:
            chain.append(region_code)
            region_code = self.parents.get(region_code)
        return chain or [None]

    def find(self, name: str, region_code: str | None) -> list[Unit]:
        named = self._by_key.get(unit_key(name), [])
        for code in self._chain(region_code):
            if code is None:
                return named
            here = [u for u in named if u.region_code == code]
            if here:
                return here
        return []
