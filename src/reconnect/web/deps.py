"""Dependencies shared by routes: the services bundle and the template renderer."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from reconnect.content import load_texts
from reconnect.domain.wording import counted
from reconnect.errors import ForbiddenError, NotFoundError
from reconnect.services import Services

if TYPE_CHECKING:
    from collections.abc import Iterator

    from fastapi.responses import HTMLResponse

    from reconnect.services.server import ServerServices
    from reconnect.services.sessions import ActiveSession

templates = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(str(resources.files("reconnect.web").joinpath("templates"))),
        autoescape=True,
    )
)
templates.env.globals["texts"] = load_texts
templates.env.globals["counted"] = counted  # counted(1, "week") -> "1 week", never "1 weeks"


SESSION_COOKIE = "reconnect_session"
# Over TLS the session cookie is ``__Host-`` prefixed and Secure, like the CSRF cookie.
SECURE_SESSION_COOKIE = f"__Host-{SESSION_COOKIE}"


def session_cookie_name(request: Request) -> str:
    """The session cookie's name for this request (``__Host-`` prefixed over TLS)."""
    return SECURE_SESSION_COOKIE if request.url.scheme == "https" else SESSION_COOKIE


def server_of(request: Request) -> ServerServices | None:
    """Server mode's services, or None in the single-user app."""
    server: ServerServices | None = getattr(request.app.state, "server", None)
    return server


def active_session(request: Request, *, allow_enrol: bool = False) -> ActiveSession:
    """Server mode: the request's live session (NotLoggedInError otherwise), kept on
    ``request.state`` so templates can name who is logged in."""
    from reconnect.services import sessions

    server = server_of(request)
    assert server is not None
    found = sessions.resolve(
        server, request.cookies.get(session_cookie_name(request)), allow_enrol=allow_enrol
    )
    request.state.account = found.account
    return found


def get_services(request: Request) -> Iterator[Services]:
    """The services bundle: built at startup in the single-user app; in server mode, the
    logged-in person's own journal, open for this request only."""
    if server_of(request) is None:
        services: Services = request.app.state.services
        yield services
        return
    session = active_session(request)
    if session.account.role == "admin":
        session.close()
        raise ForbiddenError(
            "Admin accounts manage accounts; they have no journal here.",
            hint="Use a member account for your own journal.",
        )
    try:
        yield session.journal
    finally:
        session.close()


ServicesDep = Annotated[Services, Depends(get_services)]


def single_user_only(request: Request) -> None:
    """Routes that exist only in the single-user app (unlock, lock, the settings file):
    server mode answers them with 404."""
    if server_of(request) is not None:
        raise NotFoundError("Not found.")


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """Render a template as an HTML response."""
    response: HTMLResponse = templates.TemplateResponse(
        request, name, context, status_code=status_code
    )
    return response


def after_private_writing(request: Request, text: str) -> None:
    """Server mode: words the person just saved in their own journal pause their couple's
    shared check-ins when they describe abuse or coercion (nothing of them is stored or
    told to the partner). The single-user app has no partner: nothing happens."""
    server = server_of(request)
    account = getattr(request.state, "account", None)
    if server is None or account is None or not text.strip():
        return
    from reconnect.services.couple_checkins import note_private_writing

    note_private_writing(server, account.id, text)
