"""Counsellor share pages (server mode): a client chooses what to share, previews exactly
what the counsellor will see, shares, reads who looked and stops sharing; a counsellor
lists their clients and reads one client's summary within the shared scopes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reconnect.domain.share_summary import Scope, summary_from_json
from reconnect.errors import InputError, NotFoundError, ReconnectError
from reconnect.services import counsellor_shares, shares
from reconnect.web.deps import render
from reconnect.web.member_session import Opened  # noqa: TC001 - FastAPI reads it

if TYPE_CHECKING:
    from reconnect.domain.entries import Entry
    from reconnect.domain.share_summary import ShareSummary
    from reconnect.services.server import ServerServices
    from reconnect.services.sessions import ActiveSession

router = APIRouter()
ShareId = Annotated[str, Path(max_length=32)]
ClientId = Annotated[str, Path(max_length=32)]
NO_STORE = {"Cache-Control": "no-store"}  # nothing shared may outlive a revocation in a cache
RECENT_ENTRIES = 20
FORM_FIELDS = 64  # counsellor, expiry, 5 scopes, at most 50 entries, the CSRF token
SCOPES = {
    Scope.SELFCHECKS: (
        "Self-check results",
        "The score and band of each part of every self-check you took. Not your answers.",
    ),
    Scope.CHECKIN_TRENDS: (
        "Mood check-ins, week by week",
        "How many check-ins you made each week, and how pleasant and energetic you felt on "
        "average. Not your notes.",
    ),
    Scope.MARKER_TRENDS: (
        "Signs in your writing, week by week",
        "How often your entries showed each sign the app looks for. Not the entries themselves.",
    ),
    Scope.PRACTICES: (
        "Practices you did",
        "Which practices you did, and when. Not your reflections.",
    ),
    Scope.ENTRIES: (
        "Entries you choose",
        "The date and full text of the entries you tick below, and no others.",
    ),
}
NOTES = {
    "shared": "Shared. Your counsellor can now see what you previewed.",
    "stopped": "Sharing has stopped. Your counsellor can no longer see anything you shared.",
}
ACCESS_WORDS = {
    "list": "Saw your name in their list of clients",
    "summary": "Read your summary",
    "report.html": "Downloaded the report (HTML)",
    "report.pdf": "Downloaded the report (PDF)",
}
GONE_HINT = (
    "A share ends when the client stops sharing or when it expires; "
    "nothing of it can be seen afterwards."
)


@dataclass(frozen=True, slots=True)
class ShareChoice:
    """What the share form asked for, as typed (kept to fill the form in again)."""

    counsellor: str = ""
    scopes: tuple[str, ...] = ()
    entry_ids: tuple[int, ...] = ()
    expires_on: str = ""


def _today(server: ServerServices) -> date:
    return server.clock().astimezone(server.settings.zone).date()


def _last_day(server: ServerServices, until: datetime) -> str:
    """The last day a share can be read, in the server's zone (e.g. "7 March 2027")."""
    day = (until - timedelta(microseconds=1)).astimezone(server.settings.zone).date()
    return f"{day.day} {day:%B %Y}"


COUNSELLOR_TITLES = {
    Scope.SELFCHECKS: "self-check results",
    Scope.CHECKIN_TRENDS: "mood check-ins, week by week",
    Scope.MARKER_TRENDS: "signs in the writing, week by week",
    Scope.PRACTICES: "practices done",
    Scope.ENTRIES: "entries the client chose",
}


def _scope_titles(names: tuple[str, ...], *, counsellor: bool = False) -> list[str]:
    """The scopes' names as the client (or, with ``counsellor``, the counsellor) reads them."""
    if counsellor:
        titles = {s.value: t for s, t in COUNSELLOR_TITLES.items()}
    else:
        titles = {s.value: title for s, (title, _) in SCOPES.items()}
    return [titles.get(n, n) for n in names]


async def _share_form(request: Request) -> ShareChoice:
    """The posted share form (the CSRF token left out); entry ids that are not whole
    numbers are dropped, everything else is checked by the service."""
    form = await request.form(max_files=0, max_fields=FORM_FIELDS)
    text = {k: [v for v in form.getlist(k) if isinstance(v, str)] for k in form}
    ids = [int(v) for v in text.get("entry_ids", [])[:50] if v.isdigit() and len(v) < 19]
    return ShareChoice(
        counsellor=(text.get("counsellor") or [""])[0][:64],
        scopes=tuple(v[:32] for v in text.get("scopes", [])[:5]),
        entry_ids=tuple(dict.fromkeys(ids)),
        expires_on=(text.get("expires_on") or [""])[0][:10],
    )


def _expiry(server: ServerServices, expires_on: str) -> datetime:
    """The end of the chosen day in the server's zone (a year from now at most)."""
    try:
        day = date.fromisoformat(expires_on)
    except ValueError:
        raise InputError("Choose the last day your counsellor may see this.") from None
    today = _today(server)
    if day < today:
        raise InputError("Choose a last day from today on.")
    if day > today + timedelta(days=shares.MAX_DAYS - 1):
        raise InputError(f"A share lasts at most {shares.MAX_DAYS} days.")
    zone = server.settings.zone
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return min(end, server.clock() + timedelta(days=shares.MAX_DAYS))


def _shareable(session: ActiveSession) -> list[Entry]:
    """The client's most recent entries, newest first, without those about a crisis or a
    concern (the service refuses to send them to anyone)."""
    from reconnect.services.journal import list_entries

    recent = list_entries(session.journal)[::-1]
    return [e for e in recent if not (e.crisis or e.concern)][:RECENT_ENTRIES]


def _shares_page(
    request: Request,
    server: ServerServices,
    session: ActiveSession,
    choice: ShareChoice | None = None,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    today = _today(server)
    found = shares.list_shares(server, session)
    context: dict[str, Any] = {
        "shares": [
            {
                "id": s.id,
                "counsellor": s.counsellor,
                "scopes": _scope_titles(s.scopes),
                "entries": len(s.entry_ids),
                "until": _last_day(server, s.expires_at),
            }
            for s in found
        ],
        "scopes": [(s.value, *SCOPES[s]) for s in Scope],
        "entries": _shareable(session),
        "choice": choice
        or ShareChoice(expires_on=(today + timedelta(days=shares.DEFAULT_DAYS)).isoformat()),
        "today": today.isoformat(),
        "last": (today + timedelta(days=shares.MAX_DAYS - 1)).isoformat(),
        "note": None,
        "error": None,
        "hint": None,
    }
    context.update(extra)
    return render(request, "shares/index.html", context, status_code=status_code)


def _error_page(
    request: Request,
    server: ServerServices,
    session: ActiveSession,
    choice: ShareChoice,
    exc: ReconnectError,
) -> Response:
    """The shares page again with the choices kept and the service's message shown."""
    return _shares_page(
        request, server, session, choice, exc.http_status, error=exc.message, hint=exc.hint
    )


def _check_counsellor(server: ServerServices, name: str) -> None:
    """NotFoundError unless ``name`` is a counsellor who can receive a share."""
    from reconnect.services.accounts import find_account

    try:
        account = find_account(server, name)
    except NotFoundError:
        raise NotFoundError(shares.NO_COUNSELLOR) from None
    if account.role != "counsellor" or account.disabled:
        raise NotFoundError(shares.NO_COUNSELLOR)


def _prefill(request: Request) -> ShareChoice | None:
    """The choices the preview's "Back" sends back to the form (None when there are none)."""
    query = request.query_params
    if "counsellor" not in query:
        return None
    ids = [int(v) for v in query.getlist("entry_ids")[:50] if v.isdigit() and len(v) < 19]
    return ShareChoice(
        counsellor=query["counsellor"][:64],
        scopes=tuple(v[:32] for v in query.getlist("scopes")[:5]),
        entry_ids=tuple(dict.fromkeys(ids)),
        expires_on=query.get("expires_on", "")[:10],
    )


@router.get("/shares", response_class=HTMLResponse)
def shares_page(request: Request, opened: Opened, done: str = "") -> Response:
    server, session = opened
    return _shares_page(request, server, session, _prefill(request), note=NOTES.get(done))


@router.post("/shares/preview", response_class=HTMLResponse)
def preview_share(
    request: Request, choice: Annotated[ShareChoice, Depends(_share_form)], opened: Opened
) -> Response:
    """Exactly what the counsellor would see, made now from the journal, before sharing."""
    server, session = opened
    try:
        until = _expiry(server, choice.expires_on)
        _check_counsellor(server, choice.counsellor)
        summary = shares.preview(server, session, choice.scopes, choice.entry_ids)
    except ReconnectError as exc:
        return _error_page(request, server, session, choice, exc)
    context = {
        "choice": choice,
        "summary": summary_from_json(summary),
        "until": _last_day(server, until),
    }
    page = render(request, "shares/preview.html", context)
    page.headers.update(NO_STORE)
    return page


@router.post("/shares", response_class=HTMLResponse)
def create_share(
    request: Request, choice: Annotated[ShareChoice, Depends(_share_form)], opened: Opened
) -> Response:
    server, session = opened
    try:
        until = _expiry(server, choice.expires_on)
        shares.create_share(
            server, session, choice.counsellor, choice.scopes, choice.entry_ids, until
        )
    except ReconnectError as exc:
        return _error_page(request, server, session, choice, exc)
    return RedirectResponse("/shares?done=shared", status_code=303)


@router.post("/shares/{share_id}/revoke")
def revoke_share(share_id: ShareId, opened: Opened) -> Response:
    """Stop sharing at once: the counsellor's very next request finds nothing."""
    server, session = opened
    shares.revoke_share(server, session, share_id)
    return RedirectResponse("/shares?done=stopped", status_code=303)


@router.get("/shares/{share_id}/access", response_class=HTMLResponse)
def share_access(share_id: ShareId, request: Request, opened: Opened) -> Response:
    """Every time the counsellor looked at this share (kept after it ends)."""
    server, session = opened
    found = shares.access_log(server, session, share_id)
    live = {s.id: s for s in shares.list_shares(server, session)}.get(share_id)
    zone = server.settings.zone
    reads = [
        {"counsellor": a.counsellor_name, "what": a.what, "at": a.at.astimezone(zone)}
        for a in reversed(found)
    ]
    context = {
        "reads": reads,
        "share": live,
        "until": _last_day(server, live.expires_at) if live else None,
        "what": ACCESS_WORDS,
    }
    return render(request, "shares/access.html", context)


@router.get("/clients", response_class=HTMLResponse)
def clients_page(request: Request, opened: Opened) -> Response:
    server, session = opened
    found = counsellor_shares.list_clients(server, session)
    clients = [
        {
            "id": c.id,
            "name": c.name,
            "scopes": _scope_titles(c.scopes, counsellor=True),
            "until": _last_day(server, c.expires_at),
        }
        for c in found
    ]
    page = render(request, "shares/clients.html", {"clients": clients})
    page.headers.update(NO_STORE)
    return page


@router.get("/clients/{client_id}", response_class=HTMLResponse)
def client_page(client_id: ClientId, request: Request, opened: Opened) -> Response:
    """One client's summary within the scopes they chose, headed by their name; 404 once the
    share has ended."""
    server, session = opened
    try:
        summary: ShareSummary = summary_from_json(
            counsellor_shares.client_summary(server, session, client_id)
        )
        name = counsellor_shares.client_name(server, session, client_id)
    except NotFoundError as exc:
        raise NotFoundError(exc.message, hint=GONE_HINT) from None
    context = {
        "client_id": client_id,
        "name": name,
        "summary": summary,
        "scope_titles": _scope_titles(summary.scopes, counsellor=True),
    }
    page = render(request, "shares/client.html", context)
    page.headers.update(NO_STORE)
    return page
