"""Server mode's session cookie: set at login with a fresh CSRF token, cleared at logout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.web.deps import session_cookie_name

if TYPE_CHECKING:
    from fastapi import Request, Response

    from reconnect.web.security import CsrfTokens


def client_address(request: Request) -> str:
    """The client's address (uvicorn takes it from X-Forwarded-For only behind a proxy
    it trusts)."""
    return request.client.host if request.client is not None else "unknown"


def _rotate_csrf(request: Request) -> str:
    """A fresh CSRF token for this browser; the guard middleware sets its cookie."""
    tokens: CsrfTokens = request.app.state.csrf_tokens
    token = tokens.new()
    request.scope.setdefault("state", {})["csrf_rotated"] = token
    request.state.csrf_token = token
    return token


def set_session(request: Request, response: Response, cookie: str) -> str:
    """Set the session cookie (HttpOnly, SameSite=Strict, Path=/, Secure over TLS) and
    rotate the CSRF token; returns the new token."""
    response.set_cookie(
        session_cookie_name(request),
        cookie,
        path="/",
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="strict",
    )
    return _rotate_csrf(request)


def clear_session_cookie(request: Request, response: Response) -> None:
    """Tell the browser to drop the session cookie, and rotate the CSRF token."""
    response.delete_cookie(
        session_cookie_name(request),
        path="/",
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="strict",
    )
    _rotate_csrf(request)
