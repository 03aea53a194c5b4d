"""The settings page: the country whose crisis lines are shown."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from reconnect.config import save_setting
from reconnect.content import load_crisis_resources
from reconnect.services.vault import journal_state
from reconnect.web.deps import ServicesDep, render, single_user_only

router = APIRouter()
PASSPHRASE_NOTES = {
    "changed": "Passphrase changed. Your recovery key still works.",
    "wrong": "That is not the current passphrase or the recovery key; nothing was changed.",
    "differ": "The two passphrases differ; nothing was changed.",
    "short": "That passphrase is too short: use at least 8 characters.",
}


@router.get("/settings", response_class=HTMLResponse)
def settings_page(
    request: Request,
    services: ServicesDep,
    saved: bool = False,
    recovered: bool = False,
    passphrase: str = "",
) -> HTMLResponse:
    countries, _ = load_crisis_resources()
    context = {
        "countries": countries,
        "current": request.app.state.settings.country,
        "saved": saved,
        "encrypted": journal_state(services) == "encrypted",
        "recovered": recovered,
        "passphrase_note": PASSPHRASE_NOTES.get(passphrase),
    }
    return render(request, "settings.html", context)


@router.post("/settings", dependencies=[Depends(single_user_only)])
def save(request: Request, country: Annotated[str, Form(max_length=8)] = "") -> RedirectResponse:
    code = country.strip().upper()
    save_setting("country", code)
    request.app.state.settings = request.app.state.settings.model_copy(
        update={"country": code or None}
    )
    return RedirectResponse("/settings?saved=true", status_code=303)
