"""Rows of the share tables as typed records (reconnect.storage.together_tables)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, update

from reconnect.storage.together_tables import ShareAccessRow, ShareRow

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Connection, Row


@dataclass(frozen=True, slots=True)
class Share:
    """A client's share with a counsellor, with each party's sealed copy of the share key."""

    id: str
    client_id: str
    counsellor_id: str
    scopes: tuple[str, ...]
    entry_ids: tuple[int, ...]
    key_for_client: bytes
    key_for_counsellor: bytes
    summary_sealed: bytes | None
    created_at: datetime
    expires_at: datetime

    def key_for(self, account_id: str) -> bytes:
        return self.key_for_client if account_id == self.client_id else self.key_for_counsellor


@dataclass(frozen=True, slots=True)
class Access:
    """One read of a share by a counsellor (kept after the share ends)."""

    share_id: str
    counsellor_name: str
    what: str
    at: datetime


_SHARE = (
    ShareRow.id,
    ShareRow.client_id,
    ShareRow.counsellor_id,
    ShareRow.scopes,
    ShareRow.entry_ids,
    ShareRow.key_for_client,
    ShareRow.key_for_counsellor,
    ShareRow.summary_sealed,
    ShareRow.created_at,
    ShareRow.expires_at,
)


def _share(
    row: Row[str, str, str, str, str, bytes, bytes, bytes | None, datetime, datetime],
) -> Share:
    id_, client, counsellor, scopes, entry_ids, key_c, key_k, sealed, created, expires = row
    return Share(
        id=id_,
        client_id=client,
        counsellor_id=counsellor,
        scopes=tuple(s for s in scopes.split(",") if s),
        entry_ids=tuple(int(i) for i in json.loads(entry_ids or "[]")),
        key_for_client=bytes(key_c),
        key_for_counsellor=bytes(key_k),
        summary_sealed=None if sealed is None else bytes(sealed),
        created_at=created,
        expires_at=expires,
    )


def replace_share(connection: Connection, share: Share) -> None:
    """Store a share, removing the client's earlier share with the same counsellor."""
    connection.execute(
        delete(ShareRow).where(
            ShareRow.client_id == share.client_id, ShareRow.counsellor_id == share.counsellor_id
        )
    )
    connection.execute(
        insert(ShareRow).values(
            id=share.id,
            client_id=share.client_id,
            counsellor_id=share.counsellor_id,
            scopes=",".join(share.scopes),
            entry_ids=json.dumps(list(share.entry_ids)),
            key_for_client=share.key_for_client,
            key_for_counsellor=share.key_for_counsellor,
            summary_sealed=share.summary_sealed,
            created_at=share.created_at,
            expires_at=share.expires_at,
        )
    )


def get_share(connection: Connection, share_id: str) -> Share | None:
    row = connection.execute(select(*_SHARE).where(ShareRow.id == share_id)).first()
    return None if row is None else _share(row)


def share_between(connection: Connection, client_id: str, counsellor_id: str) -> Share | None:
    """The client's share with this counsellor, or None."""
    row = connection.execute(
        select(*_SHARE).where(
            ShareRow.client_id == client_id, ShareRow.counsellor_id == counsellor_id
        )
    ).first()
    return None if row is None else _share(row)


def shares_of_client(connection: Connection, client_id: str) -> list[Share]:
    """The client's shares, oldest first."""
    rows = connection.execute(
        select(*_SHARE).where(ShareRow.client_id == client_id).order_by(ShareRow.created_at)
    )
    return [_share(row) for row in rows]


def shares_for_counsellor(connection: Connection, counsellor_id: str) -> list[Share]:
    """The shares made with a counsellor, oldest first."""
    rows = connection.execute(
        select(*_SHARE).where(ShareRow.counsellor_id == counsellor_id).order_by(ShareRow.created_at)
    )
    return [_share(row) for row in rows]


def set_summary(connection: Connection, share_id: str, sealed: bytes) -> None:
    connection.execute(
        update(ShareRow).where(ShareRow.id == share_id).values(summary_sealed=sealed)
    )


def delete_share(connection: Connection, share_id: str) -> bool:
    """Remove a share and its sealed summary; False when it was already gone."""
    result = connection.execute(delete(ShareRow).where(ShareRow.id == share_id))
    return result.rowcount == 1


def delete_expired(connection: Connection, now: datetime) -> int:
    """Remove every share whose time is up; how many."""
    result = connection.execute(delete(ShareRow).where(ShareRow.expires_at <= now))
    return int(result.rowcount)


def add_access(
    connection: Connection,
    client_id: str,
    counsellor_name: str,
    share_id: str,
    what: str,
    now: datetime,
) -> None:
    connection.execute(
        insert(ShareAccessRow).values(
            client_id=client_id,
            counsellor_name=counsellor_name,
            share_id=share_id,
            what=what,
            at=now,
        )
    )


def access_log(connection: Connection, client_id: str, share_id: str) -> list[Access]:
    """A client's record of reads of one share, oldest first."""
    rows = connection.execute(
        select(
            ShareAccessRow.share_id,
            ShareAccessRow.counsellor_name,
            ShareAccessRow.what,
            ShareAccessRow.at,
        )
        .where(ShareAccessRow.client_id == client_id, ShareAccessRow.share_id == share_id)
        .order_by(ShareAccessRow.at, ShareAccessRow.id)
    )
    return [Access(str(s), str(n), str(w), at) for s, n, w, at in rows]
