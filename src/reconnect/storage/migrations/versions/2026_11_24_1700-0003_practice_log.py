"""The log of practices done.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 17:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "practice_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_log")),
    )
    op.create_index(op.f("ix_practice_log_done_at"), "practice_log", ["done_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_practice_log_done_at"), table_name="practice_log")
    op.drop_table("practice_log")
