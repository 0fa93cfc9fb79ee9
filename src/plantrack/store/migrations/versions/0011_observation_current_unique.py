"""one current observation per identity, enforced by the database

Revision ID: 0011_observation_current_unique
Revises: 0010_indicator_corrections (written on 0007; relinked after merging main)

Two imports of the same file at once on PostgreSQL each found no current value and each inserted
one, leaving duplicate current observations. The identity of an observed value is (region,
concept — or the source's own name where no concept matched —, year, series), and only one row
of an identity may be current (superseded_by_id IS NULL): a partial unique index on both engines.
NULLs never collide in a unique index, so the nullable parts are indexed through coalesce.

Stores that already hold duplicates keep them all as history: the newest row of each identity
stays current and supersedes the others.
"""
from alembic import op

revision = "0011_observation_current_unique"
down_revision = "0010_indicator_corrections"
branch_labels = None
depends_on = None

INDEX = "uq_observation_current"

SAME_IDENTITY = """
    o2.superseded_by_id IS NULL
    AND o2.region_code = observation.region_code
    AND o2.year = observation.year
    AND coalesce(o2.concept, '') = coalesce(observation.concept, '')
    AND (CASE WHEN o2.concept IS NULL THEN o2.name ELSE '' END)
        = (CASE WHEN observation.concept IS NULL THEN observation.name ELSE '' END)
    AND coalesce(o2.series, '') = coalesce(observation.series, '')
"""
NEWEST = f"(SELECT max(o2.id) FROM observation o2 WHERE {SAME_IDENTITY})"
SUPERSEDE_DUPLICATES = f"""
UPDATE observation SET superseded_by_id = {NEWEST}
WHERE superseded_by_id IS NULL AND id < {NEWEST}
"""
# The same expressions as models.Observation's index (and in the same order).
CREATE_INDEX = f"""
CREATE UNIQUE INDEX {INDEX} ON observation (
    region_code, year, coalesce(concept, ''), (CASE WHEN concept IS NULL THEN name ELSE '' END), coalesce(series, '')
) WHERE superseded_by_id IS NULL
"""


def upgrade() -> None:
    op.execute(SUPERSEDE_DUPLICATES)
    op.execute(CREATE_INDEX)


def downgrade() -> None:
    op.execute(f"DROP INDEX {INDEX}")
