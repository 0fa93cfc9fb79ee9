"""Alembic environment: runs on the connection plantrack.store.db hands it (or on a URL for the CLI)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from plantrack.store.models import Base, described_by_models

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                          include_object=described_by_models)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True,
                          include_object=described_by_models)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
