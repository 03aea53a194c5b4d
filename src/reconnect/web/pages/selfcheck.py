"""Self-check pages: choose who it is about, answer, see the result and the history."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from reconnect.content import DEFAULT_INSTRUMENT
from reconnect.contracts import perspective_history_out, selfcheck_result_out
from reconnect.domain.selfcheck import Perspective, SelfCheckDraft
from reconnect.errors import InputError
from reconnect.reports.charts import sparkline_points
from reconnect.services import selfcheck
from reconnect.web.deps import ServicesDep, render

router = APIRouter(prefix="/selfcheck")


async def _answers_from_form(request: Request) -> dict[str, object]:
    """Item answers from the submitted form: fields named after item ids, integer values."""
    form = await request.form(max_fields=500)
    answers: dict[str, object] = {}
    for key, value in form.multi_items():
        if key in ("csrf_token", "perspective", "instrument"):
            continue
        if not isinstance(value, str):
            raise InputError(f"field {key!r} must be text")
        if value == "":
            continue
        try:
            answers[key] = int(value)
        except ValueError:
            raise InputError(f"answer to {key!r} must be a whole number, not {value!r}") from None
    return answers


@router.get("", response_class=HTMLResponse)
def start(request: Request, services: ServicesDep) -> HTMLResponse:
    instrument = selfcheck.get_instrument()
    draft = selfcheck.load_draft(services, instrument_id=instrument.id)
    return render(request, "selfcheck/start.html", {"instrument": instrument, "draft": draft})


@router.get("/take", response_class=HTMLResponse)
def take(
    request: Request,
    services: ServicesDep,
    perspective: Perspective | None = None,
    resume: bool = False,
) -> HTMLResponse:
    """The form, holding the saved answers whenever the draft is about the same person.

    A reload or a later visit continues the draft (issue 11, item 3). Asked about the other
    person than the draft is, the form starts blank and says that answering replaces it.
    """
    instrument = selfcheck.get_instrument()
    draft = selfcheck.load_draft(services, instrument_id=instrument.id)
    other: SelfCheckDraft | None = None
    if draft is not None and (resume or perspective in (None, draft.perspective)):
        perspective = draft.perspective
    elif draft is not None:
        draft, other = None, draft
    answers = dict(draft.answers) if draft else {}
    return render(
        request,
        "selfcheck/take.html",
        {
            "instrument": instrument,
            "perspective": perspective or Perspective.SELF,
            "answers": answers,
            "other_draft": other,
            "options": list(zip(instrument.scale.values, instrument.scale.labels, strict=True)),
        },
    )


@router.post("/discard")
def discard(
    services: ServicesDep, perspective: Annotated[Perspective, Form()] = Perspective.SELF
) -> RedirectResponse:
    selfcheck.discard_draft(services, instrument_id=DEFAULT_INSTRUMENT)
    return RedirectResponse(f"/selfcheck/take?perspective={perspective.value}", status_code=303)


@router.post("/draft", response_class=HTMLResponse)
async def save_draft(
    request: Request,
    services: ServicesDep,
    perspective: Annotated[Perspective, Form()] = Perspective.SELF,
) -> HTMLResponse:
    answers = await _answers_from_form(request)
    # Added to the saved answers, never replacing them: a blank or stale form erases nothing.
    draft = selfcheck.add_to_draft(
        services, perspective=perspective, answers=answers, instrument_id=DEFAULT_INSTRUMENT
    )
    total = len(selfcheck.get_instrument().items)
    return render(
        request, "selfcheck/_draft_status.html", {"saved": len(draft.answers), "total": total}
    )


@router.post("")
async def submit(
    request: Request,
    services: ServicesDep,
    perspective: Annotated[Perspective, Form()] = Perspective.SELF,
) -> RedirectResponse:
    answers = await _answers_from_form(request)
    result = selfcheck.take_selfcheck(
        services, perspective=perspective, answers=answers, instrument_id=DEFAULT_INSTRUMENT
    )
    return RedirectResponse(f"/selfcheck/results/{result.id}", status_code=303)


@router.get("/results/{result_id}", response_class=HTMLResponse)
def result_page(request: Request, result_id: int, services: ServicesDep) -> HTMLResponse:
    result = selfcheck.get_selfcheck(services, result_id)
    instrument = selfcheck.get_instrument(result.score.instrument_id)
    return render(
        request,
        "selfcheck/result.html",
        {"result": selfcheck_result_out(instrument, result), "instrument": instrument},
    )


@router.get("/history", response_class=HTMLResponse)
def history(request: Request, services: ServicesDep) -> HTMLResponse:
    """Each person's own history and trend, and the two latest results side by side."""
    instrument = selfcheck.get_instrument()
    histories = [
        perspective_history_out(instrument, h)
        for h in selfcheck.histories_by_perspective(services, instrument_id=instrument.id).values()
    ]
    points = {
        h.perspective: {key: sparkline_points(t.scores) for key, t in h.trends.items()}
        for h in histories
    }
    latest = {h.perspective: h.latest for h in histories if h.latest is not None}
    return render(
        request,
        "selfcheck/history.html",
        {
            "instrument": instrument,
            "histories": [h for h in histories if h.results],
            "points": points,
            "mine": latest.get(Perspective.SELF),
            "theirs": latest.get(Perspective.PARTNER),
        },
    )
