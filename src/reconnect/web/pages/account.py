"""Server mode's pages: log in, log out, and sign up by invite."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.background import BackgroundTask

from reconnect.errors import InputError, LoginFailedError, NotFoundError, ThrottledError
from reconnect.services import accounts, credentials, sessions
from reconnect.web.deps import active_session, render, server_of, session_cookie_name
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
def login_page(
    request: Request, next: str = "/", ended: bool = False, recovered: bool = False
) -> Response:
    _server(request)
    context = {
        "next": safe_next(next),
        "error": None,
        "username": "",
        "ended": ended,
        "recovered": recovered,
    }
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
    response = RedirectResponse(
        safe_next(next),
        status_code=303,
        background=BackgroundTask(sessions.catch_up_analysis, server, started.cookie),
    )
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


ACCOUNT_NOTES = {
    "password": "Password changed. Your other sessions have ended; your recovery key still works.",
    "ended": "Your other sessions have ended.",
    "totp": "One-time codes are set up. From now on, log in with a code from your app.",
}


def _account_page(
    request: Request, note: str | None = None, error: str | None = None, status: int = 200
) -> Response:
    session = active_session(request)
    session.close()
    context = {"account": session.account, "note": note, "error": error}
    return render(request, "account.html", context, status_code=status)


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, done: str = "") -> Response:
    _server(request)
    return _account_page(request, note=ACCOUNT_NOTES.get(done))


@router.post("/account/password", response_class=HTMLResponse)
def change_password(
    request: Request,
    current: Password = "",
    password: Password = "",
    again: Password = "",
) -> Response:
    server = _server(request)
    session = active_session(request)
    try:
        if password != again:
            raise InputError("the two new passwords differ; nothing was changed")
        credentials.change_password(server, session, current, password)
    except InputError as exc:
        return _account_page(request, error=exc.message, status=422)
    finally:
        session.close()
    return RedirectResponse("/account?done=password", status_code=303)


@router.post("/account/sessions/end-others")
def end_other_sessions(request: Request) -> Response:
    server = _server(request)
    session = active_session(request)
    try:
        sessions.end_other_sessions(server, session)
    finally:
        session.close()
    return RedirectResponse("/account?done=ended", status_code=303)


@router.get("/account/totp", response_class=HTMLResponse)
def totp_page(request: Request) -> Response:
    _server(request)
    session = active_session(request, allow_enrol=True)
    try:
        if session.account.has_totp:
            return RedirectResponse("/account", status_code=303)
        offered = credentials.begin_totp(session)
    finally:
        session.close()
    context = {
        "secret": offered.secret,
        "grouped": " ".join(offered.secret[i : i + 4] for i in range(0, len(offered.secret), 4)),
        "uri": offered.uri,
        "required": session.scope == sessions.ENROL,
        "error": None,
    }
    return render(request, "totp.html", context)


@router.post("/account/totp", response_class=HTMLResponse)
def confirm_totp(request: Request, code: Annotated[str, Form(max_length=16)] = "") -> Response:
    server = _server(request)
    session = active_session(request, allow_enrol=True)
    try:
        credentials.confirm_totp(server, session, code)
    except InputError as exc:
        offered = credentials.begin_totp(session)
        context = {
            "secret": offered.secret,
            "grouped": " ".join(
                offered.secret[i : i + 4] for i in range(0, len(offered.secret), 4)
            ),
            "uri": offered.uri,
            "required": session.scope == sessions.ENROL,
            "error": f"{exc.message}. {exc.hint or ''}".strip(),
        }
        return render(request, "totp.html", context, status_code=422)
    finally:
        session.close()
    return RedirectResponse("/account?done=totp", status_code=303)


@router.get("/recover", response_class=HTMLResponse)
def recover_page(request: Request) -> Response:
    _server(request)
    return render(request, "recover.html", {"error": None, "username": ""})


@router.post("/recover", response_class=HTMLResponse)
def recover(
    request: Request,
    username: Text64 = "",
    recovery_key: Annotated[str, Form(max_length=100)] = "",
    password: Password = "",
    again: Password = "",
) -> Response:
    server = _server(request)
    try:
        if password != again:
            raise InputError("the two new passwords differ; nothing was changed")
        credentials.recover_password(
            server, username, recovery_key, password, address=client_address(request)
        )
    except (InputError, LoginFailedError, ThrottledError) as exc:
        context = {"error": exc.message, "hint": exc.hint, "username": username}
        page = render(request, "recover.html", context, status_code=exc.http_status)
        if isinstance(exc, ThrottledError):
            page.headers["Retry-After"] = str(exc.retry_after)
        return page
    return RedirectResponse("/login?recovered=true", status_code=303)
