"""Login throttling: free failures, doubling delays, the daily cap and the per-address limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconnect.domain.throttle import DEFAULT_POLICY, ThrottlePolicy, Verdict, check

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
ALLOWED = Verdict(allowed=True, retry_after=timedelta(0), reason=None)


def seconds_ago(*ago: float) -> list[datetime]:
    return [NOW - timedelta(seconds=s) for s in ago]


def by_account(failures: list[datetime], now: datetime = NOW) -> Verdict:
    return check(DEFAULT_POLICY, now=now, account_failures=failures, address_failures=[])


def by_address(failures: list[datetime], now: datetime = NOW) -> Verdict:
    return check(DEFAULT_POLICY, now=now, account_failures=[], address_failures=failures)


def test_five_failures_are_free_and_the_sixth_imposes_a_delay() -> None:
    assert by_account(seconds_ago(5, 4, 3, 2, 1)) == ALLOWED
    assert by_account(seconds_ago(6, 5, 4, 3, 2, 1)) == Verdict(
        allowed=False, retry_after=timedelta(seconds=1), reason="account"
    )
    # The delay runs from the latest failure: 2 s after it, not 2 s from now.
    assert by_account(seconds_ago(6, 5, 4, 3, 2, 0)).retry_after == timedelta(seconds=2)
    assert by_account(seconds_ago(7, 6, 5, 4, 3, 2)) == ALLOWED


@pytest.mark.parametrize(
    ("failures", "delay"),
    [
        pytest.param(6, 2, id="first-extra"),
        pytest.param(7, 4, id="second-extra"),
        pytest.param(8, 8, id="third-extra"),
        pytest.param(11, 64, id="sixth-extra"),
    ],
)
def test_each_further_failure_doubles_the_delay(failures: int, delay: int) -> None:
    verdict = by_account([NOW] * failures)
    assert verdict.retry_after == timedelta(seconds=delay)


def test_the_delay_stops_growing_at_fifteen_minutes() -> None:
    assert by_account([NOW] * 15).retry_after == timedelta(minutes=15)
    assert by_account([NOW] * 99).retry_after == timedelta(minutes=15)


def test_failures_older_than_the_window_no_longer_count() -> None:
    inside = NOW - timedelta(minutes=15) + timedelta(seconds=1)
    assert by_account([inside] * 5 + [NOW]).retry_after == timedelta(seconds=2)
    outside = NOW - timedelta(minutes=15)
    assert by_account([outside] * 5 + [NOW]) == ALLOWED


def test_a_hundred_failures_in_a_day_lock_until_the_oldest_is_a_day_old() -> None:
    # Spread out so the per-window delay never applies: one failure every 14 minutes.
    failures = [NOW - timedelta(minutes=14 * n) for n in range(100)]
    verdict = by_account(failures)
    oldest = min(failures)
    assert verdict == Verdict(
        allowed=False, retry_after=oldest + timedelta(days=1) - NOW, reason="account"
    )
    assert by_account(failures[:99]) == ALLOWED
    later = oldest + timedelta(days=1)
    assert by_account(failures, now=later) == ALLOWED


def test_more_than_the_cap_locks_until_enough_of_them_are_a_day_old() -> None:
    failures = [NOW - timedelta(minutes=14 * n) for n in range(102)]  # 102 within the day
    third_oldest = sorted(failures)[2]
    assert by_account(failures).retry_after == third_oldest + timedelta(days=1) - NOW


def test_many_usernames_from_one_address_are_slowed_as_credential_stuffing() -> None:
    # 21 failures, each for a different username: no single account is over its limit.
    failures = seconds_ago(*range(21, 0, -1))
    assert by_address(failures[:20]) == ALLOWED
    assert by_address(failures) == Verdict(
        allowed=False, retry_after=timedelta(minutes=5) - timedelta(seconds=1), reason="address"
    )
    assert by_address(failures, now=NOW + timedelta(minutes=5)) == ALLOWED


def test_the_longer_wait_wins() -> None:
    verdict = check(
        DEFAULT_POLICY,
        now=NOW,
        account_failures=[NOW] * 6,  # 2 s
        address_failures=[NOW] * 21,  # 5 min
    )
    assert verdict == Verdict(allowed=False, retry_after=timedelta(minutes=5), reason="address")


def test_retry_after_is_rounded_up_to_whole_seconds_and_at_least_one() -> None:
    policy = ThrottlePolicy(account_base_delay=timedelta(milliseconds=1500))
    verdict = check(policy, now=NOW, account_failures=[NOW] * 6, address_failures=[])
    assert verdict.retry_after == timedelta(seconds=2)
    nearly_over = [NOW - timedelta(milliseconds=1999)] * 6  # 1 ms of the 2 s delay left
    assert by_account(nearly_over).retry_after == timedelta(seconds=1)


def test_failures_stamped_in_the_future_count_as_now() -> None:
    ahead = [NOW + timedelta(days=365)] * 6
    assert by_account(ahead).retry_after == timedelta(seconds=2)


@pytest.mark.parametrize(
    ("now", "failures", "where"),
    [
        pytest.param(NOW.replace(tzinfo=None), [], "now", id="now"),
        pytest.param(NOW, [NOW.replace(tzinfo=None)], "account_failures", id="failure"),
    ],
)
def test_a_naive_datetime_is_refused_with_a_clear_message(
    now: datetime, failures: list[datetime], where: str
) -> None:
    with pytest.raises(ValueError, match=f"timezone-aware UTC.*{where} has a naive datetime"):
        check(DEFAULT_POLICY, now=now, account_failures=failures, address_failures=[])


def test_a_policy_with_a_wait_longer_than_a_day_is_refused() -> None:
    with pytest.raises(ValueError, match="account_max_delay must be between zero and a day"):
        ThrottlePolicy(account_max_delay=timedelta(days=2))


policies = st.builds(
    ThrottlePolicy,
    account_free_failures=st.integers(0, 10),
    account_window=st.timedeltas(timedelta(seconds=1), timedelta(days=2)),
    account_base_delay=st.timedeltas(timedelta(microseconds=1), timedelta(hours=1)),
    account_max_delay=st.timedeltas(timedelta(0), timedelta(days=1)),
    address_free_failures=st.integers(0, 30),
    address_window=st.timedeltas(timedelta(seconds=1), timedelta(days=2)),
    address_delay=st.timedeltas(timedelta(0), timedelta(days=1)),
    account_daily_cap=st.integers(1, 150),
)
moments = st.datetimes(
    min_value=datetime(2026, 12, 5), max_value=datetime(2026, 12, 9), timezones=st.just(UTC)
)


@given(
    policy=policies,
    account=st.lists(moments, max_size=160),
    address=st.lists(moments, max_size=60),
)
def test_retry_after_is_whole_seconds_within_a_day_and_zero_exactly_when_allowed(
    policy: ThrottlePolicy, account: list[datetime], address: list[datetime]
) -> None:
    verdict = check(policy, now=NOW, account_failures=account, address_failures=address)
    assert timedelta(0) <= verdict.retry_after <= timedelta(days=1)
    assert verdict.retry_after % timedelta(seconds=1) == timedelta(0)
    assert verdict.allowed == (verdict.retry_after == timedelta(0))
    assert (verdict.reason is None) == verdict.allowed
