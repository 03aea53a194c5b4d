"""Each account's X25519 key pair, for keys shared with a partner or a counsellor.

The public half is in the clear; the private half is sealed under a key derived from the
account's journal master key, so only that person's live session can open it. Made at
login (so a counsellor has one before any client shares), or at the first need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.crypto import sealed_box
from reconnect.crypto import sessions as keys
from reconnect.services import vault
from reconnect.storage import couples as rows

if TYPE_CHECKING:
    from reconnect.services.server import ServerServices
    from reconnect.services.sessions import ActiveSession


def own_key_pair(server: ServerServices, session: ActiveSession) -> tuple[bytes, bytes]:
    """(private, public) key of the session's account, made at its first need."""
    return key_pair_for(server, session.account.id, vault.master_key_of(session.journal))


def key_pair_for(server: ServerServices, account_id: str, master: bytes) -> tuple[bytes, bytes]:
    """(private, public) key of an account whose journal master key is in hand."""
    with server.transaction() as connection:
        found = rows.account_key(connection, account_id)
        if found is None:
            private, public = sealed_box.new_key_pair()
            sealed = keys.seal_private_key(master, account_id, private)
            rows.add_account_key(connection, account_id, public, sealed, server.clock())
            return private, public
    public, sealed = found
    return keys.open_private_key(master, account_id, sealed), public


def public_key_of(server: ServerServices, account_id: str) -> bytes | None:
    """Another account's public key, or None if it has never needed one (it is made at
    that account's first pairing or share, or at its next login)."""
    with server.transaction() as connection:
        found = rows.account_key(connection, account_id)
    return None if found is None else found[0]
