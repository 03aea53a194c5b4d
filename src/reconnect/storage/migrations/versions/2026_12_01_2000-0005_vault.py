"""The vault: the journal's id, its key slots and its data keys (encryption at rest).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "vault",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("journal_id", sa.String(length=32), nullable=False),
        sa.Column("encrypted", sa.Boolean(), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vault")),
    )
    op.create_table(
        "key_slots",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("kdf", sa.String(length=16), nullable=False),
        sa.Column("memory_kib", sa.Integer(), nullable=True),
        sa.Column("iterations", sa.Integer(), nullable=True),
        sa.Column("lanes", sa.Integer(), nullable=True),
        sa.Column("salt", sa.LargeBinary(), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_key_slots")),
    )
    op.create_table(
        "data_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("encryptions", sa.BigInteger(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_keys")),
    )


def downgrade() -> None:
    op.drop_table("data_keys")
    op.drop_table("key_slots")
    op.drop_table("vault")
