"""The safety plan's opt-in copy that opens without the passphrase (plain, one row).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 14:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "safety_plan_open",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("readable_plan", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_plan_open")),
    )


def downgrade() -> None:
    op.drop_table("safety_plan_open")
