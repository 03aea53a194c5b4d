"""The home page and the always-reachable help page."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from reconnect.contracts import crisis_resources_out, selfcheck_result_out
from reconnect.services import selfcheck
from reconnect.services.practices import get_practice
from reconnect.services.reminders import reminders_due_today
from reconnect.services.safety import crisis_resources
from reconnect.web.deps import ServicesDep, render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, services: ServicesDep) -> HTMLResponse:
    instrument = selfcheck.get_instrument()
    history = selfcheck.selfcheck_history(services, instrument_id=instrument.id)
    latest = selfcheck_result_out(instrument, history[-1]) if history else None
    draft = selfcheck.load_draft(services, instrument_id=instrument.id)
    due = [(r, get_practice(r.practice_id)) for r in reminders_due_today(services)]
    return render(
        request,
        "home.html",
        {
            "latest": latest,
            "count": len(history),
            "draft": draft,
            "instrument": instrument,
            "due": due,
        },
    )


@router.get("/help", response_class=HTMLResponse)
def help_now(request: Request, country: str | None = None) -> HTMLResponse:
    chosen = country or request.app.state.settings.country
    resources = crisis_resources_out(crisis_resources(chosen), detected=False)
    return render(request, "help.html", {"resources": resources})
