"""HTML pages, one module per feature."""

from fastapi import APIRouter, Depends

from reconnect.web.deps import single_user_only
from reconnect.web.pages import (
    account,
    calendar,
    checkin,
    couple,
    guide,
    home,
    insights,
    journal,
    offline,
    practices,
    report,
    safety_plan,
    selfcheck,
    settings,
    shares,
    unlock,
)

router = APIRouter(include_in_schema=False)
router.include_router(account.router)
router.include_router(home.router)
router.include_router(selfcheck.router)
router.include_router(journal.router)
router.include_router(checkin.router)
router.include_router(couple.router)
router.include_router(insights.router)
router.include_router(calendar.router)
router.include_router(practices.router)
router.include_router(guide.router)
router.include_router(report.router)
router.include_router(safety_plan.router)
router.include_router(settings.router)
router.include_router(shares.router)
router.include_router(unlock.router, dependencies=[Depends(single_user_only)])
router.include_router(offline.router)
