"""Liveness and readiness for a process manager or a load balancer."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from reconnect.errors import StorageError
from reconnect.services.health import readiness
from reconnect.web.deps import server_of

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process answers (it says nothing about the database)."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    """200 when the database answers and its migrations are current, else 503 and why."""
    try:
        problem = readiness(server_of(request), request.app.state.services)
    except StorageError as exc:
        problem = exc.message
    if problem is not None:
        return JSONResponse({"status": "not ready", "reason": problem}, status_code=503)
    return JSONResponse({"status": "ready"})
