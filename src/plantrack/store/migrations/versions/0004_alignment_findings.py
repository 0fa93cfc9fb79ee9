"""alignment results, self-check findings, match decisions

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_decision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name_norm", sa.Text(), nullable=False),
        sa.Column("concept", sa.String(length=64), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("name_norm", "concept"),
    )
    op.create_table(
        "alignment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("child_version_id", sa.Integer(), sa.ForeignKey("plan_version.id", ondelete="CASCADE"), nullable=False),
        sa.Column("parent_version_id", sa.Integer(), sa.ForeignKey("plan_version.id", ondelete="CASCADE"), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("child_version_id", "parent_version_id"),
    )
    op.create_index("ix_alignment_child_version_id", "alignment", ["child_version_id"])
    op.create_table(
        "finding",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version_id", sa.Integer(), sa.ForeignKey("plan_version.id", ondelete="CASCADE"), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_finding_version_id", "finding", ["version_id"])


def downgrade() -> None:
    op.drop_index("ix_finding_version_id", table_name="finding")
    op.drop_table("finding")
    op.drop_index("ix_alignment_child_version_id", table_name="alignment")
    op.drop_table("alignment")
    op.drop_table("match_decision")
