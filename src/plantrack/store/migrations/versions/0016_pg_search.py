"""PostgreSQL search at scale: the sentence tsvector written by the writer, a larger GIN pending
list (issue 12 item 6)

Revision ID: 0016_pg_search
Revises: 0014_reporting_support

PostgreSQL only; SQLite's FTS5 index is untouched (nothing runs there).

- sentence.search stops being a generated column (to_tsvector('simple', grams)): the writer sends
  the finished vector in a binary COPY (store/pg_vectors.py), so the server no longer parses every
  token again. The stored values stay as they are: DROP EXPRESSION keeps them.
- The GIN index's pending list grows from the default 4 MB to 32 MB: a plan adds ~1.5 MB of index
  entries, and with 4 MB the writer merged the list into the index every third plan, in its own
  transaction; a longer list is merged less often and in larger, cheaper batches, mostly by
  autovacuum. Searches read the pending list too, so it stays bounded.
"""
from alembic import op

revision = "0016_pg_search"
down_revision = "0014_reporting_support"
branch_labels = None
depends_on = None

PENDING_LIST_KB = 32768

UPGRADE = [
    "ALTER TABLE sentence ALTER COLUMN search DROP EXPRESSION",
    f"ALTER INDEX ix_sentence_search SET (gin_pending_list_limit = {PENDING_LIST_KB})",
]

DOWNGRADE = [
    "DROP INDEX IF EXISTS ix_sentence_search",
    "ALTER TABLE sentence DROP COLUMN IF EXISTS search",
    "ALTER TABLE sentence ADD COLUMN search tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, grams)) STORED",
    "CREATE INDEX ix_sentence_search ON sentence USING gin (search)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for sql in UPGRADE:
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for sql in DOWNGRADE:
            op.execute(sql)
