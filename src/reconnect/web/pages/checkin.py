"""The check-in page: the mood meter, named feelings in four quadrants, an optional note."""

from contextlib import suppress
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reconnect.contracts import resources_if
from reconnect.domain.checkins import SCALE_MAX, SCALE_MIN, quadrant_of
from reconnect.domain.safety import SafetyAnswer
from reconnect.errors import InputError, LockedError, NotFoundError
from reconnect.services import checkins
from reconnect.services.safety_checks import answer_checkin_check
from reconnect.web.deps import ServicesDep, after_private_writing, render
from reconnect.web.pages.drafts import Draft, unlock_to_save

router = APIRouter()
PICK_A_SQUARE = "Choose a square on the mood meter."


def mood_meter() -> list[list[tuple[int, int, str]]]:
    """The meter's rows, highest energy first; each cell is (pleasantness, energy, quadrant)."""
    scale = range(SCALE_MIN, SCALE_MAX + 1)
    return [[(p, e, quadrant_of(p, e)) for p in scale] for e in reversed(scale)]


def mood_point(mood: str) -> tuple[int, int]:
    """A mood-meter cell's value, "pleasantness,energy" (x then y), as two numbers.

    The range is the service's to check.

    >>> mood_point("3,7")
    (3, 7)
    """
    pleasantness, comma, energy = mood.partition(",")
    if not comma or not all(part.isascii() and part.isdigit() for part in (pleasantness, energy)):
        raise InputError(PICK_A_SQUARE)
    return int(pleasantness), int(energy)


@router.get("/checkin", response_class=HTMLResponse)
def checkin_page(request: Request, services: ServicesDep, saved: int | None = None) -> HTMLResponse:
    last = None
    if saved is not None:
        last = next((c for c in checkins.list_checkins(services) if c.id == saved), None)
    country = request.app.state.settings.country
    context = {
        "quadrants": checkins.feelings_vocabulary(),
        "meter": mood_meter(),
        "saved": last,
        "resources": resources_if(bool(last and last.crisis), country),
    }
    return render(request, "checkin/index.html", context)


@router.post("/checkin", response_class=HTMLResponse)
def record(
    request: Request,
    services: ServicesDep,
    mood: Annotated[str, Form(max_length=5)] = "",
    pleasantness: Annotated[int | None, Form()] = None,
    energy: Annotated[int | None, Form()] = None,
    feeling: Annotated[list[str] | None, Form(max_length=12)] = None,
    note: Annotated[str, Form(max_length=2_000)] = "",
) -> Response:
    """Save a check-in: the page sends one mood-meter cell; scripts may send the two numbers.

    If the journal locked itself meanwhile, the unlock page carries the check-in and
    unlocking saves it.
    """
    if mood:
        pleasantness, energy = mood_point(mood)
    if pleasantness is None or energy is None:
        raise InputError(PICK_A_SQUARE)
    try:
        saved = checkins.record_checkin(
            services, pleasantness=pleasantness, energy=energy, feelings=feeling or [], note=note
        )
    except LockedError:
        draft = Draft("checkin", note, pleasantness, energy, tuple(feeling or ()))
        return unlock_to_save(request, draft)
    after_private_writing(request, note)
    return RedirectResponse(f"/checkin?saved={saved.id}", status_code=303)


@router.post("/checkin/{checkin_id}/safety-check")
def safety_check(
    checkin_id: int, services: ServicesDep, answer: Annotated[str, Form(max_length=20)] = ""
) -> RedirectResponse:
    """Keep the answer to a note's calm check; "Show me help" always ends on the help page."""
    if answer == SafetyAnswer.HELP:
        with suppress(InputError, NotFoundError):
            answer_checkin_check(services, checkin_id, SafetyAnswer.HELP)
        return RedirectResponse("/help", status_code=303)
    answer_checkin_check(services, checkin_id, answer)
    return RedirectResponse(f"/checkin?saved={checkin_id}", status_code=303)
