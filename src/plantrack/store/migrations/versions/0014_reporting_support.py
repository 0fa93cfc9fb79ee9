"""reporting with supporting units, on a unit's behalf, and withdrawn observations (issue 11)

- report_contribution (+ its evidence): what a supporting unit (配合单位) adds to an item for a period;
  a newer contribution supersedes the older one, which stays as history.
- report_status.on_behalf_of: the unit a planning office entered a report for (代填).
- observation.withdrawn_*: an observation taken out of use (an approved report reopened), with who,
  when and why; it leaves the current set and stays as history.

Revision ID: 0014_reporting_support
Revises: 0013_reporting
"""
from alembic import op
import sqlalchemy as sa

revision = "0014_reporting_support"
down_revision = "0013_reporting"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_contribution",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("assignment_id", sa.Integer(), sa.ForeignKey("assignment.id"), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("unit.id"), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("value_text", sa.String(length=50), nullable=True),
        sa.Column("source_title", sa.Text(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_report_contribution_assignment_id", "report_contribution", ["assignment_id"])
    op.create_table(
        "report_contribution_evidence",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("contribution_id", sa.Integer(), sa.ForeignKey("report_contribution.id"), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_report_contribution_evidence_contribution_id", "report_contribution_evidence",
                    ["contribution_id"])
    op.add_column("report_status", sa.Column("on_behalf_of", sa.String(length=200), nullable=True))
    op.add_column("observation", sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("observation", sa.Column("withdrawn_by", sa.String(length=100), nullable=True))
    op.add_column("observation", sa.Column("withdrawn_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    for column in ("withdrawn_reason", "withdrawn_by", "withdrawn_at"):
        op.drop_column("observation", column)
    op.drop_column("report_status", "on_behalf_of")
    op.drop_index("ix_report_contribution_evidence_contribution_id", table_name="report_contribution_evidence")
    op.drop_table("report_contribution_evidence")
    op.drop_index("ix_report_contribution_assignment_id", table_name="report_contribution")
    op.drop_table("report_contribution")
