"""accountability: units, assignments, annual targets, decomposition (分解下达) — issue 11

Revision ID: 0012_units_assignments
Revises: 0007 (the coordinator relinks it after 0008–0011 at merge)
"""
from alembic import op
import sqlalchemy as sa

revision = "0012_units_assignments"
down_revision = "0011_observation_current_unique"
branch_labels = None
depends_on = None


def _stamp() -> list[sa.Column]:
    return [
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("region_code", sa.String(length=12), sa.ForeignKey("region.code"), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("short_name", sa.String(length=100), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("region_code", "name"),
    )
    op.create_index("ix_unit_region_code", "unit", ["region_code"])
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("item_kind", sa.String(length=12), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("item_name", sa.Text(), nullable=False),
        sa.Column("item_line", sa.Integer(), nullable=True),
        sa.Column("lead_unit_id", sa.Integer(), sa.ForeignKey("unit.id"), nullable=False),
        sa.Column("supporting_unit_ids", sa.JSON(), nullable=False),
        sa.Column("due", sa.String(length=10), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        *_stamp(),
    )
    op.create_index("ix_assignment_plan_id", "assignment", ["plan_id"])
    op.create_index("ix_assignment_lead_unit_id", "assignment", ["lead_unit_id"])
    op.create_table(
        "annual_target",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("indicator_name", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("target_text", sa.String(length=50), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        *_stamp(),
    )
    op.create_index("ix_annual_target_plan_id", "annual_target", ["plan_id"])
    op.create_table(
        "allocation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("parent_plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("indicator_name", sa.Text(), nullable=False),
        sa.Column("region_code", sa.String(length=12), sa.ForeignKey("region.code"), nullable=False),
        sa.Column("assigned_text", sa.String(length=50), nullable=False),
        sa.Column("assigned_value", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=50), nullable=True),
        sa.Column("rule", sa.String(length=10), nullable=False),
        sa.Column("weight", sa.Float(), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        *_stamp(),
    )
    op.create_index("ix_allocation_parent_plan_id", "allocation", ["parent_plan_id"])
    op.create_index("ix_allocation_region_code", "allocation", ["region_code"])


def downgrade() -> None:
    for table, columns in (("allocation", ("parent_plan_id", "region_code")), ("annual_target", ("plan_id",)),
                           ("assignment", ("plan_id", "lead_unit_id")), ("unit", ("region_code",))):
        for column in columns:
            op.drop_index(f"ix_{table}_{column}", table_name=table)
        op.drop_table(table)
