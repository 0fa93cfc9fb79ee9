"""people's corrections of the parser's indicator rows

Revision ID: 0010_indicator_corrections
Revises: 0007 (0007_search_scope; 0008 and 0009 are made on other branches, relinked at merge)
"""
from alembic import op
import sqlalchemy as sa

revision = "0010_indicator_corrections"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_correction",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("version_id", sa.Integer(), sa.ForeignKey("plan_version.id", ondelete="CASCADE"), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("originals", sa.JSON(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("who", sa.String(length=100), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("replaced_by_id", sa.Integer(), sa.ForeignKey("indicator_correction.id"), nullable=True),
        sa.Column("withdrawn_by", sa.String(length=100), nullable=True),
        sa.Column("withdrawn_why", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_indicator_correction_plan_id", "indicator_correction", ["plan_id"])
    op.create_index("ix_indicator_correction_status", "indicator_correction", ["status"])


def downgrade() -> None:
    op.drop_index("ix_indicator_correction_status", table_name="indicator_correction")
    op.drop_index("ix_indicator_correction_plan_id", table_name="indicator_correction")
    op.drop_table("indicator_correction")
