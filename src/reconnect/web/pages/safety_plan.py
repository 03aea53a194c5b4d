"""The safety-plan page: read the plan, change it (one thing per line in each step), and
choose whether a copy opens while the journal is locked."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reconnect.contracts import safety_plan_out
from reconnect.domain.safety_plan import SECTION_KEYS
from reconnect.errors import InputError
from reconnect.services.safety_plan import (
    keeps_readable_copy,
    plan_for_editing,
    plan_for_showing,
    save_plan,
    set_readable_copy,
)
from reconnect.web.deps import ServicesDep, render, server_of, single_user_only

router = APIRouter()


def _encrypted(request: Request) -> bool:
    """Whether the journal is encrypted and open here (so a readable copy means something).

    Server mode has no readable copy: a journal there is open only inside a session.
    """
    if server_of(request) is not None:
        return False
    return bool(request.app.state.services.keys.can_lock)


@router.get("/safety-plan", response_class=HTMLResponse)
def safety_plan_page(
    request: Request, services: ServicesDep, saved: bool = False, edit: bool = False
) -> HTMLResponse:
    # While locked, the copy the person chose to keep opens without the passphrase; with
    # no copy (the default) the LockedError leads to the unlock page.
    plan, is_copy = plan_for_showing(services, request.app.state.settings.country)
    out = safety_plan_out(plan)
    context = {
        "plan": out,
        "saved": saved,
        "is_copy": is_copy,
        "editing": not is_copy and (edit or not out.saved),
        "error": None,
        "typed": {s.key: "\n".join(s.items) for s in out.sections},
        "encrypted": not is_copy and _encrypted(request),
        "keeps_copy": is_copy or keeps_readable_copy(services),
    }
    return render(request, "safety_plan.html", context)


@router.post("/safety-plan")
async def save(request: Request, services: ServicesDep) -> Response:
    form = await request.form()
    typed = {key: str(form.get(key) or "") for key in SECTION_KEYS}
    try:
        save_plan(services, {key: text.splitlines() for key, text in typed.items()})
    except InputError as error:
        plan = plan_for_editing(services, request.app.state.settings.country)
        context = {
            "plan": safety_plan_out(plan),
            "saved": False,
            "is_copy": False,
            "editing": True,
            "error": error.message,
            "typed": {key: text.replace("\x00", "") for key, text in typed.items()},
            "encrypted": _encrypted(request),
            "keeps_copy": keeps_readable_copy(services),
        }
        return render(request, "safety_plan.html", context, status_code=422)
    return RedirectResponse("/safety-plan?saved=true", status_code=303)


@router.post("/safety-plan/open-copy", dependencies=[Depends(single_user_only)])
async def open_copy(request: Request, services: ServicesDep) -> Response:
    """Keep (``keep=on``) or delete (anything else) the copy that opens while locked."""
    form = await request.form()
    set_readable_copy(services, form.get("keep") == "on")
    return RedirectResponse("/safety-plan", status_code=303)
