"""Together: the self-check scores a partner shares for the side-by-side view.

Revision ID: s004
Revises: s003
Create Date: 2026-12-06 19:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s004"
down_revision: str | None = "s003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "couple_selfchecks",
        sa.Column("couple_id", sa.String(32), nullable=False),
        sa.Column("account_id", sa.String(32), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couples.id"],
            name=op.f("fk_couple_selfchecks_couple_id_couples"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("couple_id", "account_id", name=op.f("pk_couple_selfchecks")),
    )


def downgrade() -> None:
    op.drop_table("couple_selfchecks")
