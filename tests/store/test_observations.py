"""One current observation per identity (region, concept or source name, year, series), held by the
database itself (migration 0011) on both engines, so imports running at once cannot duplicate it."""

from __future__ import annotations

from datetime import datetime, timezone

import csv
import threading

import pytest
from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from plantrack.observations.importer import import_file
from plantrack.store.db import make_engine, migrate
from plantrack.store.models import Observation
from plantrack.store.regions_sync import sync_regions

from .test_migrations import _config

HEADER = ["region", "indicator", "unit", "year", "value", "source_url", "source_title", "quote"]


def _observation(**fields) -> Observation:
    values = dict(region_code="140000", name="森林覆盖率", concept="forest_coverage", year=2021, value=23.6,
                  unit="%", source_value=23.6, source_unit="%", series=None, flags=[], extra={})
    values.update(fields)
    return Observation(**values)


@pytest.mark.parametrize("identity", [
    {},  # a concept, no series
    {"concept": None, "name": "人均水资源"},  # no concept: the source's name is the identity
    {"series": "2020年第七次人口普查口径"},
])
def test_the_database_refuses_a_second_current_row_of_an_identity(session_factory, identity):
    with session_factory.begin() as session:
        session.add(_observation(**identity))
    with pytest.raises(IntegrityError):
        with session_factory.begin() as session:
            session.add(_observation(value=24.0, **identity))


def test_other_years_series_names_and_superseded_rows_are_not_duplicates(session_factory):
    with session_factory.begin() as session:
        old = _observation()
        session.add(old)
        session.flush()
        session.add_all([
            _observation(year=2022), _observation(series="新口径"),
            _observation(concept=None, name="甲"), _observation(concept=None, name="乙"),
        ])
        session.flush()
        newer = _observation(value=23.9, superseded_by_id=None)
        old.superseded_by_id = old.id
        session.flush()
        session.add(newer)
        session.flush()
        old.superseded_by_id = newer.id
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Observation).where(Observation.superseded_by_id.is_(None))) == 5


def _thousand_rows(path):
    """1,000 rows: concept rows for every region and year, and background series without a concept."""
    regions = ["山西省", "太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for i in range(1000):
            region = regions[i % 10]
            year = 2001 + (i // 10) % 25
            name = ["森林覆盖率", "常住人口城镇化率", "人均水资源量", "旅游人次"][i // 250]
            unit = {"森林覆盖率": "%", "常住人口城镇化率": "%", "人均水资源量": "立方米", "旅游人次": "万人次"}[name]
            out.writerow([region, name, unit, year, f"{10 + i % 7}.5", f"https://example.org/{i // 250}", "统计公报", ""])
    return path


def _current_duplicates(factory) -> int:
    identity = (Observation.region_code, Observation.concept, Observation.name, Observation.year, Observation.series)
    with factory() as session:
        groups = select(*identity).where(Observation.superseded_by_id.is_(None)).group_by(*identity).having(func.count() > 1)
        return len(session.execute(groups).all())


def test_two_imports_of_the_same_file_at_once_store_each_value_once(session_factory, tmp_path):
    """The probe: on PostgreSQL two concurrent imports left 109 duplicate current observations."""
    path = _thousand_rows(tmp_path / "observations.csv")
    outcomes = []

    def run():
        try:
            outcomes.append(import_file(session_factory, path).summary)
        except Exception as exc:
            outcomes.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(not isinstance(o, Exception) for o in outcomes), outcomes
    assert sorted((o.added, o.unchanged) for o in outcomes) == [(0, 1000), (1000, 0)]
    assert _current_duplicates(session_factory) == 0
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Observation)) == 1000


def test_0011_keeps_duplicates_stored_before_it_as_history(store_url):
    engine = make_engine(store_url)
    try:
        with engine.begin() as conn:
            command.downgrade(_config(conn), "0011_observation_current_unique-1")
        from sqlalchemy.orm import sessionmaker

        factory = sessionmaker(engine)
        with factory.begin() as session:
            sync_regions(session)
            # the model has columns of later migrations (0014's withdrawn_*): insert only those of this schema
            old = [c for c in Observation.__table__.columns if not c.name.startswith("withdrawn_")]
            for o in (_observation(value=1.0), _observation(value=2.0), _observation(value=3.0),
                      _observation(concept=None, name="甲", value=4.0)):
                session.execute(Observation.__table__.insert().values(
                    {c.name: getattr(o, c.key) for c in old if c.name != "id" and getattr(o, c.key) is not None}
                    | {"created_at": datetime.now(timezone.utc)}))
        migrate(engine)
        with factory() as session:
            rows = session.execute(select(Observation.value, Observation.superseded_by_id).order_by(Observation.id)).all()
            newest = session.scalar(select(Observation.id).where(Observation.value == 3.0))
            assert [(v, s) for v, s in rows] == [(1.0, newest), (2.0, newest), (3.0, None), (4.0, None)]
            assert session.execute(text("SELECT count(*) FROM observation WHERE superseded_by_id IS NULL")).scalar() == 2
    finally:
        engine.dispose()


def _current(session) -> list[float]:
    return [o.value for o in session.scalars(select(Observation).where(Observation.superseded_by_id.is_(None))
                                             .order_by(Observation.id))]


def test_a_withdrawn_value_leaves_the_current_set_is_kept_and_brings_back_what_it_replaced(session_factory):
    from plantrack.store.observations import withdraw_observation

    with session_factory.begin() as session:
        old = _observation(value=23.0)
        session.add(old)
        session.flush()
        old.superseded_by_id = old.id
        session.flush()
        new = _observation(value=24.0)
        session.add(new)
        session.flush()
        old.superseded_by_id = new.id
        old_id, new_id = old.id, new.id
    with session_factory.begin() as session:
        result = withdraw_observation(session, new_id, "审定人", "数值有误")
        assert (result["id"], result["restored"], result["value"]) == (new_id, old_id, 24.0)
    with session_factory.begin() as session:
        assert _current(session) == [23.0]
        gone = session.get(Observation, new_id)
        assert (gone.superseded_by_id, gone.withdrawn_by, gone.withdrawn_reason) == (new_id, "审定人", "数值有误")
        assert gone.withdrawn_at is not None
        assert withdraw_observation(session, new_id, "x", "again") is None  # no longer current: nothing to do
    with session_factory.begin() as session:
        withdraw_observation(session, old_id, "审定人", "口径调整")
    with session_factory() as session:
        assert _current(session) == [] and session.scalar(select(func.count()).select_from(Observation)) == 2


def test_a_withdrawn_value_imported_again_is_current_again(session_factory, tmp_path):
    from plantrack.store.observations import withdraw_observation

    path = tmp_path / "obs.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        out.writerow(["山西省", "森林覆盖率", "%", "2022", "24.5", "https://example.org/x", "公报", ""])
    import_file(session_factory, path)
    with session_factory.begin() as session:
        withdraw_observation(session, session.scalar(select(Observation.id)), "审定人", "撤回")
        assert _current(session) == []
    import_file(session_factory, path)
    with session_factory() as session:
        assert _current(session) == [24.5] and session.scalar(select(func.count()).select_from(Observation)) == 2
