"""Couple pages (server mode): pair with a code, answer the weekly check-in, read it
together, read what the partner shared, share an entry, and unpair after a confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reconnect.contracts import abuse_help_out
from reconnect.domain.couple_checkin import iso_week
from reconnect.domain.selfcheck import band_for
from reconnect.errors import InputError, NotFoundError, ReconnectError
from reconnect.services import couple_checkins, couple_pattern, couple_sharing, couples
from reconnect.services.selfcheck import get_instrument
from reconnect.web.deps import active_session, render, server_of
from reconnect.web.member_session import OpenedMember  # noqa: TC001 - FastAPI reads it

if TYPE_CHECKING:
    from reconnect.domain.couple_selfchecks import ViewRow
    from reconnect.services.server import ServerServices
    from reconnect.services.sessions import ActiveSession

router = APIRouter()
EntryId = Annotated[int, Path(ge=1, le=2**63 - 1)]
NOTES = {
    "joined": "You are paired. Nothing has been shared yet.",
    "answered": "Your answers are saved. They stay hidden until you have both answered.",
    "unpaired": "The pairing has ended. Shared entries and check-ins are deleted for both of you.",
    "views_shared": "Your self-check scores are shared. They are shown once you have both agreed.",
    "views_stopped": "Your self-check scores are no longer shared. Nothing is shown side by side.",
}
AGREE = {"yes": couple_sharing.share_selfchecks, "no": couple_sharing.unshare_selfchecks}
FORM_FIELDS = 40  # the check-in has 7 questions; the CSRF token is one more field


def _this_week(server: ServerServices) -> str:
    return iso_week(server.clock(), server.settings.zone)


def entry_share_context(request: Request, entry_id: int, done: str = "") -> dict[str, Any]:
    """For the journal's entry page: ``partner`` (None when not paired or not in server
    mode), ``shared`` (whether the entry is shared now) and ``done`` (what just changed)."""
    server = server_of(request)
    if server is None:
        return {"partner": None, "shared": False, "done": None}
    session = active_session(request)
    try:
        if session.account.role == "admin":
            return {"partner": None, "shared": False, "done": None}
        partner = couples.partner_name(server, session)
        shared = partner is not None and couple_sharing.is_shared(server, session, entry_id)
    finally:
        session.close()
    return {"partner": partner, "shared": shared, "done": done if done in SHARE_DONE else None}


SHARE_DONE = ("shared", "unshared")


def _context(server: ServerServices, session: ActiveSession, **extra: Any) -> dict[str, Any]:
    found = couples.status(server, session)
    context: dict[str, Any] = {
        "status": found,
        "partner": found.partner or "your partner",
        "view": None,
        "entries": [],
        "questions": couple_checkins.questions(),
        "given": {},
        "code": None,
        "note": None,
        "error": None,
        "hint": None,
        "abuse": None,
        "pattern": None,
        "views": None,
    }
    if found.paired:
        context["view"] = couple_checkins.week_view(server, session, _this_week(server))
        context["entries"] = couple_sharing.partner_entries(server, session)
        if not found.paused:
            context["pattern"] = couple_pattern.pattern(server, session)
            context["views"] = _views(couple_sharing.selfchecks_side_by_side(server, session))
    context.update(extra)
    return context


def _in_words(score: float | None) -> str:
    """A shared score as the self-check's own band words, e.g. "Some signs (38 of 100)"."""
    if score is None:
        return "No score"
    band = band_for(get_instrument().bands, score)
    return f"{band.label} ({score:.0f} of 100)"


def _views(found: couple_sharing.SideBySide) -> dict[str, Any]:
    """The side-by-side view for the template: nothing of the partner's scores until both
    agreed (``shown`` False), then each row's two views in words."""

    def rows(views: tuple[ViewRow, ...]) -> list[dict[str, str]]:
        return [
            {"name": r.name, "own": _in_words(r.own_view), "other": _in_words(r.partner_view)}
            for r in views
        ]

    shown = found.status == "shown"
    return {
        "shown": shown,
        "mine_shared": found.mine_shared,
        "about_me": rows(found.about_me) if shown else [],
        "about_partner": rows(found.about_partner) if shown else [],
        "note": found.note,
    }


def _page(
    request: Request,
    server: ServerServices,
    session: ActiveSession,
    status_code: int = 200,
    **extra: Any,
) -> Response:
    return render(
        request, "couple/index.html", _context(server, session, **extra), status_code=status_code
    )


def _error_page(
    request: Request,
    server: ServerServices,
    session: ActiveSession,
    exc: ReconnectError,
    **extra: Any,
) -> Response:
    """The couple page again, with the service's message in place of a traceback."""
    page = _page(
        request, server, session, exc.http_status, error=exc.message, hint=exc.hint, **extra
    )
    if isinstance(exc, couples.TooManyTriesError):
        page.headers["Retry-After"] = str(exc.retry_after)
    return page


@router.get("/couple", response_class=HTMLResponse)
def couple_page(request: Request, opened: OpenedMember, done: str = "") -> Response:
    server, session = opened
    return _page(request, server, session, note=NOTES.get(done))


@router.post("/couple/invite", response_class=HTMLResponse)
def make_invite(request: Request, opened: OpenedMember) -> Response:
    server, session = opened
    try:
        code = couples.invite(server, session)
    except ReconnectError as exc:
        return _error_page(request, server, session, exc)
    return _page(request, server, session, code=f"{code[:4]} {code[4:]}")


@router.post("/couple/join", response_class=HTMLResponse)
def join(
    request: Request, opened: OpenedMember, code: Annotated[str, Form(max_length=32)] = ""
) -> Response:
    server, session = opened
    try:
        couples.join(server, session, code)
    except ReconnectError as exc:
        return _error_page(request, server, session, exc)
    return RedirectResponse("/couple?done=joined", status_code=303)


async def _checkin_form(request: Request) -> dict[str, str]:
    """The posted check-in fields, as text (the CSRF token left out)."""
    form = await request.form(max_files=0, max_fields=FORM_FIELDS)
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


def _answers(given: dict[str, str]) -> dict[str, object]:
    """The form's text as the service's answers: scale choices as whole numbers."""
    raw: dict[str, object] = {}
    for question in couple_checkins.questions():
        value = given.get(question.id)
        if question.kind == "scale":
            if not value:
                raise InputError(
                    "Choose an answer for every scale question.",
                    hint="The two written questions may stay empty.",
                )
            raw[question.id] = int(value) if value.isdigit() else value
        elif value is not None:
            raw[question.id] = value
    unknown = sorted(set(given) - {q.id for q in couple_checkins.questions()})
    for name in unknown:
        raw[name] = given[name]
    return raw


@router.post("/couple/checkin", response_class=HTMLResponse)
def answer_checkin(
    request: Request,
    opened: OpenedMember,
    given: Annotated[dict[str, str], Depends(_checkin_form)],
) -> Response:
    server, session = opened
    try:
        _, harm = couple_checkins.answer(server, session, _answers(given))
    except ReconnectError as exc:
        return _error_page(request, server, session, exc, given=given)
    if harm:
        texts = " ".join(
            given.get(q.id, "") for q in couple_checkins.questions() if q.kind == "text"
        )
        abuse = abuse_help_out(texts, server.settings.country)
        return _page(request, server, session, abuse=abuse)
    return RedirectResponse("/couple?done=answered", status_code=303)


@router.post("/couple/selfchecks", response_class=HTMLResponse)
def agree_to_side_by_side(
    request: Request, opened: OpenedMember, agree: Annotated[str, Form(max_length=3)] = ""
) -> Response:
    """Agree (``yes``) or stop agreeing (``no``) to show one's self-check scores beside the
    partner's; anything else is refused on the page (422)."""
    server, session = opened
    try:
        action = AGREE.get(agree)
        if action is None:
            raise InputError(
                "Choose whether to show your self-check scores side by side.",
                hint='Use the buttons under "Self-checks side by side".',
            )
        action(server, session)
    except ReconnectError as exc:
        return _error_page(request, server, session, exc)
    done = "views_shared" if agree == "yes" else "views_stopped"
    return RedirectResponse(f"/couple?done={done}", status_code=303)


@router.get("/couple/unpair", response_class=HTMLResponse)
def unpair_page(request: Request, opened: OpenedMember) -> Response:
    """Say what unpairing deletes, for both, before it happens."""
    server, session = opened
    partner = couples.partner_name(server, session)
    if partner is None:
        raise NotFoundError("You are not paired.", hint="Pair with an invite code first.")
    return render(request, "couple/unpair.html", {"partner": partner})


@router.post("/couple/unpair", response_class=HTMLResponse)
def unpair(
    request: Request, opened: OpenedMember, confirm: Annotated[str, Form(max_length=3)] = ""
) -> Response:
    """Unpair only when the confirmation page said so; otherwise go and ask."""
    if confirm != "yes":
        return RedirectResponse("/couple/unpair", status_code=303)
    server, session = opened
    try:
        couples.unpair(server, session)
    except ReconnectError as exc:
        return _error_page(request, server, session, exc)
    return RedirectResponse("/couple?done=unpaired", status_code=303)


@router.post("/couple/share/{entry_id}")
def share_entry(entry_id: EntryId, opened: OpenedMember) -> Response:
    server, session = opened
    couple_sharing.share_entry(server, session, entry_id)
    return RedirectResponse(f"/journal/entries/{entry_id}?done=shared", status_code=303)


@router.post("/couple/unshare/{entry_id}")
def unshare_entry(entry_id: EntryId, opened: OpenedMember) -> Response:
    server, session = opened
    couple_sharing.unshare_entry(server, session, entry_id)
    return RedirectResponse(f"/journal/entries/{entry_id}?done=unshared", status_code=303)
