"""The JSON API under /api, typed with ``reconnect.contracts``."""

from fastapi import APIRouter, Request

from reconnect.web.api import (
    account,
    couple,
    couple_pattern,
    docs,
    guide,
    journal,
    push,
    selfcheck,
    shares,
)
from reconnect.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
router.include_router(selfcheck.router)
router.include_router(journal.router)
router.include_router(guide.router)
router.include_router(docs.router)
router.include_router(account.router)
router.include_router(push.router)
router.include_router(couple.router)
router.include_router(couple_pattern.router)
router.include_router(shares.router)


@router.get("/csrf", tags=["session"], summary="The CSRF token for unsafe requests")
def csrf_token(request: Request) -> dict[str, str]:
    """Send this value in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE."""
    return {"csrf_token": request.state.csrf_token}
