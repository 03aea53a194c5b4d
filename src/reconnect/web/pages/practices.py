"""Practice pages: suggestions with reasons, the library, one practice, and logging it."""

from contextlib import suppress
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reconnect.contracts import resources_if
from reconnect.domain.safety import SafetyAnswer
from reconnect.errors import InputError, LockedError, NotFoundError
from reconnect.services import practices
from reconnect.services.safety_checks import answer_practice_check
from reconnect.web.deps import ServicesDep, render
from reconnect.web.pages.drafts import PRACTICE, Draft, unlock_to_save

router = APIRouter()
# Practices whose timer also paces the breath: seconds for each side of the box (in, hold,
# out, hold), as the steps count them ("for a count of four").
BREATH_SECONDS = {"box-breathing": 4}


@router.get("/practices", response_class=HTMLResponse)
def practices_page(request: Request, services: ServicesDep) -> HTMLResponse:
    context = {
        "suggestions": practices.suggest_practices(services),
        "practices": practices.list_practices(),
        "streak": practices.current_streak(services),
    }
    return render(request, "practices/index.html", context)


@router.get("/practices/{practice_id}", response_class=HTMLResponse)
def practice_page(
    request: Request, practice_id: str, services: ServicesDep, logged: int | None = None
) -> HTMLResponse:
    practice = practices.get_practice(practice_id)
    last = None
    if logged is not None:
        last = next((g for g in practices.practice_history(services) if g.id == logged), None)
    context = {
        "practice": practice,
        "logged": last,
        "streak": practices.current_streak(services),
        "resources": resources_if(bool(last and last.crisis), request.app.state.settings.country),
        "breath_seconds": BREATH_SECONDS.get(practice.id),
    }
    return render(request, "practices/practice.html", context)


@router.post("/practices/{practice_id}/done", response_class=HTMLResponse)
def done(
    request: Request,
    practice_id: str,
    services: ServicesDep,
    reflection: Annotated[str, Form(max_length=5_000)] = "",
) -> Response:
    """Log the practice; if the journal locked itself meanwhile, unlocking logs it."""
    try:
        logged = practices.log_practice(services, practice_id, reflection)
    except LockedError:
        return unlock_to_save(request, Draft(f"{PRACTICE}{practice_id}", reflection))
    return RedirectResponse(f"/practices/{practice_id}?logged={logged.id}", status_code=303)


@router.post("/practices/{practice_id}/logs/{log_id}/safety-check")
def safety_check(
    practice_id: str,
    log_id: int,
    services: ServicesDep,
    answer: Annotated[str, Form(max_length=20)] = "",
) -> RedirectResponse:
    """Keep the answer to a reflection's calm check; "Show me help" ends on the help page."""
    practices.get_practice(practice_id)  # an unknown practice is a 404 before anything is kept
    if answer == SafetyAnswer.HELP:
        with suppress(InputError, NotFoundError):
            answer_practice_check(services, log_id, SafetyAnswer.HELP)
        return RedirectResponse("/help", status_code=303)
    answer_practice_check(services, log_id, answer)
    return RedirectResponse(f"/practices/{practice_id}?logged={log_id}", status_code=303)
