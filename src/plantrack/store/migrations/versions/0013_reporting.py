"""reporting workflow: report items per assignment × period, their status log, evidence files and
reporting frequencies (issue 11 item 6)

Revision ID: 0013_reporting
Revises: 0012_units_assignments (the coordinator relinks it at merge)
"""
from alembic import op
import sqlalchemy as sa

revision = "0013_reporting"
down_revision = "0012_units_assignments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reporting_frequency",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("assignment_id", sa.Integer(), sa.ForeignKey("assignment.id"), nullable=True),
        sa.Column("frequency", sa.String(length=8), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reporting_frequency_plan_id", "reporting_frequency", ["plan_id"])
    op.create_table(
        "report_item",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("assignment_id", sa.Integer(), sa.ForeignKey("assignment.id"), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id"), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("due", sa.String(length=10), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("value_text", sa.String(length=50), nullable=True),
        sa.Column("source_title", sa.Text(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("percent", sa.Float(), nullable=True),
        sa.Column("narrative", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("observation_id", sa.Integer(), sa.ForeignKey("observation.id"), nullable=True),
        sa.Column("updated_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("assignment_id", "period"),
    )
    op.create_index("ix_report_item_assignment_id", "report_item", ["assignment_id"])
    op.create_index("ix_report_item_unit_id", "report_item", ["unit_id"])
    op.create_table(
        "report_status",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("report_item.id"), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("from_state", sa.String(length=12), nullable=True),
        sa.Column("to_state", sa.String(length=12), nullable=False),
        sa.Column("actor_name", sa.String(length=100), nullable=False),
        sa.Column("actor_role", sa.String(length=12), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_report_status_item_id", "report_status", ["item_id"])
    op.create_table(
        "report_evidence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("report_item.id"), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_report_evidence_item_id", "report_evidence", ["item_id"])


def downgrade() -> None:
    for table, column in (("report_evidence", "item_id"), ("report_status", "item_id"),
                          ("report_item", "unit_id"), ("report_item", "assignment_id"),
                          ("reporting_frequency", "plan_id")):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    for table in ("report_evidence", "report_status", "report_item", "reporting_frequency"):
        op.drop_table(table)
