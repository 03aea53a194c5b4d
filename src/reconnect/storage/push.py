"""Rows of server mode's push reminders: browsers' subscriptions and each account's schedule.

Nothing here is journal content, and nothing is encrypted: the worker that reads these rows
holds no key (docs/decisions/0011-*).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select, update

from reconnect.domain.push_schedule import PushSchedule
from reconnect.storage.server_tables import (
    AccountRow,
    PushScheduleRow,
    PushSubscriptionRow,
    ServerSecretRow,
)
from reconnect.storage.together_tables import CoupleAnswerRow, CoupleRow

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class Subscription:
    """Where one browser receives pushes, and its keys (RFC 8291's p256dh and auth)."""

    id: int
    account_id: str
    endpoint: str
    p256dh: str
    auth: str


@dataclass(frozen=True, slots=True)
class StoredSchedule:
    """One account's schedule and the slot it last fired for (None: never)."""

    account_id: str
    schedule: PushSchedule
    last_slot: int | None


def save_subscription(
    connection: Connection,
    account_id: str,
    endpoint: str,
    p256dh: str,
    auth: str,
    now: datetime,
) -> None:
    """Store a subscription; an endpoint already stored moves to this account with its new
    keys (one browser profile, one endpoint: whoever subscribed last gets the reminders)."""
    moved = connection.execute(
        update(PushSubscriptionRow)
        .where(PushSubscriptionRow.endpoint == endpoint)
        .values(account_id=account_id, p256dh=p256dh, auth=auth, created_at=now)
    )
    if moved.rowcount == 0:
        connection.execute(
            insert(PushSubscriptionRow).values(
                account_id=account_id, endpoint=endpoint, p256dh=p256dh, auth=auth, created_at=now
            )
        )


def has_endpoint(connection: Connection, account_id: str, endpoint: str) -> bool:
    """Whether this account already holds this endpoint."""
    found = connection.execute(
        select(PushSubscriptionRow.id).where(
            PushSubscriptionRow.account_id == account_id, PushSubscriptionRow.endpoint == endpoint
        )
    ).first()
    return found is not None


def delete_subscription(connection: Connection, account_id: str, endpoint: str) -> bool:
    """Remove one of this account's subscriptions; False when it had none with that endpoint."""
    result = connection.execute(
        delete(PushSubscriptionRow).where(
            PushSubscriptionRow.account_id == account_id, PushSubscriptionRow.endpoint == endpoint
        )
    )
    return result.rowcount == 1


def delete_subscription_by_id(connection: Connection, subscription_id: int) -> None:
    """Remove a subscription the push service says is gone."""
    connection.execute(delete(PushSubscriptionRow).where(PushSubscriptionRow.id == subscription_id))


def count_subscriptions(connection: Connection, account_id: str) -> int:
    """How many browsers this account has subscribed."""
    query = select(func.count()).where(PushSubscriptionRow.account_id == account_id)
    return int(connection.execute(query).scalar_one())


def subscriptions_of(connection: Connection, account_id: str) -> list[Subscription]:
    """Every subscription of one account, oldest first."""
    rows = connection.execute(
        select(
            PushSubscriptionRow.id,
            PushSubscriptionRow.account_id,
            PushSubscriptionRow.endpoint,
            PushSubscriptionRow.p256dh,
            PushSubscriptionRow.auth,
        )
        .where(PushSubscriptionRow.account_id == account_id)
        .order_by(PushSubscriptionRow.id)
    )
    return [Subscription(*row) for row in rows]


def save_schedule(connection: Connection, account_id: str, schedule: PushSchedule) -> None:
    """Set (or replace) an account's schedule. ``last_slot`` is kept, so saving the same
    schedule again just after a reminder was sent does not send it twice."""
    values = {"days": schedule.days, "at_minute": schedule.at_minute, "timezone": schedule.timezone}
    changed = connection.execute(
        update(PushScheduleRow).where(PushScheduleRow.account_id == account_id).values(**values)
    )
    if changed.rowcount == 0:
        connection.execute(
            insert(PushScheduleRow).values(account_id=account_id, last_slot=None, **values)
        )


def get_schedule(connection: Connection, account_id: str) -> PushSchedule | None:
    """An account's schedule, or None."""
    row = connection.execute(
        select(PushScheduleRow.days, PushScheduleRow.at_minute, PushScheduleRow.timezone).where(
            PushScheduleRow.account_id == account_id
        )
    ).first()
    return None if row is None else PushSchedule(row[0], row[1], row[2])


def delete_schedule(connection: Connection, account_id: str) -> bool:
    """Remove an account's schedule; False when there was none."""
    result = connection.execute(
        delete(PushScheduleRow).where(PushScheduleRow.account_id == account_id)
    )
    return result.rowcount == 1


def open_schedules(connection: Connection, before_slot: int) -> list[StoredSchedule]:
    """Schedules of enabled accounts with at least one subscription that have not fired
    since ``before_slot`` (the caller narrows them down to the due ones)."""
    subscribed = select(PushSubscriptionRow.id).where(
        PushSubscriptionRow.account_id == PushScheduleRow.account_id
    )
    rows = connection.execute(
        select(
            PushScheduleRow.account_id,
            PushScheduleRow.days,
            PushScheduleRow.at_minute,
            PushScheduleRow.timezone,
            PushScheduleRow.last_slot,
        )
        .join(AccountRow, AccountRow.id == PushScheduleRow.account_id)
        .where(
            AccountRow.disabled.is_(False),
            subscribed.exists(),
            PushScheduleRow.last_slot.is_(None) | (PushScheduleRow.last_slot < before_slot),
        )
    )
    return [
        StoredSchedule(account, PushSchedule(days, at_minute, zone), last)
        for account, days, at_minute, zone, last in rows
    ]


def claim_slot(connection: Connection, account_id: str, slot: int) -> bool:
    """Record ``slot`` as sent for this account; False when it (or a later one) already was.

    One UPDATE with the condition in it, so of many workers exactly one wins a slot.
    """
    result = connection.execute(
        update(PushScheduleRow)
        .where(
            PushScheduleRow.account_id == account_id,
            PushScheduleRow.last_slot.is_(None) | (PushScheduleRow.last_slot < slot),
        )
        .values(last_slot=slot)
    )
    return result.rowcount == 1


def unanswered_partners(connection: Connection, week: str) -> list[str]:
    """Accounts to remind of ``week``'s couple check-in: enabled, with at least one
    subscription, in a couple that is not paused, and not yet answered for ``week``.

    Only ids: nothing about the couple, the partner or the answers leaves this query.
    """
    subscribed = select(PushSubscriptionRow.id).where(
        PushSubscriptionRow.account_id == AccountRow.id
    )
    answered = select(CoupleAnswerRow.account_id).where(
        CoupleAnswerRow.couple_id == CoupleRow.id,
        CoupleAnswerRow.week == week,
        CoupleAnswerRow.account_id == AccountRow.id,
    )
    rows = connection.execute(
        select(AccountRow.id)
        .join(
            CoupleRow,
            (CoupleRow.a_account == AccountRow.id) | (CoupleRow.b_account == AccountRow.id),
        )
        .where(
            AccountRow.disabled.is_(False),
            CoupleRow.paused_at.is_(None),
            subscribed.exists(),
            ~answered.exists(),
        )
        .order_by(AccountRow.id)
    )
    return [str(account) for (account,) in rows]


def stored_secret(connection: Connection, name: str) -> bytes | None:
    """A shared secret if it exists (``accounts.server_secret`` makes one)."""
    value = connection.execute(
        select(ServerSecretRow.value).where(ServerSecretRow.name == name)
    ).scalar()
    return None if value is None else bytes(value)
