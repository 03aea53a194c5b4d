"""Server mode's push reminders API: the server's public key, this browser's subscription
and the account's schedule. The server learns when to remind, never why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request

from reconnect.contracts.push import (
    PushKeyOut,
    PushStatusOut,
    ScheduleIn,
    ScheduleOut,
    SubscriptionIn,
    UnsubscribeIn,
)
from reconnect.domain.push_schedule import days_of, format_at
from reconnect.errors import NotFoundError
from reconnect.services import push
from reconnect.web.deps import active_session, server_of

if TYPE_CHECKING:
    from reconnect.domain.push_schedule import PushSchedule
    from reconnect.services.server import ServerServices
    from reconnect.storage.accounts import Account

router = APIRouter(prefix="/push", tags=["push"])


def _caller(request: Request) -> tuple[ServerServices, Account]:
    """Server mode's services and the logged-in account (this API never opens the journal)."""
    server = server_of(request)
    if server is None:
        raise NotFoundError("Not found.")
    session = active_session(request)
    session.close()
    return server, session.account


def _schedule_out(schedule: PushSchedule) -> ScheduleOut:
    return ScheduleOut(
        days=days_of(schedule.days), at=format_at(schedule.at_minute), timezone=schedule.timezone
    )


@router.get("/key", summary="The server's public key for push subscriptions")
def key(request: Request) -> PushKeyOut:
    server, account = _caller(request)
    return PushKeyOut(public_key=push.public_key(server, account))


@router.get("", summary="This account's reminder schedule and subscribed browsers")
def status(request: Request) -> PushStatusOut:
    server, account = _caller(request)
    found = push.status(server, account)
    schedule = None if found.schedule is None else _schedule_out(found.schedule)
    return PushStatusOut(schedule=schedule, devices=found.devices)


@router.put("/subscription", status_code=204, summary="Remind this browser")
def subscribe(body: SubscriptionIn, request: Request) -> None:
    """Send the browser's ``PushSubscription`` as JSON; an https endpoint only."""
    server, account = _caller(request)
    push.subscribe(server, account, body.endpoint, body.keys.p256dh, body.keys.auth)


@router.delete("/subscription", status_code=204, summary="Stop reminding this browser")
def unsubscribe(body: UnsubscribeIn, request: Request) -> None:
    server, account = _caller(request)
    push.unsubscribe(server, account, body.endpoint)


@router.put("/schedule", summary="Set when reminders come")
def set_schedule(body: ScheduleIn, request: Request) -> ScheduleOut:
    """422 for no days, a day outside 0..6, a time not like 19:30, or an unknown zone."""
    server, account = _caller(request)
    return _schedule_out(push.set_schedule(server, account, body.days, body.at, body.timezone))


@router.delete("/schedule", status_code=204, summary="Stop reminders (browsers stay subscribed)")
def clear_schedule(request: Request) -> None:
    server, account = _caller(request)
    push.clear_schedule(server, account)
