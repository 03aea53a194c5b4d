"""Journal pages: write with a prompt, search and list, read, edit and delete one entry."""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from reconnect.analysis import MARKERS
from reconnect.contracts import resources_if
from reconnect.domain.entries import Entry
from reconnect.services import journal
from reconnect.services.prompts import suggest_prompt
from reconnect.web.deps import ServicesDep, render

router = APIRouter()


def highlight(entry: Entry) -> list[tuple[str, str | None]]:
    """The entry's text cut into pieces, each marked with the sign whose evidence it is."""
    spans: list[tuple[int, int, str]] = sorted(
        (e["start"], e["end"], m["name"])
        for m in entry.analysis.get("markers", [])
        for e in m["evidence"]
    )
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
        "markers": MARKERS,
        "prompt": choice.prompt,
        "prompt_reason": choice.reason,
    }
    return render(request, "journal/index.html", context)


@router.post("/journal")
def write(
    services: ServicesDep, text: Annotated[str, Form(max_length=20_000)] = ""
) -> RedirectResponse:
    entry = journal.write_entry(services, text)
    return RedirectResponse(f"/journal/entries/{entry.id}", status_code=303)


@router.get("/journal/entries/{entry_id}", response_class=HTMLResponse)
def entry_page(request: Request, entry_id: int, services: ServicesDep) -> HTMLResponse:
    entry = journal.get_entry(services, entry_id)
    country = request.app.state.settings.country
    context = {
        "entry": entry,
        "pieces": highlight(entry),
        "resources": resources_if(entry.crisis, country),
    }
    return render(request, "journal/entry.html", context)


@router.post("/journal/entries/{entry_id}/delete")
def delete(entry_id: int, services: ServicesDep) -> RedirectResponse:
    journal.delete_entry(services, entry_id)
    return RedirectResponse("/journal", status_code=303)


@router.get("/journal/entries/{entry_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, entry_id: int, services: ServicesDep) -> HTMLResponse:
    entry = journal.get_entry(services, entry_id)
    return render(request, "journal/edit.html", {"entry": entry})


@router.post("/journal/entries/{entry_id}/edit")
def edit(
    entry_id: int, services: ServicesDep, text: Annotated[str, Form(max_length=20_000)] = ""
) -> RedirectResponse:
    journal.edit_entry(services, entry_id, text)
    return RedirectResponse(f"/journal/entries/{entry_id}", status_code=303)
