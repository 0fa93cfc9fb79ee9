"""The migrations build exactly the schema the models describe, on both engines, and the search
migration 0007 carries stored sentences over (end tokens, scope words) so search finds them."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.orm import sessionmaker

from plantrack.store.db import MIGRATIONS, make_engine, migrate
from plantrack.store.models import Base, Sentence, described_by_models
from plantrack.store.search import search


def _config(conn) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def test_migrated_schema_matches_the_models(store_url):
    engine = make_engine(store_url)
    try:
        migrate(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_object": described_by_models})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def _insert_0006_plan(conn, plan_id: int, versions: list[list[str]]) -> None:
    """A plan with sentences as a store at revision 0006 held them: grams without end tokens."""
    conn.execute(text("INSERT INTO plan (id, key, created_at, updated_at) VALUES (:i, :k, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                 {"i": plan_id, "k": f"p{plan_id}"})
    for number, sentences in enumerate(versions, start=1):
        version_id = plan_id * 10 + number
        conn.execute(
            text("INSERT INTO plan_version (id, plan_id, number, sha256, source_path, encoding, line_count, source_text, document, created_at) "
                 "VALUES (:v, :p, :n, :sha, 'x.txt', 'utf-8', 1, '', '{}', CURRENT_TIMESTAMP)"),
            {"v": version_id, "p": plan_id, "n": number, "sha": f"{version_id:064d}"},
        )
        for line, sentence in enumerate(sentences, start=1):
            folded = sentence.lower()
            grams = " ".join(f"g{ord(a):x}g{ord(b):x}" for a, b in zip(folded, folded[1:]))
            conn.execute(text("INSERT INTO sentence (version_id, line, text, grams) VALUES (:v, :l, :t, :g)"),
                         {"v": version_id, "l": line, "t": sentence, "g": grams})


def test_0007_gives_stored_sentences_end_tokens_and_scopes(store_url):
    engine = make_engine(store_url)
    try:
        with engine.begin() as conn:
            command.downgrade(_config(conn), "0006")
            _insert_0006_plan(conn, 1, [["森林覆盖率达到30%。", "水"], ["森林覆盖率达到32%。", "水"]])
            _insert_0006_plan(conn, 2, [["湿地保护率达到55%", "煤"]])
        migrate(engine)
        with sessionmaker(engine)() as session:
            scopes = dict(session.execute(text("SELECT text || version_id, scope FROM sentence")).all())
            assert scopes == {"森林覆盖率达到30%。11": "p1 superseded", "水11": "p1 superseded",
                              "森林覆盖率达到32%。12": "p1", "水12": "p1", "湿地保护率达到55%21": "p2", "煤21": "p2"}
            grams = dict(session.execute(text("SELECT text, grams FROM sentence WHERE version_id IN (12, 21)")).all())
            assert grams["水"] == f"g{ord('水'):x}gend"
            assert grams["湿地保护率达到55%"].endswith(" g35g25 g25gend")
            assert [h.text for h in search(session, "森林覆盖率").hits] == ["森林覆盖率达到32%。"]
            assert search(session, "森林覆盖率", all_versions=True).total == 2
            assert sorted(h.text for h in search(session, "%").hits) == ["森林覆盖率达到32%。", "湿地保护率达到55%"]
            assert [h.text for h in search(session, "煤").hits] == ["煤"]
        with engine.begin() as conn:
            command.downgrade(_config(conn), "0006")
            assert conn.execute(text("SELECT grams FROM sentence WHERE text = '水'")).scalar() == ""
            assert conn.execute(text("SELECT grams FROM sentence WHERE text = '煤'")).scalar() == ""
            assert conn.execute(text("SELECT grams FROM sentence WHERE text = '湿地保护率达到55%'")).scalar().endswith(" g35g25")
    finally:
        engine.dispose()


def test_0016_search_vector_is_written_by_the_writer_on_postgresql(store_url):
    """PostgreSQL: sentence.search is a plain column (the writer sends it, store/pg_vectors.py) and
    the GIN index has the larger pending list; a downgrade brings the generated column back with its
    values, and the upgrade keeps them. SQLite has none of this: nothing to check there."""
    engine = make_engine(store_url)
    try:
        if engine.dialect.name != "postgresql":
            assert "search" not in {c["name"] for c in inspect(engine).get_columns("sentence")}
            return
        generated = text("SELECT attgenerated FROM pg_attribute WHERE attrelid = 'sentence'::regclass AND attname = 'search'")
        options = text("SELECT reloptions FROM pg_class WHERE oid = 'ix_sentence_search'::regclass")
        with engine.connect() as conn:
            assert conn.execute(generated).scalar() == ""
            assert "gin_pending_list_limit=32768" in conn.execute(options).scalar()
        with engine.begin() as conn:
            command.downgrade(_config(conn), "0014_reporting_support")
            assert conn.execute(generated).scalar() == "s"
            _insert_0006_plan(conn, 1, [])
            conn.execute(text("INSERT INTO plan_version (id, plan_id, number, sha256, source_path, encoding, line_count, "
                              "source_text, document, created_at) VALUES (11, 1, 1, 'x', 'x.txt', 'utf-8', 1, '', '{}', CURRENT_TIMESTAMP)"))
            conn.execute(text("INSERT INTO sentence (version_id, line, text, grams, scope) VALUES (11, 1, '湿地', 'g6e7fg5730 g5730gend', 'p1')"))
            command.upgrade(_config(conn), "head")
            assert conn.execute(generated).scalar() == ""
        with sessionmaker(engine)() as session:
            assert [h.text for h in search(session, "湿地").hits] == ["湿地"]
    finally:
        engine.dispose()
