"""Creating, unlocking and locking the journal in the browser."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reconnect.errors import CryptoError, InputError, WrongPassphraseError
from reconnect.services import vault, vault_setup
from reconnect.web.deps import ServicesDep, render
from reconnect.web.pages.drafts import Draft, carried_draft, save_draft

router = APIRouter()
PassphraseField = Annotated[str, Form(max_length=vault_setup.MAX_PASSPHRASE_CHARS)]


def safe_next(target: str | None) -> str:
    """Only a path on this site (never ``//host`` or a scheme) may follow unlocking."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/unlock", response_class=HTMLResponse)
def unlock_page(request: Request, services: ServicesDep, next: str = "/") -> Response:
    state = vault.journal_state(services)
    if state == "none":
        return RedirectResponse("/setup", status_code=303)
    if services.keys.is_open or state == "plain":
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "unlock.html", {"next": safe_next(next), "error": None})


@router.post("/unlock", response_class=HTMLResponse)
def unlock(
    request: Request,
    services: ServicesDep,
    passphrase: PassphraseField = "",
    recovery_key: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
    draft: Annotated[Draft | None, Depends(carried_draft)] = None,
) -> Response:
    """Unlock; words that met the locked journal (web/pages/drafts.py) are then saved."""
    try:
        if recovery_key.strip():
            vault.unlock_with_recovery_key(services, recovery_key)
        else:
            vault.unlock(services, passphrase)
    except (CryptoError, InputError) as exc:
        context = {
            "next": safe_next(next),
            "error": exc.message,
            "hint": exc.hint,
            "draft": draft,
        }
        return render(request, "unlock.html", context, status_code=401)
    shown = save_draft(services, draft) if draft is not None else None
    if recovery_key.strip():
        return RedirectResponse("/settings?recovered=true", status_code=303)
    if shown is not None:
        return RedirectResponse(shown, status_code=303)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/lock")
def lock(services: ServicesDep) -> RedirectResponse:
    vault.lock(services)
    return RedirectResponse("/unlock", status_code=303)


@router.get("/setup", response_class=HTMLResponse)
def setup_page(request: Request, services: ServicesDep) -> Response:
    if vault.journal_state(services) != "none":
        return RedirectResponse("/", status_code=303)
    return render(request, "setup.html", {"error": None})


@router.post("/setup", response_class=HTMLResponse)
def setup(
    request: Request,
    services: ServicesDep,
    passphrase: PassphraseField = "",
    again: PassphraseField = "",
) -> Response:
    if vault.journal_state(services) != "none":
        return RedirectResponse("/", status_code=303)
    if passphrase != again:
        error = "The two passphrases differ."
        return render(request, "setup.html", {"error": error}, status_code=422)
    try:
        made = vault_setup.create_journal(services, passphrase)
    except InputError as exc:
        return render(request, "setup.html", {"error": exc.message}, status_code=422)
    return render(request, "recovery_key.html", {"recovery_key": made.recovery_key})


@router.post("/settings/passphrase", response_class=HTMLResponse)
def change_passphrase(
    services: ServicesDep,
    current: PassphraseField = "",
    passphrase: PassphraseField = "",
    again: PassphraseField = "",
) -> Response:
    """Change the passphrase: the current one (or the recovery key) first, then the new twice."""
    try:
        vault.confirm_secret(services, current)
    except WrongPassphraseError:
        return RedirectResponse("/settings?passphrase=wrong", status_code=303)
    if passphrase != again:
        return RedirectResponse("/settings?passphrase=differ", status_code=303)
    try:
        vault_setup.set_passphrase(services, passphrase)
    except InputError:
        return RedirectResponse("/settings?passphrase=short", status_code=303)
    return RedirectResponse("/settings?passphrase=changed", status_code=303)
