"""The settings page: the country whose crisis lines are shown."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from reconnect.config import save_setting
from reconnect.content import load_crisis_resources
from reconnect.web.deps import render

router = APIRouter()


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, saved: bool = False) -> HTMLResponse:
    countries, _ = load_crisis_resources()
    context = {
        "countries": countries,
        "current": request.app.state.settings.country,
        "saved": saved,
    }
    return render(request, "settings.html", context)


@router.post("/settings")
def save(request: Request, country: Annotated[str, Form(max_length=8)] = "") -> RedirectResponse:
    code = country.strip().upper()
    save_setting("country", code)
    request.app.state.settings = request.app.state.settings.model_copy(
        update={"country": code or None}
    )
    return RedirectResponse("/settings?saved=true", status_code=303)
