"""Dependencies shared by routes: the services bundle and the template renderer."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from reconnect.content import load_texts
from reconnect.domain.wording import counted
from reconnect.services import Services

if TYPE_CHECKING:
    from fastapi.responses import HTMLResponse

templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(str(resources.files("reconnect.web").joinpath("templates"))),
        autoescape=True,
    )
)
templates.env.globals["texts"] = load_texts
templates.env.globals["counted"] = counted  # counted(1, "week") -> "1 week", never "1 weeks"


def get_services(request: Request) -> Services:
    """The services bundle built at startup."""
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render a template as an HTML response."""
    response: HTMLResponse = templates.TemplateResponse(
        request, name, context, status_code=status_code
    )
    return response
