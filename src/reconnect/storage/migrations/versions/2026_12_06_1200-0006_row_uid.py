"""A random uid per payload row, bound into its ciphertext (docs/decisions/0008-row-uid-in-aad.md).

Existing rows get an empty uid: their ciphertexts are still bound to the row id alone,
and the first unlock re-seals them with fresh uids (``storage.codec.bind_rows_to_uids``),
in one transaction, before anything is read.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 12:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "selfcheck_results",
    "selfcheck_drafts",
    "entries",
    "checkins",
    "practice_log",
    "reminders",
)


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("uid", sa.String(length=32), server_default="", nullable=False)
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("uid")
