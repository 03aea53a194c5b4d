"""The guide page: one search box; crisis first, then up to three cards, or "can't answer"."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from reconnect.content import load_practices
from reconnect.contracts import abuse_help_out, crisis_resources_out
from reconnect.domain.guide import CANT_ANSWER, MAX_QUESTION_CHARS
from reconnect.errors import InputError
from reconnect.services.guide import ask
from reconnect.services.safety import crisis_resources
from reconnect.web.deps import render

router = APIRouter()

EXAMPLES = (
    "Why do I feel nothing when my partner cries?",
    "Is it normal to feel distant in a long relationship?",
    "How do I open up without oversharing?",
    "My partner has gone quiet for weeks. What can I do?",
)


@router.get("/guide", response_class=HTMLResponse)
def guide_page(
    request: Request, q: Annotated[str | None, Query(max_length=10 * MAX_QUESTION_CHARS)] = None
) -> HTMLResponse:
    context: dict[str, object] = {
        "question": q or "",
        "reply": None,
        "resources": None,
        "abuse": None,
        "error": None,
        "cant_answer": CANT_ANSWER,
        "examples": EXAMPLES,
        "practices": {p.id: p for p in load_practices()},
    }
    status = 200
    if q is not None and q.strip():
        try:
            reply = ask(q)
        except InputError as error:
            context["error"] = error.message
            status = 422
        else:
            context["reply"] = reply
            if reply.abuse:
                context["abuse"] = abuse_help_out(q, request.app.state.settings.country)
            if reply.crisis:
                country = request.app.state.settings.country
                chosen = crisis_resources(country)
                context["resources"] = crisis_resources_out(chosen, detected=not reply.concern)
    return render(request, "guide.html", context, status_code=status)
