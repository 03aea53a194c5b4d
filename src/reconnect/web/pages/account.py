"""Server mode's pages: log in, log out, and sign up by invite."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reconnect.errors import InputError, LoginFailedError, NotFoundError, ThrottledError
from reconnect.services import accounts, sessions
from reconnect.web.deps import render, server_of, session_cookie_name
from reconnect.web.pages.unlock import safe_next
from reconnect.web.session_cookies import clear_session_cookie, client_address, set_session

if TYPE_CHECKING:
    from reconnect.services.server import ServerServices

router = APIRouter()
Text64 = Annotated[str, Form(max_length=64)]
Password = Annotated[str, Form(max_length=1024)]


def _server(request: Request) -> ServerServices:
    server = server_of(request)
    if server is None:
        raise NotFoundError("Not found.")
    return server


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/", ended: bool = False) -> Response:
    _server(request)
    context = {"next": safe_next(next), "error": None, "username": "", "ended": ended}
    return render(request, "login.html", context)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    username: Text64 = "",
    password: Password = "",
    totp: Annotated[str, Form(max_length=16)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    server = _server(request)
    try:
        started = sessions.login(
            server,
            username,
            password,
            address=client_address(request),
            code=totp.strip() or None,
        )
    except (LoginFailedError, ThrottledError) as exc:
        context = {
            "next": safe_next(next),
            "error": exc.message,
            "hint": exc.hint,
            "username": username,
            "ended": False,
        }
        page = render(request, "login.html", context, status_code=exc.http_status)
        if isinstance(exc, ThrottledError):
            page.headers["Retry-After"] = str(exc.retry_after)
        return page
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session(request, response, started.cookie)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    sessions.logout(
        _server(request),
        request.cookies.get(session_cookie_name(request)),
        address=client_address(request),
    )
    response = RedirectResponse("/login?ended=true", status_code=303)
    clear_session_cookie(request, response)
    return response


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request, invite: str = "") -> Response:
    server = _server(request)
    if not invite and not server.settings.open_signup:
        context = {
            "status": 403,
            "message": "Sign-up here is by invitation only.",
            "hint": "Ask the person who runs this server for an invite link.",
        }
        return render(request, "error.html", context, status_code=403)
    context = {"invite": invite[:100], "error": None, "username": ""}
    return render(request, "signup.html", context)


@router.post("/signup", response_class=HTMLResponse)
def signup(
    request: Request,
    invite: Annotated[str, Form(max_length=100)] = "",
    username: Text64 = "",
    password: Password = "",
    again: Password = "",
) -> Response:
    server = _server(request)
    try:
        if password != again:
            raise InputError("the two passwords differ")
        made = accounts.sign_up(server, username, password, invite or None)
    except InputError as exc:
        context = {"invite": invite, "error": exc.message, "hint": exc.hint, "username": username}
        return render(request, "signup.html", context, status_code=422)
    return render(request, "signed_up.html", {"recovery_key": made.recovery_key})
