"""Imports of units (and of assignments, annual targets, allocations through the same helper) are
audited: one event per file that changed something, none for a file that changed nothing."""

from __future__ import annotations

from sqlalchemy import select

from plantrack.domain.actor import Actor
from plantrack.duties.units import import_units
from plantrack.store.models import AuditEvent

from .conftest import write_csv

HEADER = "region,name,short_name"
OFFICE = Actor(name="规划处李四", role="planning", region_code="140000", address="10.0.0.5")


def events(factory) -> list[AuditEvent]:
    with factory() as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_a_units_import_is_one_event_by_its_actor_and_the_same_file_again_none(session_factory, tmp_path):
    f = write_csv(tmp_path / "units.csv", HEADER, [["山西省", "山西省财政厅", "省财政厅"], ["运城市", "运城市林业局", "市林业局"]])
    with session_factory.begin() as s:
        import_units(s, f, OFFICE)
    [event] = events(session_factory)
    assert (event.action, event.object_type, event.object_key, event.actor_name, event.address) == (
        "units.import", "duty_import", "units.csv", "规划处李四", "10.0.0.5")
    assert (event.before, event.after["added"], event.after["rows"]) == (None, 2, 2)
    with session_factory.begin() as s:
        import_units(s, f, OFFICE)
    assert len(events(session_factory)) == 1
