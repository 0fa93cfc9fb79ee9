"""people's overrides of how an indicator's target is read

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_override",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("indicator_name", sa.Text(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=True),
        sa.Column("held", sa.String(length=12), nullable=True),
        sa.Column("assigned", sa.String(length=50), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("plan_id", "indicator_name"),
    )
    op.create_index("ix_indicator_override_plan_id", "indicator_override", ["plan_id"])


def downgrade() -> None:
    op.drop_index("ix_indicator_override_plan_id", table_name="indicator_override")
    op.drop_table("indicator_override")
