"""Journal pages: write with a prompt, search and list, read, edit and delete one entry."""

from contextlib import suppress
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reconnect.analysis import MARKERS
from reconnect.contracts import abuse_help_out, resources_if
from reconnect.domain.entries import Entry
from reconnect.domain.safety import SafetyAnswer
from reconnect.errors import InputError, LockedError, NotFoundError
from reconnect.services import journal
from reconnect.services.prompts import suggest_prompt
from reconnect.services.safety_checks import answer_entry_check
from reconnect.web.deps import ServicesDep, after_private_writing, render
from reconnect.web.pages.drafts import Draft, unlock_to_save

router = APIRouter()


def highlight(entry: Entry) -> list[tuple[str, str | None]]:
    """The entry's text cut into pieces, each marked with the sign whose evidence it is."""
    markers = entry.analysis.markers if entry.analysis is not None else ()
    spans = sorted((e.start, e.end, m.name) for m in markers for e in m.evidence)
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for start, end, name in spans:
        if start < cursor or end > len(entry.text):
            continue
        if start > cursor:
            pieces.append((entry.text[cursor:start], None))
        pieces.append((entry.text[start:end], name))
        cursor = end
    pieces.append((entry.text[cursor:], None))
    return pieces


@router.get("/journal", response_class=HTMLResponse)
def journal_page(
    request: Request,
    services: ServicesDep,
    q: str | None = None,
    tag: str | None = None,
    marker: str | None = None,
) -> HTMLResponse:
    query = journal.EntryQuery(text=q or None, tag=tag or None, marker=marker or None)
    choice = suggest_prompt(services)
    context: dict[str, Any] = {
        "entries": journal.list_entries(services, query),
        "query": query,
        "filtered": any((query.text, query.tag, query.marker)),
        "markers": MARKERS,
        "prompt": choice.prompt,
        "prompt_reason": choice.reason,
    }
    return render(request, "journal/index.html", context)


@router.post("/journal", response_class=HTMLResponse)
def write(
    request: Request, services: ServicesDep, text: Annotated[str, Form(max_length=20_000)] = ""
) -> Response:
    """Save a new entry; if the journal locked itself meanwhile, unlocking saves it."""
    try:
        entry = journal.write_entry(services, text)
    except LockedError:
        return unlock_to_save(request, Draft("new", text))
    after_private_writing(request, text)
    return RedirectResponse(f"/journal/entries/{entry.id}", status_code=303)


@router.get("/journal/entries/{entry_id}", response_class=HTMLResponse)
def entry_page(
    request: Request, entry_id: int, services: ServicesDep, done: str = ""
) -> HTMLResponse:
    from reconnect.web.pages.couple import entry_share_context

    entry = journal.get_entry(services, entry_id)
    country = request.app.state.settings.country
    context = {
        "entry": entry,
        "pieces": highlight(entry),
        "resources": resources_if(entry.crisis, country),
        "abuse": abuse_help_out(entry.text, country),
        **entry_share_context(request, entry_id, done),
    }
    return render(request, "journal/entry.html", context)


@router.post("/journal/entries/{entry_id}/safety-check")
def safety_check(
    entry_id: int, services: ServicesDep, answer: Annotated[str, Form(max_length=20)] = ""
) -> RedirectResponse:
    """Keep the answer to the calm check; "Show me help" always ends on the help page."""
    if answer == SafetyAnswer.HELP:
        # With no entry to keep the answer with, help is still one step away.
        with suppress(InputError, NotFoundError):
            answer_entry_check(services, entry_id, SafetyAnswer.HELP)
        return RedirectResponse("/help", status_code=303)
    answer_entry_check(services, entry_id, answer)
    return RedirectResponse(f"/journal/entries/{entry_id}", status_code=303)


@router.get("/journal/entries/{entry_id}/delete", response_class=HTMLResponse)
def delete_page(request: Request, entry_id: int, services: ServicesDep) -> HTMLResponse:
    """Ask before deleting: the entry's date and its first lines, and two ways out."""
    entry = journal.get_entry(services, entry_id)
    return render(request, "journal/delete.html", {"entry": entry})


@router.post("/journal/entries/{entry_id}/delete")
def delete(
    entry_id: int, services: ServicesDep, confirm: Annotated[str, Form(max_length=3)] = ""
) -> RedirectResponse:
    """Delete only when the confirmation page said so; otherwise go and ask."""
    if confirm != "yes":
        return RedirectResponse(f"/journal/entries/{entry_id}/delete", status_code=303)
    journal.delete_entry(services, entry_id)
    return RedirectResponse("/journal", status_code=303)


@router.get("/journal/entries/{entry_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, entry_id: int, services: ServicesDep) -> HTMLResponse:
    entry = journal.get_entry(services, entry_id)
    return render(request, "journal/edit.html", {"entry": entry})


@router.post("/journal/entries/{entry_id}/edit", response_class=HTMLResponse)
def edit(
    request: Request,
    entry_id: int,
    services: ServicesDep,
    text: Annotated[str, Form(max_length=20_000)] = "",
) -> Response:
    """Save the changed text; if the journal locked itself meanwhile, unlocking saves it."""
    try:
        journal.edit_entry(services, entry_id, text)
    except LockedError:
        return unlock_to_save(request, Draft(str(entry_id), text))
    after_private_writing(request, text)
    return RedirectResponse(f"/journal/entries/{entry_id}", status_code=303)
