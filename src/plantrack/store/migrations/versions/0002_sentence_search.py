"""sentence search: a full-text index over sentence.grams

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:00:00

Each engine gets its own native index over the same pair tokens (plantrack.store.grams), so a
query means the same on both:

- SQLite: an FTS5 table with external content (content='sentence'), so the text is stored once;
  triggers keep it in step with every writer of sentence rows, including the cascade deletes
  when a plan or version goes (SQLite fires triggers for foreign-key actions); and a narrow
  index (id, version_id, line) for ranking many matches without reading the wide rows.
- PostgreSQL: a stored generated tsvector column, to_tsvector('simple', grams), and a GIN index;
  'simple' neither stems nor drops stop words, so every pair token is kept as written.
"""
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


SQLITE_UPGRADE = [
    # unicode61 keeps the hex tokens (g68eeg6797) whole: they are letters and digits only.
    """CREATE VIRTUAL TABLE sentence_fts USING fts5(
        grams, content='sentence', content_rowid='id', tokenize='unicode61'
    )""",
    """CREATE TRIGGER sentence_fts_ai AFTER INSERT ON sentence BEGIN
        INSERT INTO sentence_fts(rowid, grams) VALUES (new.id, new.grams);
    END""",
    # An external-content table must be told the old value to remove its tokens.
    """CREATE TRIGGER sentence_fts_ad AFTER DELETE ON sentence BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, grams) VALUES ('delete', old.id, old.grams);
    END""",
    """CREATE TRIGGER sentence_fts_au AFTER UPDATE OF id, grams ON sentence BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, grams) VALUES ('delete', old.id, old.grams);
        INSERT INTO sentence_fts(rowid, grams) VALUES (new.id, new.grams);
    END""",
    # Index the sentences stored before this migration.
    "INSERT INTO sentence_fts(sentence_fts) VALUES ('rebuild')",
    # Ranking reads version_id and line of every match; from this narrow index that costs a
    # fraction of a lookup in the wide sentence rows (text and grams), which dominated the time
    # of common words. PostgreSQL reads the row anyway (ts_rank needs its tsvector).
    "CREATE INDEX ix_sentence_search_rank ON sentence (id, version_id, line)",
]

SQLITE_DOWNGRADE = [
    "DROP INDEX IF EXISTS ix_sentence_search_rank",
    "DROP TRIGGER IF EXISTS sentence_fts_au",
    "DROP TRIGGER IF EXISTS sentence_fts_ad",
    "DROP TRIGGER IF EXISTS sentence_fts_ai",
    "DROP TABLE IF EXISTS sentence_fts",
]

POSTGRESQL_UPGRADE = [
    # A generated column fills itself for existing rows and every later write.
    "ALTER TABLE sentence ADD COLUMN search tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, grams)) STORED",
    "CREATE INDEX ix_sentence_search ON sentence USING gin (search)",
]

POSTGRESQL_DOWNGRADE = [
    "DROP INDEX IF EXISTS ix_sentence_search",
    "ALTER TABLE sentence DROP COLUMN IF EXISTS search",
]


def _run(statements: dict[str, list[str]]) -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in statements:
        raise NotImplementedError(f"sentence search has no index for the {dialect} dialect")
    for sql in statements[dialect]:
        op.execute(sql)


def upgrade() -> None:
    _run({"sqlite": SQLITE_UPGRADE, "postgresql": POSTGRESQL_UPGRADE})


def downgrade() -> None:
    _run({"sqlite": SQLITE_DOWNGRADE, "postgresql": POSTGRESQL_DOWNGRADE})
