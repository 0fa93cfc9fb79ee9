"""observations and their imports

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "observation_import",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "observation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("region_code", sa.String(length=12), sa.ForeignKey("region.code"), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("concept", sa.String(length=64), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=50), nullable=True),
        sa.Column("source_value", sa.Float(), nullable=False),
        sa.Column("source_unit", sa.String(length=50), nullable=True),
        sa.Column("series", sa.String(length=100), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("source_title", sa.Text(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("observation_import.id"), nullable=True),
        sa.Column("row_number", sa.Integer(), nullable=True),
        sa.Column("superseded_by_id", sa.Integer(), sa.ForeignKey("observation.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_observation_region_code", "observation", ["region_code"])
    op.create_index("ix_observation_concept", "observation", ["concept"])


def downgrade() -> None:
    op.drop_index("ix_observation_concept", table_name="observation")
    op.drop_index("ix_observation_region_code", table_name="observation")
    op.drop_table("observation")
    op.drop_table("observation_import")
