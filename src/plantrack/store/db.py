"""Where the data lives and how to open it.

Embedded default: a SQLite file (WAL mode) in PLANTRACK_HOME (default ~/.local/share/plantrack).
At scale: PostgreSQL by URL in PLANTRACK_DATABASE_URL (psycopg 3). Both get the same Alembic
migrations, applied on open, so a store is always at the code's schema.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"


def default_home() -> Path:
    return Path(os.environ.get("PLANTRACK_HOME") or Path.home() / ".local" / "share" / "plantrack")


def database_url(url: str | None = None) -> str:
    """The URL given, else PLANTRACK_DATABASE_URL, else the SQLite file in PLANTRACK_HOME."""
    url = url or os.environ.get("PLANTRACK_DATABASE_URL")
    if url:
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    home = default_home()
    home.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{home / 'plantrack.db'}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str | None = None, **kwargs) -> Engine:
    url = database_url(url)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_store(url: str | None = None) -> sessionmaker[Session]:
    """An engine at the newest schema, with the gazetteer filled, and a session factory on it."""
    from .regions_sync import sync_regions

    engine = make_engine(url)
    migrate(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory.begin() as session:
        sync_regions(session)
    return factory
