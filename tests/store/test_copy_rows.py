"""Rows copied on PostgreSQL (store/copy_rows.py) read back exactly as inserted rows do on SQLite:
text with tabs, newlines, backslashes and COPY's own null marker, JSON documents, NULLs and floats."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from plantrack.store.copy_rows import copy_capable, insert_rows, next_ids
from plantrack.store.models import Plan, PlanVersion, Project, Section

from ..dbfixtures import ENGINES, session_factory, store_url  # noqa: F401

POSTGRESQL_ONLY = pytest.mark.parametrize("store_url", [ENGINES[1]], indirect=True)

AWKWARD = ["制表\t符", "换\n行", "反斜杠 \\ 与 \\N", "\\N", "'单引号' \"双引号\"", "=HYPERLINK(\"x\")", ""]


def _version(session) -> int:
    plan = Plan(key="copy-test")
    session.add(plan)
    session.flush()
    version = PlanVersion(plan_id=plan.id, number=1, sha256="0" * 64, source_path="x.txt", encoding="utf-8",
                          line_count=1, source_text="", document={})
    session.add(version)
    session.flush()
    return version.id


def test_awkward_text_and_json_read_back_exactly(session_factory):  # noqa: F811
    rows = [
        {"version_id": None, "ordinal": i, "box": text_, "name": text_ or "名",
         "line": i + 1, "data": {"name": text_, "nested": {"list": [1, 2.5, None, "\\N"], "ok": True}}}
        for i, text_ in enumerate(AWKWARD)
    ]
    with session_factory.begin() as session:
        version_id = _version(session)
        for row in rows:
            row["version_id"] = version_id
        insert_rows(session, Project, rows)
    with session_factory() as session:
        stored = session.scalars(select(Project).order_by(Project.ordinal)).all()
        assert [(p.box, p.name, p.line, p.data) for p in stored] == [(r["box"], r["name"], r["line"], r["data"]) for r in rows]


def test_copied_rows_roll_back_with_their_transaction(session_factory):  # noqa: F811
    with pytest.raises(RuntimeError):
        with session_factory.begin() as session:
            version_id = _version(session)
            insert_rows(session, Project, [{"version_id": version_id, "ordinal": 0, "box": "专栏", "name": "项目",
                                            "line": 1, "data": {}}])
            raise RuntimeError("失败")
    with session_factory() as session:
        assert session.scalars(select(Project)).all() == []
        assert session.scalars(select(Plan)).all() == []


@POSTGRESQL_ONLY
def test_ids_drawn_first_are_the_ids_rows_get(session_factory):  # noqa: F811
    """PostgreSQL: sections are copied with ids drawn from the sequence; a later ordinary insert
    takes the next one. (SQLite inserts sections one depth at a time: no sequence, no COPY.)"""
    with session_factory.begin() as session:
        assert copy_capable(session)
        version_id = _version(session)
        ids = next_ids(session, Section.__tablename__, 3)
        assert ids == sorted(ids) and len(set(ids)) == 3
        insert_rows(session, Section, [
            {"id": i, "version_id": version_id, "parent_id": ids[0] if n else None, "ordinal": n, "label": "一",
             "title": "标题", "kind": None, "depth": 1 if n else 0, "line": n + 1, "end_line": n + 1, "path": "一 标题"}
            for n, i in enumerate(ids)
        ])
        later = Section(version_id=version_id, ordinal=9, label="二", title="t", depth=0, line=9, end_line=9, path="二 t")
        session.add(later)
        session.flush()
        assert later.id > max(ids)
