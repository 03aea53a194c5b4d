"""The caller's session for one server-mode route: opened before the route, closed after it.

Routes take ``Opened`` (any account) or ``OpenedMember`` (admins refused) instead of a
``try``/``finally`` each. Both close the session when the route function returns, before
the response is sent, as the ``finally`` blocks they replace did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from reconnect.errors import ForbiddenError, NotFoundError
from reconnect.services.server import ServerServices
from reconnect.services.sessions import ActiveSession
from reconnect.web.deps import active_session, server_of

if TYPE_CHECKING:
    from collections.abc import Iterator

NO_JOURNAL_TO_SHARE = "Admin accounts have no journal to share."


def _open(
    request: Request, *, refuse_admin: bool
) -> Iterator[tuple[ServerServices, ActiveSession]]:
    server = server_of(request)
    if server is None:
        raise NotFoundError("Not found.")
    session = active_session(request)
    try:
        if refuse_admin and session.account.role == "admin":
            raise ForbiddenError(NO_JOURNAL_TO_SHARE)
        yield server, session
    finally:
        session.close()


def opened_session(request: Request) -> Iterator[tuple[ServerServices, ActiveSession]]:
    """The server and the caller's session, closed after the route (404 in the single-user
    app; the services decide what each role may do)."""
    yield from _open(request, refuse_admin=False)


def opened_member_session(request: Request) -> Iterator[tuple[ServerServices, ActiveSession]]:
    """As ``opened_session``, and admins are refused (403): they have no journal to share."""
    yield from _open(request, refuse_admin=True)


# scope="function": the session closes when the route returns, not after the response is sent.
Opened = Annotated[tuple[ServerServices, ActiveSession], Depends(opened_session, scope="function")]
OpenedMember = Annotated[
    tuple[ServerServices, ActiveSession], Depends(opened_member_session, scope="function")
]
