"""Journal and check-in API: entries (create, list, get, update, delete) and check-ins."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from reconnect.contracts import (
    CheckInIn,
    CheckInOut,
    EntryIn,
    EntryOut,
    InsightsOut,
    SafetyCheckIn,
    checkin_out,
    entry_out,
    insights_out,
)
from reconnect.services import checkins, journal
from reconnect.services.safety_checks import answer_entry_check
from reconnect.web.deps import ServicesDep, after_private_writing

router = APIRouter(tags=["journal"])


def _country(request: Request) -> str | None:
    country: str | None = request.app.state.settings.country
    return country


@router.post("/entries", status_code=201, summary="Write an entry")
def create_entry(body: EntryIn, request: Request, services: ServicesDep) -> EntryOut:
    """The entry is analysed on save; ``crisis_resources`` is set when it needs them."""
    entry = journal.write_entry(
        services,
        body.text,
        tags=body.tags,
        people=body.people,
        activities=body.activities,
        written_at=body.written_at,
    )
    after_private_writing(request, body.text)
    return entry_out(entry, _country(request))


@router.get("/entries", summary="List entries, oldest first")
def list_entries(
    request: Request,
    services: ServicesDep,
    q: Annotated[str | None, Query(max_length=200, description="Words to look for.")] = None,
    tag: Annotated[str | None, Query(max_length=40)] = None,
    person: Annotated[str | None, Query(max_length=40)] = None,
    marker: Annotated[str | None, Query(max_length=40)] = None,
) -> list[EntryOut]:
    """Entries matching every filter given."""
    query = journal.EntryQuery(text=q, tag=tag, person=person, marker=marker)
    return [entry_out(e, _country(request)) for e in journal.list_entries(services, query)]


@router.get("/entries/{entry_id}", summary="One entry")
def get_entry(entry_id: int, request: Request, services: ServicesDep) -> EntryOut:
    """404 when there is no entry with that id."""
    return entry_out(journal.get_entry(services, entry_id), _country(request))


@router.put("/entries/{entry_id}", summary="Replace an entry's text")
def update_entry(entry_id: int, body: EntryIn, request: Request, services: ServicesDep) -> EntryOut:
    """The entry is analysed again."""
    entry = journal.edit_entry(
        services,
        entry_id,
        body.text,
        tags=body.tags,
        people=body.people,
        activities=body.activities,
    )
    after_private_writing(request, body.text)
    return entry_out(entry, _country(request))


@router.post("/entries/{entry_id}/safety-check", summary="Answer an entry's safety check")
def answer_safety_check(
    entry_id: int, body: SafetyCheckIn, request: Request, services: ServicesDep
) -> EntryOut:
    """Keep the answer to the calm check an entry with ``concern`` asks: ``"safe"`` or
    ``"help"``. A later answer replaces an earlier one. 404 for no such entry; 422 when the
    entry did not ask (no ``concern``) or the answer is neither. Help is at ``/help``."""
    return entry_out(answer_entry_check(services, entry_id, body.answer), _country(request))


@router.delete("/entries/{entry_id}", status_code=204, summary="Delete an entry")
def delete_entry(entry_id: int, services: ServicesDep) -> Response:
    """Gone for good."""
    journal.delete_entry(services, entry_id)
    return Response(status_code=204)


@router.post("/checkins", status_code=201, summary="Check in")
def create_checkin(body: CheckInIn, request: Request, services: ServicesDep) -> CheckInOut:
    """Pleasantness and energy from 1 to 10, optional feelings from the vocabulary and a note."""
    saved = checkins.record_checkin(
        services,
        pleasantness=body.pleasantness,
        energy=body.energy,
        feelings=body.feelings,
        note=body.note,
        checked_at=body.checked_at,
    )
    after_private_writing(request, body.note or "")
    return checkin_out(saved, _country(request))


@router.get("/checkins", summary="List check-ins, oldest first")
def list_checkins(request: Request, services: ServicesDep) -> list[CheckInOut]:
    """Every check-in."""
    return [checkin_out(c, _country(request)) for c in checkins.list_checkins(services)]


@router.get("/insights", summary="Trends, associations and streaks")
def get_insights(services: ServicesDep) -> InsightsOut:
    """The same figures as ``reconnect insights --json``."""
    from reconnect.services.insights import compute_insights

    return insights_out(compute_insights(services))
