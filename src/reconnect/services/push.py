"""Server mode's push reminders: subscribe a browser, set a schedule, and (in the worker)
send the due reminders as Web Push (RFC 8030, encrypted per RFC 8291, signed with VAPID).

The schedule and the subscriptions are in the clear and the worker holds no key: the
server knows when to remind someone, never why. Every push carries the same fixed words,
never journal content and never anything about a crisis (docs/decisions/0011-*).

Delivery is at most once per slot: the slot is claimed before sending, so a worker that
dies mid-send loses that reminder rather than sending it twice, and a failure other than
"gone" (404/410, which deletes the subscription) is logged and not retried for that slot.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from reconnect.domain.push_schedule import (
    PushSchedule,
    check_timezone,
    days_mask,
    due_slot,
    parse_at,
    slot_of,
)
from reconnect.errors import ForbiddenError, InputError
from reconnect.storage import accounts as account_rows
from reconnect.storage import push as rows

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from reconnect.services.server import ServerServices
    from reconnect.storage.accounts import Account

log = logging.getLogger(__name__)

VAPID_SECRET = "vapid_private_pem"
VAPID_SUBJECT = "mailto:admin@localhost"
TITLE = "reconnect"
BODY = "A moment to check in with yourself."
PAYLOAD = json.dumps({"title": TITLE, "body": BODY})
TTL_SECONDS = 3600  # a reminder more than an hour late is not worth showing
SEND_TIMEOUT = 10.0
MAX_DEVICES = 10
GONE = (404, 410)


@dataclass(frozen=True, slots=True)
class EndpointPolicy:
    """Which push endpoints the server will post to: URL schemes, host names (a host
    matches a name or ends with "." + the name), and whether a port may be named."""

    schemes: tuple[str, ...]
    hosts: tuple[str, ...]
    any_port: bool = False

    def allows(self, host: str) -> bool:
        """Whether ``host`` is one of the names, or under one."""
        return any(host == name or host.endswith(f".{name}") for name in self.hosts)


# The browsers' push services, and only these: otherwise a person could make the worker
# post to a host of their choosing, such as a service inside the server's network or on
# its loopback (server-side request forgery), and read its answer from the device count
# (404/410 deletes the subscription). Tests pass their own policy for a loopback service.
PUBLIC_PUSH_SERVICES = EndpointPolicy(
    schemes=("https",),
    hosts=(
        "fcm.googleapis.com",  # Chrome and the other Chromium browsers
        "android.googleapis.com",
        "push.services.mozilla.com",  # Firefox
        "push.apple.com",  # Safari
        "notify.windows.com",  # Edge on Windows
    ),
)


class Sender(Protocol):
    """pywebpush's ``webpush`` call, as used here (tests pass the real one)."""

    def __call__(
        self,
        subscription_info: Mapping[str, Any],
        data: str,
        *,
        vapid_private_key: Any,
        vapid_claims: dict[str, str | int],
        ttl: int,
        timeout: float,
    ) -> Any: ...


@dataclass(frozen=True, slots=True)
class PushStatus:
    """An account's schedule (None: no reminders) and how many browsers it subscribed."""

    schedule: PushSchedule | None
    devices: int


@dataclass(frozen=True, slots=True)
class Due:
    """An account whose reminder is due, and the slot it is due for."""

    account_id: str
    slot: int


@dataclass(frozen=True, slots=True)
class Sent:
    """What one run of ``send_due`` did: accounts reminded, pushes accepted, subscriptions
    removed as gone, pushes that failed otherwise."""

    accounts: int
    delivered: int
    removed: int
    failed: int


def _journal_user(account: Account) -> None:
    # Reminders are for people who keep a journal; admins have none (web/deps.get_services).
    if account.role == "admin":
        raise ForbiddenError(
            "Admin accounts manage accounts; they have no journal here.",
            hint="Use a member account for your own journal.",
        )


def _vapid(server: ServerServices) -> Any:
    from py_vapid import Vapid  # type: ignore[import-untyped]

    with server.transaction() as connection:
        pem = rows.stored_secret(connection, VAPID_SECRET)
        if pem is None:  # first use: a race between two processes keeps the first key
            made = Vapid()
            made.generate_keys()
            pem = account_rows.server_secret(connection, VAPID_SECRET, made.private_pem())
    return Vapid.from_pem(pem)


def ensure_vapid_key(server: ServerServices) -> None:
    """Make the VAPID key pair now if there is none, so no GET request ever writes it."""
    _vapid(server)


def public_key(server: ServerServices, account: Account) -> str:
    """The server's VAPID public key, base64url, for ``pushManager.subscribe``: made at
    first use and shared by every process through ``server_secrets``."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    from py_vapid.utils import b64urlencode  # type: ignore[import-untyped]

    _journal_user(account)
    raw = _vapid(server).public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return str(b64urlencode(raw))


def _key_bytes(text: str, name: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise InputError(f"keys.{name} is not base64url.") from None


def check_endpoint(endpoint: str, policy: EndpointPolicy = PUBLIC_PUSH_SERVICES) -> str:
    """The endpoint if the policy allows its scheme and host (by default: https to a
    browser's push service, default port); InputError otherwise."""
    parts = urlsplit(endpoint)
    try:
        port = parts.port
    except ValueError:
        port = -1
    allowed = (
        parts.scheme in policy.schemes
        and parts.hostname is not None
        and policy.allows(parts.hostname)
        and not (parts.username or parts.password)
        and (port is None or policy.any_port)
    )
    if not allowed:
        raise InputError(
            "The push endpoint must be an https URL of a browser's push service.",
            hint="Send the endpoint from the browser's PushSubscription unchanged.",
        )
    return endpoint


def subscribe(
    server: ServerServices,
    account: Account,
    endpoint: str,
    p256dh: str,
    auth: str,
    *,
    policy: EndpointPolicy = PUBLIC_PUSH_SERVICES,
) -> None:
    """Remember this browser for the account's reminders (InputError for an endpoint the
    policy refuses, bad keys, or past ``MAX_DEVICES`` browsers)."""
    _journal_user(account)
    check_endpoint(endpoint, policy)
    point = _key_bytes(p256dh, "p256dh")
    if len(point) != 65 or point[0] != 4:
        raise InputError("keys.p256dh is not an uncompressed P-256 public key.")
    if len(_key_bytes(auth, "auth")) != 16:
        raise InputError("keys.auth is not a 16-byte secret.")
    with server.transaction() as connection:
        known = rows.has_endpoint(connection, account.id, endpoint)
        if not known and rows.count_subscriptions(connection, account.id) >= MAX_DEVICES:
            raise InputError(
                f"Reminders reach at most {MAX_DEVICES} browsers per account.",
                hint="Turn them off on a browser you no longer use.",
            )
        rows.save_subscription(connection, account.id, endpoint, p256dh, auth, server.clock())


def unsubscribe(server: ServerServices, account: Account, endpoint: str) -> bool:
    """Forget one of the account's browsers; False when it was not subscribed."""
    _journal_user(account)
    with server.transaction() as connection:
        return rows.delete_subscription(connection, account.id, endpoint)


def set_schedule(
    server: ServerServices, account: Account, days: list[int], at: str, timezone: str
) -> PushSchedule:
    """Set when the account is reminded: weekdays (0 = Monday), "HH:MM" local, IANA zone."""
    _journal_user(account)
    schedule = PushSchedule(days_mask(days), parse_at(at), check_timezone(timezone))
    with server.transaction() as connection:
        rows.save_schedule(connection, account.id, schedule)
    return schedule


def clear_schedule(server: ServerServices, account: Account) -> bool:
    """Stop the account's reminders (its browsers stay subscribed); False if there were none."""
    _journal_user(account)
    with server.transaction() as connection:
        return rows.delete_schedule(connection, account.id)


def status(server: ServerServices, account: Account) -> PushStatus:
    """The account's schedule and how many browsers it subscribed."""
    _journal_user(account)
    with server.transaction() as connection:
        return PushStatus(
            rows.get_schedule(connection, account.id),
            rows.count_subscriptions(connection, account.id),
        )


def due_schedules(server: ServerServices, now: datetime) -> list[Due]:
    """Accounts whose reminder is due at ``now`` and not yet sent for that slot."""
    with server.transaction() as connection:
        stored = rows.open_schedules(connection, slot_of(now))
    due = []
    for item in stored:
        slot = due_slot(item.schedule, now)
        if slot is not None and (item.last_slot is None or item.last_slot < slot):
            due.append(Due(item.account_id, slot))
    return due


def claim(server: ServerServices, account_id: str, slot: int) -> bool:
    """Take the right to send this account's reminder for ``slot``; False when another
    worker (or an earlier run) took it."""
    with server.transaction() as connection:
        return rows.claim_slot(connection, account_id, slot)


def _default_sender() -> Sender:
    """pywebpush's ``webpush`` on a session that never follows a redirect: a push service
    answers once, and a redirect must not carry the worker to another host (ASVS 15.3.2)."""
    from functools import partial

    import requests
    from pywebpush import webpush  # type: ignore[import-untyped]

    class NoRedirects(requests.Session):
        def post(self, url: Any, *args: Any, **kwargs: Any) -> Any:
            kwargs["allow_redirects"] = False
            return super().post(url, *args, **kwargs)

    sender: Sender = partial(webpush, requests_session=NoRedirects())
    return sender


def deliver(
    send: Sender, vapid: Any, subscription: rows.Subscription, payload: str = PAYLOAD
) -> tuple[bool, int | None]:
    """Send a fixed payload; (accepted, status code of a refusal or None)."""
    from pywebpush import WebPushException
    from requests import RequestException

    info = {
        "endpoint": subscription.endpoint,
        "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
    }
    try:
        send(
            info,
            payload,
            vapid_private_key=vapid,
            vapid_claims={"sub": VAPID_SUBJECT},  # a fresh dict: pywebpush adds aud and exp
            ttl=TTL_SECONDS,
            timeout=SEND_TIMEOUT,
        )
    except WebPushException as error:
        response = getattr(error, "response", None)
        return False, getattr(response, "status_code", None)
    except RequestException:
        return False, None
    return True, None


def send_due(server: ServerServices, now: datetime, send: Sender | None = None) -> Sent:
    """Send every reminder due at ``now`` to each browser of the account, once per slot.

    A push service answering 404 or 410 (the browser unsubscribed) deletes that
    subscription. Other failures are logged (the push service's host and status, never the
    payload or the endpoint's path, which is a capability) and not retried for that slot.
    """
    send = send or _default_sender()
    due = due_schedules(server, now)
    if not due:
        return Sent(0, 0, 0, 0)
    vapid = _vapid(server)
    reminded = delivered = removed = failed = 0
    for item in due:
        if not claim(server, item.account_id, item.slot):
            continue
        reminded += 1
        with server.transaction() as connection:
            subscriptions = rows.subscriptions_of(connection, item.account_id)
        for subscription in subscriptions:
            accepted, code = deliver(send, vapid, subscription)
            if accepted:
                delivered += 1
            elif code in GONE:
                with server.transaction() as connection:
                    rows.delete_subscription_by_id(connection, subscription.id)
                removed += 1
            else:
                failed += 1
                host = urlsplit(subscription.endpoint).hostname
                log.warning("push to %s failed (status %s); not retried", host, code)
    return Sent(reminded, delivered, removed, failed)
