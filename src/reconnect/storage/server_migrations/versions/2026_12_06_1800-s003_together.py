"""Together: account key pairs, couples (pairing codes, answers, shared entries, notices)
and counsellor shares with their access log.

Revision ID: s003
Revises: s002
Create Date: 2026-12-06 18:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s003"
down_revision: str | None = "s002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.String(32)
WHEN = sa.DateTime(timezone=True)


def _account_fk(column: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["accounts.id"], name=op.f(f"fk_{table}_{column}_accounts"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "account_keys",
        sa.Column("account_id", ID, nullable=False),
        sa.Column("public_key", sa.LargeBinary(32), nullable=False),
        sa.Column("private_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        _account_fk("account_id", "account_keys"),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_account_keys")),
    )
    op.create_table(
        "couple_invites",
        sa.Column("code_hash", sa.LargeBinary(32), nullable=False),
        sa.Column("from_account", ID, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("expires_at", WHEN, nullable=False),
        sa.Column("used_at", WHEN, nullable=True),
        _account_fk("from_account", "couple_invites"),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_couple_invites")),
    )
    op.create_index(op.f("ix_couple_invites_from_account"), "couple_invites", ["from_account"])
    op.create_table(
        "couple_join_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", ID, nullable=False),
        sa.Column("at", WHEN, nullable=False),
        _account_fk("account_id", "couple_join_failures"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_couple_join_failures")),
    )
    op.create_index(
        op.f("ix_couple_join_failures_account_id"), "couple_join_failures", ["account_id"]
    )
    op.create_table(
        "couples",
        sa.Column("id", ID, nullable=False),
        sa.Column("a_account", ID, nullable=False),
        sa.Column("b_account", ID, nullable=False),
        sa.Column("key_for_a", sa.LargeBinary(), nullable=False),
        sa.Column("key_for_b", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("paused_at", WHEN, nullable=True),
        sa.Column("paused_by", ID, nullable=True),
        _account_fk("a_account", "couples"),
        _account_fk("b_account", "couples"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_couples")),
        sa.UniqueConstraint("a_account", name=op.f("uq_couples_a_account")),
        sa.UniqueConstraint("b_account", name=op.f("uq_couples_b_account")),
    )
    op.create_table(
        "couple_answers",
        sa.Column("couple_id", ID, nullable=False),
        sa.Column("week", sa.String(8), nullable=False),
        sa.Column("account_id", ID, nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("answered_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couples.id"],
            name=op.f("fk_couple_answers_couple_id_couples"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("couple_id", "week", "account_id", name=op.f("pk_couple_answers")),
    )
    op.create_table(
        "couple_shared_entries",
        sa.Column("couple_id", ID, nullable=False),
        sa.Column("account_id", ID, nullable=False),
        sa.Column("entry_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("shared_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["couple_id"],
            ["couples.id"],
            name=op.f("fk_couple_shared_entries_couple_id_couples"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "couple_id", "account_id", "entry_id", name=op.f("pk_couple_shared_entries")
        ),
    )
    op.create_table(
        "couple_notices",
        sa.Column("account_id", ID, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        _account_fk("account_id", "couple_notices"),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_couple_notices")),
    )
    op.create_table(
        "shares",
        sa.Column("id", ID, nullable=False),
        sa.Column("client_id", ID, nullable=False),
        sa.Column("counsellor_id", ID, nullable=False),
        sa.Column("scopes", sa.String(200), nullable=False),
        sa.Column("entry_ids", sa.Text(), nullable=False),
        sa.Column("key_for_client", sa.LargeBinary(), nullable=False),
        sa.Column("key_for_counsellor", sa.LargeBinary(), nullable=False),
        sa.Column("summary_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("expires_at", WHEN, nullable=False),
        _account_fk("client_id", "shares"),
        _account_fk("counsellor_id", "shares"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shares")),
    )
    op.create_index(op.f("ix_shares_client_id"), "shares", ["client_id"])
    op.create_index(op.f("ix_shares_counsellor_id"), "shares", ["counsellor_id"])
    op.create_index(op.f("ix_shares_expires_at"), "shares", ["expires_at"])
    op.create_table(
        "share_access_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client_id", ID, nullable=False),
        sa.Column("counsellor_name", sa.String(64), nullable=False),
        sa.Column("share_id", ID, nullable=False),
        sa.Column("what", sa.String(40), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        _account_fk("client_id", "share_access_log"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_access_log")),
    )
    op.create_index(op.f("ix_share_access_log_client_id"), "share_access_log", ["client_id"])


def downgrade() -> None:
    for table in (
        "share_access_log",
        "shares",
        "couple_notices",
        "couple_shared_entries",
        "couple_answers",
        "couples",
        "couple_join_failures",
        "couple_invites",
        "account_keys",
    ):
        op.drop_table(table)
