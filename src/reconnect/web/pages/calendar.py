"""The calendar pages: a month of check-ins and entries, and what was recorded on one day."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from reconnect.domain.calendar import parse_day, parse_month
from reconnect.domain.checkins import MOOD_WORDS
from reconnect.domain.markers import MARKER_NAMES
from reconnect.errors import InputError
from reconnect.services.calendar import day_records, month_calendar
from reconnect.web.deps import ServicesDep, render

router = APIRouter()
# The mood meter's corners as the legend draws them: top row high energy, right pleasant.
METER = (("red", "yellow"), ("blue", "green"))


@router.get("/insights/calendar", response_class=HTMLResponse)
def month_page(
    request: Request, services: ServicesDep, month: str | None = None, sign: str | None = None
) -> HTMLResponse:
    """A month (``?month=YYYY-MM``; this month by default); ``?sign=`` marks the days with it."""
    if sign and sign not in MARKER_NAMES:
        raise InputError(f"unknown sign {sign!r}", hint="Choose a sign from the list.")
    shown = month_calendar(services, parse_month(month) if month else None)
    context = {
        "month": shown,
        "sign": sign or None,
        "markers": MARKER_NAMES,
        "meter": METER,
        "mood_words": MOOD_WORDS,
    }
    return render(request, "calendar/month.html", context)


@router.get("/insights/calendar/{day}", response_class=HTMLResponse)
def day_page(request: Request, day: str, services: ServicesDep) -> HTMLResponse:
    """Every check-in and entry of one day (``YYYY-MM-DD``)."""
    records = day_records(services, parse_day(day))
    return render(request, "calendar/day.html", {"records": records, "meter": METER})
