"""Server mode's account API: log in and out, one-time codes, invites and sign-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, BackgroundTasks, Request, Response

from reconnect.contracts.accounts import (
    InviteIn,
    InviteOut,
    LoginIn,
    LoginOut,
    MeOut,
    RecoverIn,
    SignupIn,
    SignupOut,
    TotpConfirmIn,
    TotpEnrolOut,
)
from reconnect.errors import NotFoundError
from reconnect.services import accounts, credentials, sessions
from reconnect.web.deps import active_session, server_of, session_cookie_name
from reconnect.web.session_cookies import clear_session_cookie, client_address, set_session

if TYPE_CHECKING:
    from reconnect.services.server import ServerServices

router = APIRouter(tags=["account"])


def _server(request: Request) -> ServerServices:
    server = server_of(request)
    if server is None:
        raise NotFoundError("Not found.")
    return server


@router.post("/login", summary="Log in (server mode)")
def login(body: LoginIn, request: Request, response: Response, later: BackgroundTasks) -> LoginOut:
    """Sets the session cookie. The same refusal for every wrong name, password or code;
    429 with Retry-After after too many. Entries an older analyzer read are read again
    after the answer is sent."""
    server = _server(request)
    started = sessions.login(
        server,
        body.username,
        body.password,
        address=client_address(request),
        code=body.totp,
    )
    csrf = set_session(request, response, started.cookie)
    later.add_task(sessions.catch_up_analysis, server, started.cookie)
    return LoginOut(
        csrf_token=csrf,
        username=started.account.username,
        role=started.account.role,
        scope="enrol" if started.scope == sessions.ENROL else "full",
        expires_at=started.expires_at,
    )


@router.post("/logout", status_code=204, summary="Log out, everywhere this session lives")
def logout(request: Request, response: Response) -> None:
    sessions.logout(
        _server(request),
        request.cookies.get(session_cookie_name(request)),
        address=client_address(request),
    )
    clear_session_cookie(request, response)


@router.post(
    "/sessions/end-others", summary="End every other session of this account", status_code=200
)
def end_other_sessions(request: Request) -> dict[str, int]:
    """Log out everywhere else (other browsers and devices); this session stays."""
    server = _server(request)
    session = active_session(request)
    try:
        ended = sessions.end_other_sessions(server, session)
    finally:
        session.close()
    return {"ended": ended}


@router.get("/me", summary="Who is logged in")
def me(request: Request) -> MeOut:
    _server(request)
    session = active_session(request, allow_enrol=True)
    session.close()
    return MeOut(
        username=session.account.username,
        role=session.account.role,
        totp=session.account.has_totp,
    )


@router.post("/totp/enrol", summary="Start setting up one-time codes")
def totp_enrol(request: Request) -> TotpEnrolOut:
    _server(request)
    session = active_session(request, allow_enrol=True)
    try:
        offered = credentials.begin_totp(session)
    finally:
        session.close()
    return TotpEnrolOut(secret=offered.secret, uri=offered.uri)


@router.post("/totp/confirm", status_code=204, summary="Finish setting up one-time codes")
def totp_confirm(body: TotpConfirmIn, request: Request) -> None:
    server = _server(request)
    session = active_session(request, allow_enrol=True)
    try:
        credentials.confirm_totp(server, session, body.code)
    finally:
        session.close()


@router.post("/invites", status_code=201, summary="Invite someone (admins and counsellors)")
def invite(body: InviteIn, request: Request) -> InviteOut:
    server = _server(request)
    session = active_session(request)
    session.close()
    code = accounts.create_invite(server, body.role, actor=session.account)
    url = f"{request.base_url}signup?invite={code}"
    return InviteOut(code=code, url=url, role=body.role)


@router.post("/password/recover", status_code=204, summary="A new password, with the recovery key")
def recover_password(body: RecoverIn, request: Request) -> None:
    """For a forgotten password: the journal is kept, every session ends. The same refusal
    for every wrong name or key; 429 with Retry-After after too many."""
    credentials.recover_password(
        _server(request),
        body.username,
        body.recovery_key,
        body.new_password,
        address=client_address(request),
    )


@router.post("/signup", status_code=201, summary="Create an account from an invite")
def signup(body: SignupIn, request: Request) -> SignupOut:
    made = accounts.sign_up(_server(request), body.username, body.password, body.invite)
    return SignupOut(
        username=made.account.username, role=made.account.role, recovery_key=made.recovery_key
    )
