"""sentence search: scope words, and an end token so single characters are found by the index

Revision ID: 0007
Revises: 0006

End token: Sentence.grams gains its last character paired with "end" (see store/grams.py), so a
one-character query is an index prefix query on both engines instead of a LIKE over every row.
Existing rows get it in SQL: the hex of the last character is what follows the last "g".

Scope:
Search reads only the newest version of each plan unless asked for all, and can be limited to a
few plans. Filtering on joins (sentence → plan_version → plan) costs a row lookup for every match,
which for a word in 80,000 sentences is most of the search time. So each sentence carries its
scope as words (`sentence.scope`: ``p<plan id>``, plus ``superseded`` once a newer version of its
plan is stored), and on SQLite the FTS5 table indexes them as a second column: the filters become
part of the MATCH and cost no lookups. PostgreSQL keeps filtering on joins (its matches are
rechecked on the heap anyway); the column is there on both engines so the schema is one.
"""
import unicodedata

from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

HEX = "0123456789abcdef"
ADD_END_TOKEN = f"""
UPDATE sentence SET grams = grams || ' g' || substr(grams, length(rtrim(grams, '{HEX}')) + 1) || 'gend'
WHERE grams <> ''
"""
# Every token is made of hex digits, g and the letters of "end"; stripping them from the right
# removes exactly the last token.
DROP_END_TOKEN = f"UPDATE sentence SET grams = rtrim(rtrim(grams, '{HEX}gn'), ' ')"


def _one_character_sentences() -> None:
    """Sentences whose text folds to one character had no token; give them their end token.

    The folding is NFKC, lower case, no white space, as store/grams.normalize was when this
    migration was written (kept here so later changes there cannot change this migration)."""
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, text FROM sentence WHERE grams = ''")).all()
    for id_, text_ in rows:
        folded = "".join(unicodedata.normalize("NFKC", text_).lower().split())
        if len(folded) == 1:
            bind.execute(sa.text("UPDATE sentence SET grams = :g WHERE id = :id"), {"g": f"g{ord(folded):x}gend", "id": id_})


FILL_SCOPE = """
UPDATE sentence SET scope = (
    SELECT 'p' || v.plan_id || CASE WHEN EXISTS (
        SELECT 1 FROM plan_version newer WHERE newer.plan_id = v.plan_id AND newer.number > v.number
    ) THEN ' superseded' ELSE '' END
    FROM plan_version v WHERE v.id = sentence.version_id
)
"""

SQLITE_FTS = [
    "DROP TRIGGER IF EXISTS sentence_fts_au",
    "DROP TRIGGER IF EXISTS sentence_fts_ad",
    "DROP TRIGGER IF EXISTS sentence_fts_ai",
    "DROP TABLE IF EXISTS sentence_fts",
    # unicode61 keeps the hex pair tokens (g68eeg6797) and the scope words (p12, superseded) whole.
    """CREATE VIRTUAL TABLE sentence_fts USING fts5(
        grams, scope, content='sentence', content_rowid='id', tokenize='unicode61'
    )""",
    """CREATE TRIGGER sentence_fts_ai AFTER INSERT ON sentence BEGIN
        INSERT INTO sentence_fts(rowid, grams, scope) VALUES (new.id, new.grams, new.scope);
    END""",
    # An external-content table must be told the old values to remove their tokens.
    """CREATE TRIGGER sentence_fts_ad AFTER DELETE ON sentence BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, grams, scope) VALUES ('delete', old.id, old.grams, old.scope);
    END""",
    """CREATE TRIGGER sentence_fts_au AFTER UPDATE OF id, grams, scope ON sentence BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, grams, scope) VALUES ('delete', old.id, old.grams, old.scope);
        INSERT INTO sentence_fts(rowid, grams, scope) VALUES (new.id, new.grams, new.scope);
    END""",
    "INSERT INTO sentence_fts(sentence_fts) VALUES ('rebuild')",
    # Ranking no longer reads sentence rows (ties go by rowid), so the narrow index 0002 made for
    # it only costs space and insert time.
    "DROP INDEX IF EXISTS ix_sentence_search_rank",
]

SQLITE_FTS_DOWN = SQLITE_FTS[:4] + [
    """CREATE VIRTUAL TABLE sentence_fts USING fts5(
        grams, content='sentence', content_rowid='id', tokenize='unicode61'
    )""",
    """CREATE TRIGGER sentence_fts_ai AFTER INSERT ON sentence BEGIN
        INSERT INTO sentence_fts(rowid, grams) VALUES (new.id, new.grams);
    END""",
    """CREATE TRIGGER sentence_fts_ad AFTER DELETE ON sentence BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, grams) VALUES ('delete', old.id, old.grams);
    END""",
    """CREATE TRIGGER sentence_fts_au AFTER UPDATE OF id, grams ON sentence BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, grams) VALUES ('delete', old.id, old.grams);
        INSERT INTO sentence_fts(rowid, grams) VALUES (new.id, new.grams);
    END""",
    "INSERT INTO sentence_fts(sentence_fts) VALUES ('rebuild')",
    "CREATE INDEX ix_sentence_search_rank ON sentence (id, version_id, line)",
]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        # The old triggers would index the new column's writes with the old table's columns.
        for sql in SQLITE_FTS[:4]:
            op.execute(sql)
    op.execute(ADD_END_TOKEN)
    _one_character_sentences()
    op.add_column("sentence", sa.Column("scope", sa.Text(), nullable=False, server_default=""))
    op.execute(FILL_SCOPE)
    if sqlite:
        for sql in SQLITE_FTS[4:]:
            op.execute(sql)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for sql in SQLITE_FTS[:4]:
            op.execute(sql)
    with op.batch_alter_table("sentence") as batch:
        batch.drop_column("scope")
    op.execute(DROP_END_TOKEN)
    if sqlite:
        for sql in SQLITE_FTS_DOWN[4:]:
            op.execute(sql)
