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


def test_the_defaults_are_four_free_failures_then_a_minute_doubling_to_an_hour() -> None:
    """WEB-8: the numbers the acceptance row is written against."""
    assert DEFAULT_POLICY.account_free_failures == 4
    assert DEFAULT_POLICY.account_window == timedelta(minutes=15)
    assert DEFAULT_POLICY.account_base_delay == timedelta(minutes=1)
    assert DEFAULT_POLICY.account_max_delay == timedelta(hours=1)
    assert DEFAULT_POLICY.address_free_failures == 20
    assert DEFAULT_POLICY.address_delay == timedelta(minutes=5)
    assert DEFAULT_POLICY.account_daily_cap == 100


def test_four_failures_are_free_and_after_the_fifth_the_sixth_attempt_waits() -> None:
    """WEB-8: after five failures inside 15 minutes the sixth attempt waits a minute."""
    assert by_account(seconds_ago(4, 3, 2, 1)) == ALLOWED
    assert by_account(seconds_ago(5, 4, 3, 2, 0)) == Verdict(
        allowed=False, retry_after=timedelta(seconds=60), reason="account"
    )
    # The delay runs from the latest failure: 60 s after it, not 60 s from now.
    assert by_account(seconds_ago(25, 24, 23, 22, 21)) == Verdict(
        allowed=False, retry_after=timedelta(seconds=39), reason="account"
    )
    assert by_account(seconds_ago(64, 63, 62, 61, 60)) == ALLOWED
    assert by_account(seconds_ago(64, 63, 62, 61, 59)).retry_after == timedelta(seconds=1)


@pytest.mark.parametrize(
    ("failures", "delay"),
    [
        pytest.param(5, 60, id="first-extra"),
        pytest.param(6, 120, id="second-extra"),
        pytest.param(7, 240, id="third-extra"),
        pytest.param(8, 480, id="fourth-extra"),
        pytest.param(10, 1920, id="sixth-extra"),
    ],
)
def test_each_further_failure_doubles_the_delay(failures: int, delay: int) -> None:
    verdict = by_account([NOW] * failures)
    assert verdict == Verdict(allowed=False, retry_after=timedelta(seconds=delay), reason="account")


def test_the_delay_stops_growing_at_an_hour() -> None:
    assert by_account([NOW] * 10).retry_after == timedelta(minutes=32)
    assert by_account([NOW] * 11).retry_after == timedelta(hours=1)  # 64 min, capped
    assert by_account([NOW] * 15).retry_after == timedelta(hours=1)
    assert by_account([NOW] * 99).retry_after == timedelta(hours=1)


def test_a_quiet_spell_longer_than_the_window_and_the_longest_wait_starts_over() -> None:
    # Failures belong to one run while each follows the last within 15 min + 1 h.
    quiet = timedelta(minutes=15) + timedelta(hours=1)
    within = NOW - quiet
    assert by_account([within] * 4 + [NOW]).retry_after == timedelta(seconds=60)
    after = NOW - quiet - timedelta(seconds=1)
    assert by_account([after] * 4 + [NOW]) == ALLOWED
    assert by_account([after] * 50 + [NOW] * 4) == ALLOWED


def test_someone_who_waits_out_each_delay_and_fails_again_keeps_doubling_to_the_cap() -> None:
    """WEB-8: the wait doubles up to an hour; it does not start over after 15 minutes."""
    failures = [NOW - timedelta(hours=3)] * 5
    waits = []
    moment = failures[-1]
    for _ in range(8):
        verdict = by_account(failures, now=moment)
        waits.append(verdict.retry_after)
        moment = moment + verdict.retry_after
        assert by_account(failures, now=moment).allowed
        failures.append(moment)
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60)]


def test_a_hundred_failures_in_a_day_lock_until_the_oldest_is_a_day_old() -> None:
    # One failure every 10 minutes: the run's one-hour wait is shorter than the cap's.
    failures = [NOW - timedelta(minutes=10 * n) for n in range(100)]
    verdict = by_account(failures)
    oldest = min(failures)
    assert verdict == Verdict(
        allowed=False, retry_after=oldest + timedelta(days=1) - NOW, reason="account"
    )
    assert by_account(failures[:99]).retry_after == timedelta(hours=1)  # the run's wait only
    later = oldest + timedelta(days=1)
    assert by_account(failures, now=later) == ALLOWED


def test_more_than_the_cap_locks_until_enough_of_them_are_a_day_old() -> None:
    failures = [NOW - timedelta(minutes=10 * n) for n in range(102)]  # 102 within the day
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
        account_failures=[NOW] * 6,  # 2 min
        address_failures=[NOW] * 21,  # 5 min
    )
    assert verdict == Verdict(allowed=False, retry_after=timedelta(minutes=5), reason="address")
    verdict = check(
        DEFAULT_POLICY,
        now=NOW,
        account_failures=[NOW] * 8,  # 8 min
        address_failures=[NOW] * 21,  # 5 min
    )
    assert verdict == Verdict(allowed=False, retry_after=timedelta(minutes=8), reason="account")


def test_retry_after_is_rounded_up_to_whole_seconds_and_at_least_one() -> None:
    policy = ThrottlePolicy(account_base_delay=timedelta(milliseconds=1500))
    verdict = check(policy, now=NOW, account_failures=[NOW] * 5, address_failures=[])
    assert verdict.retry_after == timedelta(seconds=2)
    nearly_over = [NOW - timedelta(milliseconds=59_999)] * 5  # 1 ms of the 60 s delay left
    assert by_account(nearly_over).retry_after == timedelta(seconds=1)


def test_failures_stamped_in_the_future_count_as_now() -> None:
    ahead = [NOW + timedelta(days=365)] * 5
    assert by_account(ahead).retry_after == timedelta(seconds=60)


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
