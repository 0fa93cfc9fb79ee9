"""Many rows into one table at once: PostgreSQL's COPY, or an executemany elsewhere.

Why: a plan is a few hundred parsed rows (indicators, targets, projects, tasks, sections) and
thousands of sentences. Sent as INSERT statements, even pipelined, PostgreSQL parses and plans
each row on its own, and storing a plan cost 27 ms of such statements before its sentences
(issue 12: store ≥ 20 plans/s). COPY streams them in one statement, inside the caller's
transaction. SQLite gets the same rows through one executemany, which it runs fast in-process.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import JSON, insert, text
from sqlalchemy.orm import Session


def copy_capable(session: Session) -> bool:
    """Whether COPY is available: PostgreSQL through psycopg 3 (the only driver the project installs)."""
    connection = session.connection()
    return connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg"


def insert_rows(session: Session, model, rows: Sequence[dict]) -> None:
    """Insert rows (dicts keyed by column name, all with the same keys) into model's table."""
    if not rows:
        return
    if not copy_capable(session):
        session.execute(insert(model), list(rows))
        return
    table = model.__table__
    columns = list(rows[0])
    dumps = session.get_bind().dialect._json_serializer or json.dumps
    as_json = [isinstance(table.c[name].type, JSON) for name in columns]
    with copy_stream(session, table.name, columns) as copy:
        for row in rows:
            copy.write_row([dumps(row[c]) if j and row[c] is not None else row[c] for c, j in zip(columns, as_json)])


def copy_stream(session: Session, table: str, columns: Sequence[str]):
    """A COPY … FROM STDIN of the session's connection in text format (the caller writes rows)."""
    cursor = session.connection().connection.driver_connection.cursor()
    return _ClosingCopy(cursor, f"COPY {table} ({', '.join(columns)}) FROM STDIN")


class _ClosingCopy:
    """cursor.copy() as a context manager that also closes its cursor."""

    def __init__(self, cursor, statement: str):
        self.cursor, self.statement = cursor, statement

    def __enter__(self):
        self._copy = self.cursor.copy(self.statement)
        return self._copy.__enter__()

    def __exit__(self, *exc):
        try:
            return self._copy.__exit__(*exc)
        finally:
            self.cursor.close()


def next_ids(session: Session, table: str, count: int) -> list[int]:
    """count new ids from the table's id sequence (PostgreSQL), in one round trip: rows whose
    children need their id can then be copied with it instead of inserted one depth at a time."""
    return list(session.scalars(
        text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
        {"t": table, "n": count},
    ))
