"""Server mode's weekly couple check-in reminder: on Sunday at 18:00 in the server's zone,
one Web Push to each partner who has not answered this ISO week's check-in yet.

The worker holds no key and reads only who is paired, who is paused, who answered which
week and who subscribed a browser. The push carries fixed words: never the partner's name,
never an answer, never whether the partner has answered (docs/decisions/0011-*). A paused
couple gets nothing, and answering ends the reminder for that week.

Once per week: the worker runs ``send_weekly`` from an hourly procrastinate periodic task,
whose tick is deferred once across all workers, and a job that was retried after a stall
does not run again (reconnect.worker). Delivery is therefore at most once, like the daily
reminders: a failed push is logged and not retried.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from reconnect.domain.couple_checkin import iso_week
from reconnect.services import push
from reconnect.storage import push as rows

if TYPE_CHECKING:
    from datetime import datetime, tzinfo

    from reconnect.services.server import ServerServices

log = logging.getLogger(__name__)

WEEKDAY = 6  # Sunday (Monday is 0), the last day of the ISO week
HOUR = 18  # local to the server's zone (Settings.zone)
BODY = "Your weekly check-in with your partner is open."
PAYLOAD = json.dumps({"title": push.TITLE, "body": BODY})


def is_reminder_hour(now: datetime, zone: tzinfo) -> bool:
    """Whether ``now`` falls in the reminder's hour (Sunday 18:00-18:59 in ``zone``)."""
    local = now.astimezone(zone)
    return local.weekday() == WEEKDAY and local.hour == HOUR


def _default_sender() -> push.Sender:
    from pywebpush import webpush  # type: ignore[import-untyped]

    sender: push.Sender = webpush
    return sender


def _vapid(server: ServerServices) -> Any:
    from py_vapid import Vapid  # type: ignore[import-untyped]

    push.ensure_vapid_key(server)
    with server.transaction() as connection:
        pem = rows.stored_secret(connection, push.VAPID_SECRET)
    assert pem is not None
    return Vapid.from_pem(pem)


def remind_unanswered(
    server: ServerServices, now: datetime, send: push.Sender | None = None
) -> push.Sent:
    """Push the fixed reminder to every browser of each partner who has not answered the
    ISO week of ``now`` (server's zone), in couples that are not paused.

    Not idempotent by itself: the worker calls it once a week (``send_weekly``). A 404 or
    410 deletes that subscription; other failures are logged (host and status only) and
    not retried.
    """
    week = iso_week(now, server.settings.zone)
    with server.transaction() as connection:
        accounts = rows.unanswered_partners(connection, week)
    if not accounts:
        return push.Sent(0, 0, 0, 0)
    send = send or _default_sender()
    vapid = _vapid(server)
    delivered = removed = failed = 0
    for account_id in accounts:
        with server.transaction() as connection:
            subscriptions = rows.subscriptions_of(connection, account_id)
        for subscription in subscriptions:
            accepted, code = push.deliver(send, vapid, subscription, PAYLOAD)
            if accepted:
                delivered += 1
            elif code in push.GONE:
                with server.transaction() as connection:
                    rows.delete_subscription_by_id(connection, subscription.id)
                removed += 1
            else:
                failed += 1
                host = urlsplit(subscription.endpoint).hostname
                log.warning("check-in push to %s failed (status %s); not retried", host, code)
    return push.Sent(len(accounts), delivered, removed, failed)


def send_weekly(
    server: ServerServices, now: datetime, send: push.Sender | None = None
) -> push.Sent:
    """``remind_unanswered`` when ``now`` is in the reminder's hour, else nothing."""
    if not is_reminder_hour(now, server.settings.zone):
        return push.Sent(0, 0, 0, 0)
    return remind_unanswered(server, now, send)
