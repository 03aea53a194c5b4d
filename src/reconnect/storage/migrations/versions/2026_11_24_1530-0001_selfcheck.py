"""Self-check results and drafts.

Revision ID: 0001
Revises:
Create Date: 2026-11-24 15:30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "selfcheck_results",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("instrument_id", sa.String(length=64), nullable=False),
        sa.Column("instrument_version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_selfcheck_results")),
    )
    op.create_index(
        op.f("ix_selfcheck_results_taken_at"), "selfcheck_results", ["taken_at"], unique=False
    )
    op.create_index(
        op.f("ix_selfcheck_results_instrument_id"),
        "selfcheck_results",
        ["instrument_id"],
        unique=False,
    )
    op.create_table(
        "selfcheck_drafts",
        sa.Column("instrument_id", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("instrument_id", name=op.f("pk_selfcheck_drafts")),
    )


def downgrade() -> None:
    op.drop_table("selfcheck_drafts")
    op.drop_index(op.f("ix_selfcheck_results_instrument_id"), table_name="selfcheck_results")
    op.drop_index(op.f("ix_selfcheck_results_taken_at"), table_name="selfcheck_results")
    op.drop_table("selfcheck_results")
