"""Server mode's tables for people who share: couples and counsellors (issue "Together").

Everything a partner or a counsellor reads is sealed: a couple's answers and shared
entries under a key only the two partners' sessions can open, a share's summary under a
key only the client's and the counsellor's sessions can open (reconnect.crypto.sealed_box).
What is in the clear: who is paired with whom, who shares with which counsellor and until
when, the ISO week of a check-in, and times.
"""

from __future__ import annotations

from datetime import datetime  # noqa: TC003 - SQLAlchemy reads the annotations at run time

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reconnect.storage.server_tables import ServerBase
from reconnect.storage.tables import UtcDateTime

ACCOUNT_FK = "accounts.id"


class AccountKeyRow(ServerBase):
    """An account's X25519 key pair: the public half in the clear, the private half sealed
    under a key derived from the account's journal master key."""

    __tablename__ = "account_keys"

    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey(ACCOUNT_FK, ondelete="CASCADE"), primary_key=True
    )
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    private_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CoupleInviteRow(ServerBase):
    """A pairing code (only its SHA-256), single use, 48 hours."""

    __tablename__ = "couple_invites"

    code_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    from_account: Mapped[str] = mapped_column(
        String(32), ForeignKey(ACCOUNT_FK, ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class CoupleJoinFailureRow(ServerBase):
    """A wrong pairing code typed by an account (at most 5 in 15 minutes)."""

    __tablename__ = "couple_join_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey(ACCOUNT_FK, ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class CoupleRow(ServerBase):
    """Two paired accounts and the couple key sealed to each of them.

    ``paused_by`` names the partner whose writing paused the check-ins; it is never shown
    to the other partner.
    """

    __tablename__ = "couples"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    a_account: Mapped[str] = mapped_column(
        String(32), ForeignKey(ACCOUNT_FK, ondelete="CASCADE"), unique=True
    )
    b_account: Mapped[str] = mapped_column(
        String(32), ForeignKey(ACCOUNT_FK, ondelete="CASCADE"), unique=True
    )
    key_for_a: Mapped[bytes] = mapped_column(LargeBinary)
    key_for_b: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    paused_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    paused_by: Mapped[str | None] = mapped_column(String(32), nullable=True)


class CoupleAnswerRow(ServerBase):
    """One partner's answers to one week's check-in, sealed under the couple key."""

    __tablename__ = "couple_answers"

    couple_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("couples.id", ondelete="CASCADE"), primary_key=True
    )
    week: Mapped[str] = mapped_column(String(8), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CoupleSharedEntryRow(ServerBase):
    """A journal entry one partner chose to share, sealed under the couple key."""

    __tablename__ = "couple_shared_entries"

    couple_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("couples.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    entry_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    shared_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CoupleNoticeRow(ServerBase):
    """Something to tell one account once (the pairing ended), with no reason."""

    __tablename__ = "couple_notices"

    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey(ACCOUNT_FK, ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class ShareRow(ServerBase):
    """A client's share with a counsellor: which scopes, until when. The summary made for
    it is sealed under the share key, which is sealed to the client and the counsellor."""

    __tablename__ = "shares"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    client_id: Mapped[str] = mapped_column(
        String(32), ForeignKey(ACCOUNT_FK, ondelete="CASCADE"), index=True
    )
    counsellor_id: Mapped[str] = mapped_column(
        String(32), ForeignKey(ACCOUNT_FK, ondelete="CASCADE"), index=True
    )
    scopes: Mapped[str] = mapped_column(String(200))
    entry_ids: Mapped[str] = mapped_column(Text, default="[]")
    key_for_client: Mapped[bytes] = mapped_column(LargeBinary)
    key_for_counsellor: Mapped[bytes] = mapped_column(LargeBinary)
    summary_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class ShareAccessRow(ServerBase):
    """A counsellor's read of a share, kept for the client's audit trail (it outlives the
    share: the client can still see who looked, and when)."""

    __tablename__ = "share_access_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(
        String(32), ForeignKey(ACCOUNT_FK, ondelete="CASCADE"), index=True
    )
    counsellor_name: Mapped[str] = mapped_column(String(64))
    share_id: Mapped[str] = mapped_column(String(32))
    what: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class CoupleSelfcheckRow(ServerBase):
    """One partner's latest self-check scores (about themselves and about their partner),
    shared for the side-by-side view, sealed under the couple key. Shown only once both
    partners have shared theirs; removed when either stops or the couple ends."""

    __tablename__ = "couple_selfchecks"

    couple_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("couples.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    shared_at: Mapped[datetime] = mapped_column(UtcDateTime())
