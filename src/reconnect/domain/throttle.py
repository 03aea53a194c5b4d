"""Login throttling: how long a sign-in must wait, per account and per client address.

The caller stores each failed login (for the username typed and for the client
address) and passes the timestamps of those since the last success; this module
only decides. Two rules, and the longer wait wins:

- **Account** (ASVS 5.0 V6.3.1, NIST SP 800-63B §3.2.2). The first
  ``account_free_failures`` failures inside ``account_window`` cost nothing. Each
  one beyond them makes the next attempt wait after the latest failure:
  ``account_base_delay`` for the first extra failure, doubling with each further
  one, never more than ``account_max_delay``. Separately, ``account_daily_cap``
  failures within 24 hours lock the account until enough of them are a day old
  that fewer than the cap remain, so no more than the cap fail in any 24 hours.
- **Address** (credential stuffing: one address, many usernames). Once more than
  ``address_free_failures`` fall inside ``address_window``, each attempt waits a
  flat ``address_delay`` after the latest failure. A flat delay slows a stuffing
  run to one guess per delay, yet never shuts a shared address (an office behind
  one NAT) out for longer than that delay.

The verdict depends on nothing but the timestamps, so an unknown username is
throttled exactly like a real one and the answer cannot reveal which accounts
exist. No wait is longer than a day, and ``retry_after`` is rounded up to whole
seconds because it becomes an HTTP ``Retry-After`` header.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Sequence

DAY = timedelta(hours=24)
_SECOND = timedelta(seconds=1)
_ZERO = timedelta(0)


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    """The limits: free failures, windows and delays, per account and per address."""

    # Four failures cost nothing; after the fifth inside 15 minutes the next attempt waits
    # a minute (RELIABILITY WEB-8: the sixth try is refused), doubling up to an hour.
    account_free_failures: int = 4
    account_window: timedelta = timedelta(minutes=15)
    account_base_delay: timedelta = timedelta(minutes=1)
    account_max_delay: timedelta = timedelta(hours=1)
    address_free_failures: int = 20
    address_window: timedelta = timedelta(minutes=15)
    address_delay: timedelta = timedelta(minutes=5)
    # NIST SP 800-63B §3.2.2: no more than 100 consecutive failed attempts on one account.
    account_daily_cap: int = 100

    def __post_init__(self) -> None:
        if self.account_free_failures < 0 or self.address_free_failures < 0:
            raise ValueError("free failures must not be negative")
        if self.account_daily_cap < 1:
            raise ValueError("the daily cap must be at least 1")
        if self.account_window <= _ZERO or self.address_window <= _ZERO:
            raise ValueError("windows must be longer than zero")
        if self.account_base_delay <= _ZERO:
            raise ValueError("the base delay must be longer than zero")
        for name in ("account_base_delay", "account_max_delay", "address_delay"):
            if not _ZERO <= getattr(self, name) <= DAY:
                raise ValueError(f"{name} must be between zero and a day")


DEFAULT_POLICY = ThrottlePolicy()


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether to try the password now; if not, how long to wait and which rule said so."""

    allowed: bool
    retry_after: timedelta  # whole seconds; zero when allowed, at least one second otherwise
    reason: Literal["account", "address"] | None


def check(
    policy: ThrottlePolicy,
    *,
    now: datetime,
    account_failures: Sequence[datetime],
    address_failures: Sequence[datetime],
) -> Verdict:
    """The verdict for a login attempt at ``now``, given the failures since the last success.

    All times must be timezone-aware (UTC); a naive one raises ValueError, since
    comparing it with stored UTC times would be off by the server's offset. The
    failures may come in any order; one stamped after ``now`` (clock skew between
    servers) counts as happening ``now``. On a tie the account is named.
    """
    _require_aware(now, "now")
    account = _clamped(account_failures, now, "account_failures")
    address = _clamped(address_failures, now, "address_failures")
    account_until = _account_until(policy, now, account)
    address_until = _address_until(policy, now, address)

    reason: Literal["account", "address"]
    if address_until > account_until:
        until, reason = address_until, "address"
    else:
        until, reason = account_until, "account"
    if until <= now:
        return Verdict(allowed=True, retry_after=_ZERO, reason=None)
    # Round up: a client retrying after a rounded-down Retry-After would be refused again.
    seconds = -((now - until) // _SECOND)
    return Verdict(allowed=False, retry_after=timedelta(seconds=seconds), reason=reason)


def _account_until(policy: ThrottlePolicy, now: datetime, failures: list[datetime]) -> datetime:
    """When the account rules next allow an attempt (``now`` or earlier if they allow it now).

    Failures belong to one run while each follows the one before within the window plus the
    longest wait, so someone who waits out each delay and fails again keeps doubling it (to
    the cap) instead of starting over once the first failures are a window old.
    """
    until = now
    chain = _trailing_run(failures, policy.account_window + policy.account_max_delay)
    extra = len(chain) - policy.account_free_failures
    if extra > 0:
        until = max(until, chain[-1] + _doubled(policy, extra))
    today = [t for t in failures if t > now - DAY]
    if len(today) >= policy.account_daily_cap:
        # Allowed again once only cap - 1 failures remain within the day.
        until = max(until, today[len(today) - policy.account_daily_cap] + DAY)
    return until


def _trailing_run(failures: list[datetime], gap: timedelta) -> list[datetime]:
    """The latest failures in which each follows the previous one within ``gap``."""
    ordered = sorted(failures)
    start = len(ordered)
    while start > 0 and (start == len(ordered) or ordered[start] - ordered[start - 1] <= gap):
        start -= 1
    return ordered[start:]


def _address_until(policy: ThrottlePolicy, now: datetime, failures: list[datetime]) -> datetime:
    """When the address rule next allows an attempt (``now`` or earlier if it allows it now)."""
    recent = [t for t in failures if t > now - policy.address_window]
    if len(recent) > policy.address_free_failures:
        return max(now, recent[-1] + policy.address_delay)
    return now


def _doubled(policy: ThrottlePolicy, extra: int) -> timedelta:
    """``base × 2^(extra-1)``, capped at the maximum delay without building a huge number."""
    base = policy.account_base_delay // timedelta(microseconds=1)
    cap = policy.account_max_delay // timedelta(microseconds=1)
    shift = min(extra - 1, cap.bit_length())  # beyond this the cap applies anyway
    return timedelta(microseconds=min(base << shift, cap))


def _clamped(failures: Sequence[datetime], now: datetime, name: str) -> list[datetime]:
    """The failures in time order, none later than ``now``; ValueError for a naive one."""
    for t in failures:
        _require_aware(t, name)
    return sorted(min(t, now) for t in failures)


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"throttle times must be timezone-aware UTC datetimes; {name} has a naive "
            f"datetime {moment.isoformat()}"
        )
