"""One-time codes: accepted within a step either side, once only, and only as six ASCII digits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, unquote, urlparse

import pyotp
import pytest

from reconnect.crypto.totp import accept, new_secret, provisioning_uri

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
T = datetime(2026, 12, 7, 9, 0, 15, tzinfo=UTC)  # 15 s into its step
STEP = int(T.timestamp()) // 30
CODE = pyotp.TOTP(SECRET).at(T)


@pytest.mark.parametrize(
    ("offset", "step"),
    [
        pytest.param(0, STEP, id="same-step"),
        pytest.param(-30, STEP, id="phone-ahead"),
        pytest.param(30, STEP, id="phone-behind"),
    ],
)
def test_a_code_is_accepted_within_one_step_of_its_own(offset: int, step: int) -> None:
    now = T + timedelta(seconds=offset)
    assert accept(SECRET, CODE, now=now, last_step=None) == step


@pytest.mark.parametrize("offset", [-90, 90], ids=["too-early", "too-late"])
def test_a_code_three_steps_away_is_refused(offset: int) -> None:
    assert accept(SECRET, CODE, now=T + timedelta(seconds=offset), last_step=None) is None


def test_the_matched_step_is_the_codes_own_step_not_the_current_one() -> None:
    later = T + timedelta(seconds=30)
    assert accept(SECRET, pyotp.TOTP(SECRET).at(later), now=T, last_step=None) == STEP + 1


def test_a_code_works_once() -> None:
    step = accept(SECRET, CODE, now=T, last_step=None)
    assert step == STEP
    assert accept(SECRET, CODE, now=T + timedelta(seconds=5), last_step=step) is None


def test_a_code_older_than_the_last_one_used_is_refused() -> None:
    previous = pyotp.TOTP(SECRET).at(T - timedelta(seconds=30))
    assert accept(SECRET, previous, now=T, last_step=STEP) is None
    assert accept(SECRET, previous, now=T, last_step=STEP - 2) == STEP - 1


def test_spaces_in_a_typed_code_are_ignored() -> None:
    spaced = f" {CODE[:3]} {CODE[3:]} "
    assert accept(SECRET, spaced, now=T, last_step=None) == STEP


def test_a_wrong_code_is_refused() -> None:
    wrong = f"{(int(CODE) + 1) % 1_000_000:06d}"
    assert accept(SECRET, wrong, now=T, last_step=None) is None


@pytest.mark.parametrize(
    "code",
    [
        pytest.param("12345", id="five-digits"),
        pytest.param("1234567", id="seven-digits"),
        pytest.param("abcdef", id="letters"),
        pytest.param("１２３４５６", id="full-width-digits"),
        pytest.param("١٢٣٤٥٦", id="arabic-indic-digits"),
        pytest.param("-12345", id="sign"),
        pytest.param("", id="empty"),
        pytest.param("1" * 10_000, id="ten-kilobytes"),
    ],
)
def test_a_malformed_code_is_refused_before_any_hmac(code: str) -> None:
    # Not base32: pyotp would raise if it were asked to compute a code.
    assert accept("not a secret!", code, now=T, last_step=None) is None


def test_the_full_width_form_of_the_right_code_is_refused() -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in CODE)
    assert accept(SECRET, full_width, now=T, last_step=None) is None


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        accept(SECRET, CODE, now=T.replace(tzinfo=None), last_step=None)


def test_the_uri_names_the_issuer_and_the_account() -> None:
    uri = provisioning_uri(SECRET, account="ana@example.org")
    parts = urlparse(uri)
    query = parse_qs(parts.query)
    assert (parts.scheme, parts.netloc) == ("otpauth", "totp")
    assert unquote(parts.path) == "/reconnect:ana@example.org"
    assert query["issuer"] == ["reconnect"]
    assert query["secret"] == [SECRET]
    parsed = pyotp.parse_uri(uri)
    assert isinstance(parsed, pyotp.TOTP)
    assert parsed.at(T) == CODE


def test_a_new_secret_is_160_bits_of_base32_and_never_repeats() -> None:
    secrets = {new_secret() for _ in range(20)}
    assert len(secrets) == 20
    for secret in secrets:
        assert len(secret) == 32
        assert set(secret) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        assert len(pyotp.TOTP(secret).byte_secret()) == 20
