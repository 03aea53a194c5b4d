"""Turn errors into responses in one place: JSON under /api, an htmx fragment, or a page."""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request as StarletteRequest
from starlette.responses import Response
from starlette.routing import Mount, compile_path

from reconnect.errors import (
    EnrolmentRequiredError,
    LockedError,
    NotFoundError,
    NotLoggedInError,
    NotSetUpError,
    ReconnectError,
    ThrottledError,
)
from reconnect.web.deps import render

if TYPE_CHECKING:
    from collections.abc import Mapping

    from fastapi import FastAPI, Request
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("reconnect.web")


class ErrorOut(BaseModel):
    """The body of every error answer under /api."""

    error: str = Field(description="What went wrong, in one line.")
    hint: str | None = Field(default=None, description="What to do about it, when known.")


ERROR_RESPONSES: dict[int | str, dict[str, object]] = {
    "4XX": {"model": ErrorOut, "description": "Refused: not found, invalid input, or no token."}
}


def _respond(
    request: Request,
    status: int,
    message: str,
    hint: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    response: Response
    if request.url.path.startswith("/api"):
        body = ErrorOut(error=message, hint=hint)
        response = JSONResponse(body.model_dump(), status_code=status)
    else:
        template = "_error.html" if request.headers.get("hx-request") else "error.html"
        context = {"status": status, "message": message, "hint": hint}
        response = render(request, template, context, status_code=status)
    response.headers.update(headers or {})
    return response


def allowed_methods(request: Request) -> str:
    """Every method some route answers at this path, for the ``Allow`` header of a 405.

    Starlette names only the first route that matched the path, but GET and POST
    ``/api/entries`` are two routes (RFC 9110 §15.5.6: list all the target's methods).
    """
    path = request.url.path
    methods: set[str] = set()
    for context in iter_route_contexts(request.app.routes):
        if context.path is None:
            continue
        if isinstance(context.original_route, Mount):
            if path.startswith(f"{context.path.rstrip('/')}/"):
                methods |= {"GET", "HEAD"}  # the static files
        elif compile_path(context.path)[0].match(path):
            methods |= set(context.methods or ())
    return ", ".join(sorted(methods))


async def _reconnect_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ReconnectError)
    if isinstance(exc, LockedError | NotSetUpError) and not request.url.path.startswith("/api"):
        back = quote(request.url.path, safe="/")
        target = "/setup" if isinstance(exc, NotSetUpError) else f"/unlock?next={back}"
        if request.headers.get("hx-request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    if isinstance(exc, NotLoggedInError) and not request.url.path.startswith("/api"):
        target = f"/login?next={quote(request.url.path, safe='/')}"
        if request.headers.get("hx-request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    if isinstance(exc, EnrolmentRequiredError) and not request.url.path.startswith("/api"):
        if request.headers.get("hx-request"):
            return Response(status_code=204, headers={"HX-Redirect": "/account/totp"})
        return RedirectResponse("/account/totp", status_code=303)
    if isinstance(exc, ThrottledError):
        headers = {"Retry-After": str(exc.retry_after)}
        return _respond(request, exc.http_status, exc.message, exc.hint, headers=headers)
    hint = exc.hint
    if isinstance(exc, LockedError):  # the command line's hint (RECONNECT_PASSPHRASE) is not ours
        hint = "Unlock it first on the unlock page (/unlock); the web app always asks."
    elif isinstance(exc, NotSetUpError):
        hint = "Set it up first on the setup page (/setup)."
    elif isinstance(exc, NotFoundError) and hint and "reconnect " in hint:
        hint = None  # "list them with: reconnect log" is for the command line
    return _respond(request, exc.http_status, exc.message, hint)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    # With no field to name (a list or a bare string where an object belongs), the body is it.
    message = f"{where or 'the request body'}: {first.get('msg', 'invalid input')}"
    return _respond(request, 422, message)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = {404: "Not found.", 405: "Method not allowed."}.get(exc.status_code, str(exc.detail))
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = allowed_methods(request)
    return _respond(request, exc.status_code, message, headers=headers)


async def _unexpected(request: Request, exc: Exception) -> Response:
    # WEB-13: a generic body; the log gets a request id and the exception type only.
    request_id = uuid.uuid4().hex[:12]
    log.error("unexpected %s in request %s", type(exc).__name__, request_id)
    return _respond(request, 500, f"Something went wrong (request {request_id}).")


class UnexpectedErrorMiddleware:
    """WEB-13: answer what no route handled with the generic 500, and never re-raise it.

    Starlette's own last-resort handler re-raises after answering so the server can log
    it, and uvicorn then logs the whole traceback, whose message may hold journal text,
    a path or SQL. Here the exception stops: the log keeps its type and a request id.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            response = await _unexpected(StarletteRequest(scope), exc)
            if not started:  # once an answer has begun, nothing more can be sent
                await response(scope, receive, send)


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""
    app.add_exception_handler(ReconnectError, _reconnect_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
