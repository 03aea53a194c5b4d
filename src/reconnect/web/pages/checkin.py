"""The check-in page: the mood meter, named feelings in four quadrants, an optional note."""

from contextlib import suppress
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from reconnect.contracts import resources_if
from reconnect.domain.safety import SafetyAnswer
from reconnect.errors import InputError, NotFoundError
from reconnect.services import checkins
from reconnect.services.safety_checks import answer_checkin_check
from reconnect.web.deps import ServicesDep, render

router = APIRouter()


@router.get("/checkin", response_class=HTMLResponse)
def checkin_page(request: Request, services: ServicesDep, saved: int | None = None) -> HTMLResponse:
    last = None
    if saved is not None:
        last = next((c for c in checkins.list_checkins(services) if c.id == saved), None)
    country = request.app.state.settings.country
    context = {
        "quadrants": checkins.feelings_vocabulary(),
        "saved": last,
        "resources": resources_if(bool(last and last.crisis), country),
    }
    return render(request, "checkin/index.html", context)


@router.post("/checkin")
def record(
    services: ServicesDep,
    pleasantness: Annotated[int, Form()],
    energy: Annotated[int, Form()],
    feeling: Annotated[list[str] | None, Form(max_length=12)] = None,
    note: Annotated[str, Form(max_length=2_000)] = "",
) -> RedirectResponse:
    saved = checkins.record_checkin(
        services, pleasantness=pleasantness, energy=energy, feelings=feeling or [], note=note
    )
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
