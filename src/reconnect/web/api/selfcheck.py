"""Self-check API: instruments, results and the draft of an unfinished self-check."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from reconnect.content import DEFAULT_INSTRUMENT
from reconnect.contracts import (
    AnswersIn,
    DraftOut,
    HistoryResultOut,
    InstrumentOut,
    InstrumentSummaryOut,
    SelfCheckIn,
    SelfCheckResultOut,
    history_result_out,
    instrument_out,
    selfcheck_result_out,
)
from reconnect.domain.selfcheck import Perspective
from reconnect.errors import NotFoundError
from reconnect.services import selfcheck
from reconnect.web.deps import ServicesDep

router = APIRouter(tags=["self-check"])

InstrumentQuery = Annotated[str, Query(max_length=64, description="Instrument id.")]


@router.get("/instruments", summary="The self-check instruments")
def list_instruments() -> list[InstrumentSummaryOut]:
    """Every instrument shipped with reconnect."""
    return [
        InstrumentSummaryOut(id=i.id, version=i.version, title=i.title, items=len(i.items))
        for i in selfcheck.list_instruments()
    ]


@router.get("/instruments/{instrument_id}", summary="One instrument with its items")
def get_instrument(
    instrument_id: str, perspective: Perspective = Perspective.SELF
) -> InstrumentOut:
    """The items worded for the chosen perspective."""
    return instrument_out(selfcheck.get_instrument(instrument_id), perspective)


@router.post("/selfchecks", status_code=201, summary="Take a self-check")
def take_selfcheck(body: SelfCheckIn, services: ServicesDep) -> SelfCheckResultOut:
    """Score and save answers; unknown ids or values off the scale give 422."""
    result = selfcheck.take_selfcheck(
        services, perspective=body.perspective, answers=body.answers, instrument_id=body.instrument
    )
    return selfcheck_result_out(selfcheck.get_instrument(body.instrument), result)


@router.get("/selfchecks", summary="Saved self-checks, oldest first")
def list_selfchecks(
    services: ServicesDep,
    instrument: InstrumentQuery = DEFAULT_INSTRUMENT,
    perspective: Annotated[
        Perspective | None,
        Query(description="Only the results about: self (you) or partner; both when left out."),
    ] = None,
) -> list[HistoryResultOut]:
    """Every saved result of an instrument, each with its change since the previous result
    about the same person (a result about a partner is never compared with one about you)."""
    chosen = selfcheck.get_instrument(instrument)
    return [
        history_result_out(chosen, entry)
        for entry in selfcheck.history_with_changes(
            services, instrument_id=chosen.id, perspective=perspective
        )
    ]


@router.get("/selfchecks/draft", summary="The unfinished self-check, if any")
def get_draft(services: ServicesDep, instrument: InstrumentQuery = DEFAULT_INSTRUMENT) -> DraftOut:
    """404 when there is no draft."""
    draft = selfcheck.load_draft(services, instrument_id=instrument)
    if draft is None:
        raise NotFoundError("there is no unfinished self-check")
    return DraftOut.from_domain(draft)


@router.put("/selfchecks/draft", summary="Keep the answers so far")
def save_draft(body: AnswersIn, services: ServicesDep) -> DraftOut:
    """Replace the draft with these answers."""
    draft = selfcheck.save_draft(
        services, perspective=body.perspective, answers=body.answers, instrument_id=body.instrument
    )
    return DraftOut.from_domain(draft)


@router.delete("/selfchecks/draft", status_code=204, summary="Forget the unfinished self-check")
def delete_draft(
    services: ServicesDep, instrument: InstrumentQuery = DEFAULT_INSTRUMENT
) -> Response:
    """Nothing is returned."""
    selfcheck.discard_draft(services, instrument_id=instrument)
    return Response(status_code=204)


@router.get("/selfchecks/{result_id}", summary="One saved self-check")
def get_selfcheck(result_id: int, services: ServicesDep) -> SelfCheckResultOut:
    """404 when there is no result with that id."""
    result = selfcheck.get_selfcheck(services, result_id)
    return selfcheck_result_out(selfcheck.get_instrument(result.score.instrument_id), result)
