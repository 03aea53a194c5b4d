"""The home page (a dashboard for today) and the always-reachable help page."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from reconnect.config import read_country
from reconnect.contracts import crisis_resources_out, selfcheck_result_out, why_international
from reconnect.domain.selfcheck import Perspective
from reconnect.services import selfcheck
from reconnect.services.practices import get_practice
from reconnect.services.prompts import suggest_prompt
from reconnect.services.reminders import reminders_due_today
from reconnect.services.safety import crisis_resources
from reconnect.services.today import look_at_today
from reconnect.web.deps import ServicesDep, render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, services: ServicesDep) -> HTMLResponse:
    instrument = selfcheck.get_instrument()
    # One's own latest result, and the latest about a partner apart from it (issue 11, item 2).
    histories = selfcheck.histories_by_perspective(services, instrument_id=instrument.id)
    mine, theirs = (histories[p].latest for p in (Perspective.SELF, Perspective.PARTNER))
    draft = selfcheck.load_draft(services, instrument_id=instrument.id)
    due = [(r, get_practice(r.practice_id)) for r in reminders_due_today(services)]
    return render(
        request,
        "home.html",
        {
            "latest": selfcheck_result_out(instrument, mine) if mine else None,
            "latest_partner": selfcheck_result_out(instrument, theirs) if theirs else None,
            "count": len(histories[Perspective.SELF].entries),
            "count_partner": len(histories[Perspective.PARTNER].entries),
            "draft": draft,
            "instrument": instrument,
            "due": due,
            "today": look_at_today(services),
            "prompt": suggest_prompt(services),
        },
    )


NO_COUNTRY = "No country is set, so this is the international list; choose yours in Settings."


@router.get("/help", response_class=HTMLResponse)
def help_now(request: Request, country: str | None = None) -> HTMLResponse:
    """The same resources as ``reconnect help-now``; the international list says why it is shown.

    With no country in the app's settings the settings file is read again (the country
    alone), so a country set with ``reconnect settings set`` after the server started counts.
    """
    chosen = country or request.app.state.settings.country
    problem = None
    if not chosen:
        chosen, problem = read_country()
    why = why_international(problem, NO_COUNTRY)
    resources = crisis_resources_out(crisis_resources(chosen), detected=False, why=why)
    return render(request, "help.html", {"resources": resources})
