"""Stores for tests: a fresh SQLite file per test, and, where PLANTRACK_TEST_DATABASE_URL is set, a
fresh PostgreSQL schema per test that is dropped afterwards, so runs never see each other's rows."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from plantrack.store.db import database_url, make_engine, migrate

PG_URL = os.environ.get("PLANTRACK_TEST_DATABASE_URL")

ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason="PLANTRACK_TEST_DATABASE_URL is unset"))]


def _pg_schema_engine(schema: str):
    url = database_url(PG_URL)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    return make_engine(url, connect_args={"options": f"-csearch_path={schema}"})


def _drop_pg_schema(schema: str) -> None:
    """Drop a test's schema. A session the test left open in a transaction would make the DROP wait
    for ever (a whole CI run once hung on one); the lock timeout turns that into a failure that says so."""
    admin = create_engine(database_url(PG_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("SET lock_timeout = '60s'"))
        try:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        except Exception as exc:  # noqa: BLE001  (re-raised with what to look for)
            raise RuntimeError(f"schema {schema} could not be dropped within 60 s: a session of the test "
                               "is probably still open in a transaction (use `with factory() as s:`)") from exc
    admin.dispose()


@pytest.fixture(params=ENGINES)
def store_url(request, tmp_path, monkeypatch):
    """A database URL at the newest schema, SQLite or PostgreSQL; PLANTRACK_DATABASE_URL points at it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'plantrack.db'}"
        engine = make_engine(url)
        migrate(engine)
        engine.dispose()
        monkeypatch.setenv("PLANTRACK_DATABASE_URL", url)
        yield url
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = _pg_schema_engine(schema)
    migrate(engine)
    engine.dispose()
    url = database_url(PG_URL)
    sep = "&" if "?" in url else "?"
    full = f"{url}{sep}options=-csearch_path%3D{schema}"
    monkeypatch.setenv("PLANTRACK_DATABASE_URL", full)
    try:
        yield full
    finally:
        _drop_pg_schema(schema)


@pytest.fixture
def session_factory(store_url) -> sessionmaker[Session]:
    """A session factory on the test store, with the gazetteer filled as open_store() does."""
    from plantrack.store.regions_sync import sync_regions

    engine = make_engine(store_url)
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory.begin() as session:
        sync_regions(session)
    yield factory
    engine.dispose()
