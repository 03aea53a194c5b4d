"""Counsellor shares in server mode, the counsellor's side: the clients who share with a
counsellor, and each one's sealed summary opened in the counsellor's session, every read
logged for the client (PAIR-4, PAIR-5, WEB-11). The client's side is in ``shares``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reconnect.crypto import sealed_box
from reconnect.domain.share_summary import (
    NOT_A_DIAGNOSIS,
    ShareSummary,
    summary_from_json,
    summary_to_json,
)
from reconnect.errors import NotFoundError
from reconnect.services.keypairs import own_key_pair
from reconnect.services.shares import NOT_FOUND, key_aad, live_share, refuse_admin, summary_aad
from reconnect.storage import accounts as account_rows
from reconnect.storage import shares as rows

if TYPE_CHECKING:
    from reconnect.reports.report_data import ReportData
    from reconnect.services.server import ServerServices
    from reconnect.services.sessions import ActiveSession
    from reconnect.storage.shares import Share


@dataclass(frozen=True, slots=True)
class ClientView:
    """A client as their counsellor sees them in the list."""

    id: str
    name: str
    scopes: tuple[str, ...]
    expires_at: datetime


def _as_counsellor(session: ActiveSession) -> None:
    refuse_admin(session)
    if session.account.role != "counsellor":
        raise NotFoundError(NOT_FOUND)


def _log(server: ServerServices, session: ActiveSession, share: Share, what: str) -> None:
    with server.transaction() as connection:
        rows.add_access(
            connection, share.client_id, session.account.username, share.id, what, server.clock()
        )


def list_clients(server: ServerServices, session: ActiveSession) -> list[ClientView]:
    """The counsellor's clients with a live share (each listing is logged for the client)."""
    _as_counsellor(session)
    with server.transaction() as connection:
        found = rows.shares_for_counsellor(connection, session.account.id)
    out = []
    for share in found:
        if live_share(server, share) is None:
            continue
        with server.transaction() as connection:
            client = account_rows.find_by_id(connection, share.client_id)
        if client is None:
            continue
        _log(server, session, share, "list")
        out.append(ClientView(client.id, client.username, share.scopes, share.expires_at))
    return out


def _client_summary(
    server: ServerServices, session: ActiveSession, client_id: str, what: str
) -> ShareSummary:
    _as_counsellor(session)
    with server.transaction() as connection:
        found = rows.share_between(connection, client_id, session.account.id)
    share = live_share(server, found)
    if share is None or share.summary_sealed is None:
        raise NotFoundError(NOT_FOUND)
    private, _ = own_key_pair(server, session)
    key = sealed_box.open_sealed(
        private, share.key_for_counsellor, key_aad(share.id, session.account.id)
    )
    body = sealed_box.open_with(key, share.summary_sealed, summary_aad(share.id))
    _log(server, session, share, what)
    return summary_from_json(json.loads(body))


def client_summary(
    server: ServerServices, session: ActiveSession, client_id: str
) -> dict[str, Any]:
    """A client's shared summary, as JSON data, for their counsellor only (logged)."""
    return summary_to_json(_client_summary(server, session, client_id, "summary"))


def client_name(server: ServerServices, session: ActiveSession, client_id: str) -> str:
    """The username of a client who shares with this counsellor now (what ``list_clients``
    names them), for the heading of their summary; NotFoundError when nothing is shared.
    Not logged: the read it heads is."""
    _as_counsellor(session)
    with server.transaction() as connection:
        found = rows.share_between(connection, client_id, session.account.id)
    share = live_share(server, found)
    client = None
    if share is not None:
        with server.transaction() as connection:
            client = account_rows.find_by_id(connection, share.client_id)
    if client is None:
        raise NotFoundError(NOT_FOUND)
    return client.username


def client_report(
    server: ServerServices, session: ActiveSession, client_id: str, kind: str
) -> ReportData:
    """The between-sessions report of a client's shared summary (logged as ``report.<kind>``),
    for the report writers, titled with the client's name; sections outside the scopes are
    empty."""
    from dataclasses import replace

    report = _report_of(_client_summary(server, session, client_id, f"report.{kind}"))
    title = (
        f"Between-sessions report: what {client_name(server, session, client_id)} chose to share"
    )
    return replace(report, voice=replace(report.voice, title=title))


def _report_of(summary: ShareSummary) -> ReportData:
    """The summary in the single-user report's shape; what it does not hold stays empty."""
    from reconnect.contracts import InsightsOut, SelfCheckResultOut
    from reconnect.contracts.insights import CheckInWeekOut, WeekOut
    from reconnect.contracts.selfcheck import DimensionOut
    from reconnect.domain.entries import Entry
    from reconnect.domain.practices import PracticeLog
    from reconnect.domain.selfcheck_choices import Perspective
    from reconnect.reports.report_data import ReportData, counsellor_voice

    selfchecks = [
        SelfCheckResultOut(
            id=0, taken_at=datetime.fromisoformat(r.taken_at), instrument="",
            instrument_version=0, perspective=Perspective(r.perspective),
            dimensions={
                k: DimensionOut(
                    name=d.name, score=d.score, band=None, band_label=d.band, band_text=None,
                    answered=0, total=0,
                )
                for k, d in r.dimensions.items()
            },
            seek_help=[], contrast=[], missing=[], missing_rule="", disclaimer=NOT_A_DIAGNOSIS,
        )
        for r in summary.selfchecks or ()
    ]  # fmt: skip
    weekly = [
        WeekOut(week_start=w.week_start, entries=0, marker_rates=w.marker_rates,
                mean_valence=0.0, mean_granularity=0.0)
        for w in summary.marker_trends or ()
    ]  # fmt: skip
    checkins = [
        CheckInWeekOut(week_start=w.week_start, checkins=w.checkins,
                       mean_pleasantness=w.mean_pleasantness, mean_energy=w.mean_energy,
                       mean_granularity=0.0, cannot_name=0)
        for w in summary.checkin_trends or ()
    ]  # fmt: skip
    insights = InsightsOut(
        entries=0, weekly=weekly, checkins_weekly=checkins, associations={}, streaks={},
        summary="", method="", seek_help=[], disclaimer=NOT_A_DIAGNOSIS,
    )  # fmt: skip
    practices = [
        PracticeLog(id=0, practice_id=g.title, done_at=datetime.fromisoformat(g.done_at))
        for g in summary.practices or ()
    ]
    entries = [
        Entry(id=e.id, written_at=(at := datetime.fromisoformat(e.written_at)), updated_at=at,
              text=e.text)
        for e in summary.entries or ()
    ]  # fmt: skip
    return ReportData(
        created_at=datetime.fromisoformat(summary.made_at),
        since=None,
        selfchecks=selfchecks,
        insights=insights,
        practices=practices,
        entries=entries,
        disclaimer=NOT_A_DIAGNOSIS,
        voice=counsellor_voice(summary.scopes),
    )
