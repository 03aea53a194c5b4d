"""Counsellor shares in server mode, the client's side: a client shares chosen summaries with
a counsellor, who sees only those, only until the share is revoked or expires (PAIR-4, PAIR-5,
WEB-11). What the counsellor reads is in ``counsellor_shares``.

The summary is built in the client's session (only it can read the journal), sealed under
a random share key, and that key sealed to the client's and the counsellor's public keys;
the counsellor's session opens it and never touches the client's journal. Revoking deletes
the share with its sealed summary; every counsellor read is kept in the client's audit trail.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from reconnect.crypto import sealed_box
from reconnect.domain.share_summary import (
    NOT_A_DIAGNOSIS,
    Scope,
    ShareSummary,
    check_entry_ids,
    checkin_section,
    entry_section,
    marker_section,
    parse_scopes,
    practice_section,
    refuse_unsafe_entries,
    selfcheck_section,
    summary_to_json,
)
from reconnect.errors import ForbiddenError, InputError, NotFoundError
from reconnect.services.keypairs import own_key_pair, public_key_of
from reconnect.storage import accounts as account_rows
from reconnect.storage import shares as rows

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reconnect.domain.entries import Entry
    from reconnect.services.server import ServerServices
    from reconnect.services.sessions import ActiveSession
    from reconnect.storage.shares import Access, Share

DEFAULT_DAYS = 90
MAX_DAYS = 365
NO_COUNSELLOR = "There is no counsellor by that name."
NOT_FOUND = "Not found."


@dataclass(frozen=True, slots=True)
class ShareView:
    """A share as its client sees it."""

    id: str
    counsellor: str
    scopes: tuple[str, ...]
    entry_ids: tuple[int, ...]
    created_at: datetime
    expires_at: datetime


def refuse_admin(session: ActiveSession) -> None:
    """Raise ForbiddenError for an admin account: it has no journal to share or read."""
    if session.account.role == "admin":
        raise ForbiddenError("Admin accounts manage accounts; they have no journal here.")


def key_aad(share_id: str, account_id: str) -> bytes:
    """The associated data a share key is sealed under, for one of its two readers."""
    return f"share:{share_id}:{account_id}".encode()


def summary_aad(share_id: str) -> bytes:
    """The associated data a share's summary is sealed under."""
    return f"share-summary:{share_id}".encode()


def _entries(session: ActiveSession, ids: Sequence[int], *, skip_missing: bool) -> list[Entry]:
    from reconnect.analysis.harm import find_harm
    from reconnect.services.journal import get_entry

    found = []
    for entry_id in ids:
        try:
            found.append(get_entry(session.journal, entry_id))
        except NotFoundError:
            if skip_missing:
                continue  # deleted since it was shared: the client no longer keeps it
            raise InputError(f"there is no entry {entry_id} in your journal") from None
    refuse_unsafe_entries(found, [e.id for e in found if find_harm(e.text)])
    return found


def build_summary(
    server: ServerServices,
    session: ActiveSession,
    scopes: Sequence[Scope],
    entry_ids: Sequence[int],
    *,
    skip_missing: bool = False,
) -> ShareSummary:
    """The summary of the client's own journal within ``scopes``: what the counsellor sees.

    Raises InputError when a named entry is missing or holds crisis, concern or harm
    language (such writing is never sent to another person)."""
    from reconnect.domain.insights import checkin_weeks, facts_of, weekly_trends
    from reconnect.domain.markers import MARKER_NAMES
    from reconnect.services import practices, selfcheck
    from reconnect.services.checkins import list_checkins
    from reconnect.services.journal import list_entries

    journal, zone = session.journal, server.settings.zone
    sections: dict[str, Any] = {}
    if Scope.ENTRIES in scopes:  # first: a refused entry stops everything early
        sections["entries"] = entry_section(_entries(session, entry_ids, skip_missing=skip_missing))
    if Scope.SELFCHECKS in scopes:
        instrument = selfcheck.get_instrument()
        history = selfcheck.selfcheck_history(journal, instrument_id=instrument.id)
        sections["selfchecks"] = selfcheck_section(instrument, history)
    if Scope.CHECKIN_TRENDS in scopes:
        sections["checkin_trends"] = checkin_section(checkin_weeks(list_checkins(journal), zone))
    if Scope.MARKER_TRENDS in scopes:
        facts = facts_of(list_entries(journal), zone)
        sections["marker_trends"] = marker_section(weekly_trends(facts, MARKER_NAMES))
    if Scope.PRACTICES in scopes:
        titles = {p.id: p.title for p in practices.list_practices()}
        sections["practices"] = practice_section(practices.practice_history(journal), titles)
    return ShareSummary(
        made_at=server.clock().isoformat(),
        scopes=tuple(s.value for s in scopes),
        notice=NOT_A_DIAGNOSIS,
        **sections,
    )


def preview(
    server: ServerServices, session: ActiveSession, scopes: Sequence[str], entry_ids: Sequence[int]
) -> dict[str, Any]:
    """Exactly the summary JSON a counsellor would see for these scopes, made now."""
    refuse_admin(session)
    chosen = parse_scopes(scopes)
    ids = check_entry_ids(chosen, entry_ids)
    return summary_to_json(build_summary(server, session, chosen, ids))


def _counsellor_id(server: ServerServices, name: str, client_id: str) -> str:
    from reconnect.services.accounts import normalise_username

    try:
        username = normalise_username(name)
    except InputError:
        raise NotFoundError(NO_COUNSELLOR) from None
    with server.transaction() as connection:
        found = account_rows.find_by_name(connection, username)
    if found is None or found.role != "counsellor" or found.disabled or found.id == client_id:
        raise NotFoundError(NO_COUNSELLOR)
    return found.id


def _expiry(now: datetime, expires_at: datetime | None) -> datetime:
    if expires_at is None:
        return now + timedelta(days=DEFAULT_DAYS)
    if expires_at.tzinfo is None:
        raise InputError("expires_at needs a time zone, e.g. 2027-03-01T00:00:00Z")
    if expires_at <= now:
        raise InputError("expires_at must be in the future")
    if expires_at > now + timedelta(days=MAX_DAYS):
        raise InputError(f"a share lasts at most {MAX_DAYS} days")
    return expires_at


def _seal(
    share_id: str, client: tuple[str, bytes], counsellor: tuple[str, bytes], summary: ShareSummary
) -> tuple[bytes, bytes, bytes]:
    key = secrets.token_bytes(32)
    body = json.dumps(summary_to_json(summary)).encode()
    return (
        sealed_box.seal_to(client[1], key, key_aad(share_id, client[0])),
        sealed_box.seal_to(counsellor[1], key, key_aad(share_id, counsellor[0])),
        sealed_box.seal_with(key, body, summary_aad(share_id)),
    )


def create_share(
    server: ServerServices,
    session: ActiveSession,
    counsellor: str,
    scopes: Sequence[str],
    entry_ids: Sequence[int] = (),
    expires_at: datetime | None = None,
) -> ShareView:
    """Share the chosen scopes with a counsellor until ``expires_at`` (default 90 days, at
    most a year); a client's earlier share with the same counsellor is replaced."""
    refuse_admin(session)
    me = session.account.id
    chosen = parse_scopes(scopes)
    ids = check_entry_ids(chosen, entry_ids)
    now = server.clock()
    until = _expiry(now, expires_at)
    counsellor_id = _counsellor_id(server, counsellor, me)
    their_public = public_key_of(server, counsellor_id)
    if their_public is None:
        raise InputError(
            "that counsellor cannot receive shares yet", hint="Ask them to log in once first."
        )
    summary = build_summary(server, session, chosen, ids)
    _, my_public = own_key_pair(server, session)
    share_id = uuid.uuid4().hex
    key_client, key_counsellor, sealed = _seal(
        share_id, (me, my_public), (counsellor_id, their_public), summary
    )
    share = rows.Share(
        share_id, me, counsellor_id, summary.scopes, ids, key_client, key_counsellor, sealed, now,
        until,
    )  # fmt: skip
    with server.transaction() as connection:
        rows.replace_share(connection, share)
        account_rows.add_audit(connection, "share.created", now, account_id=me)
    return _view(server, share)


def _view(server: ServerServices, share: Share) -> ShareView:
    with server.transaction() as connection:
        counsellor = account_rows.find_by_id(connection, share.counsellor_id)
    name = counsellor.username if counsellor else ""
    return ShareView(
        share.id, name, share.scopes, share.entry_ids, share.created_at, share.expires_at
    )


def live_share(server: ServerServices, share: Share | None) -> Share | None:
    """The share unless its time is up; an expired share is deleted as it is found."""
    if share is None:
        return None
    if share.expires_at <= server.clock():
        with server.transaction() as connection:
            rows.delete_share(connection, share.id)
        return None
    return share


def _own_share(server: ServerServices, session: ActiveSession, share_id: str) -> Share:
    refuse_admin(session)
    with server.transaction() as connection:
        found = rows.get_share(connection, share_id)
    share = live_share(server, found)
    if share is None or share.client_id != session.account.id:
        raise NotFoundError(NOT_FOUND)
    return share


def list_shares(server: ServerServices, session: ActiveSession) -> list[ShareView]:
    """The client's live shares, oldest first."""
    refuse_admin(session)
    with server.transaction() as connection:
        found = rows.shares_of_client(connection, session.account.id)
    return [_view(server, s) for s in found if live_share(server, s) is not None]


def refresh_share(server: ServerServices, session: ActiveSession, share_id: str) -> ShareView:
    """Build the share's summary again from the journal as it is now (entries deleted
    since are left out), under a new share key."""
    share = _own_share(server, session, share_id)
    chosen = parse_scopes(share.scopes)
    summary = build_summary(server, session, chosen, share.entry_ids, skip_missing=True)
    their_public = public_key_of(server, share.counsellor_id)
    _, my_public = own_key_pair(server, session)
    assert their_public is not None  # the share was sealed to it
    key_client, key_counsellor, sealed = _seal(
        share.id, (share.client_id, my_public), (share.counsellor_id, their_public), summary
    )
    from dataclasses import replace

    renewed = replace(
        share, key_for_client=key_client, key_for_counsellor=key_counsellor, summary_sealed=sealed
    )
    with server.transaction() as connection:
        if rows.get_share(connection, share.id) is None:
            raise NotFoundError(NOT_FOUND)  # revoked meanwhile
        rows.replace_share(connection, renewed)
    return _view(server, renewed)


def revoke_share(server: ServerServices, session: ActiveSession, share_id: str) -> None:
    """End a share at once: it and its sealed summary are deleted; the access log stays."""
    share = _own_share(server, session, share_id)
    with server.transaction() as connection:
        rows.delete_share(connection, share.id)
        account_rows.add_audit(
            connection, "share.revoked", server.clock(), account_id=session.account.id
        )


def access_log(server: ServerServices, session: ActiveSession, share_id: str) -> list[Access]:
    """Every counsellor read of one of the client's shares, oldest first (kept after the
    share ends); NotFoundError when the client never had such a share."""
    refuse_admin(session)
    with server.transaction() as connection:
        found = rows.access_log(connection, session.account.id, share_id)
        share = rows.get_share(connection, share_id)
    if not found and (share is None or share.client_id != session.account.id):
        raise NotFoundError(NOT_FOUND)
    return found
