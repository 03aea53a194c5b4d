"""One-time codes from an authenticator app (TOTP, RFC 6238): secrets, enrolment URIs, checking.

Codes are six digits over 30-second steps with HMAC-SHA1, the defaults every
authenticator app understands. A code is accepted for the current step and one
step either side (RFC 6238 §5.2 allows for clock drift), and only once: the
caller stores the step that matched and passes it back as ``last_step``, so a
code seen over someone's shoulder cannot be replayed (ASVS 5.0 V6.5.1).
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

import pyotp

if TYPE_CHECKING:
    from datetime import datetime

SECRET_CHARS = 32  # base32: 32 x 5 = 160 bits, RFC 4226's recommended length
DIGITS = 6
STEP_SECONDS = 30
DRIFT_STEPS = 1  # steps accepted either side of the current one
_MAX_TYPED = 64  # anything longer is not a code; do not even scan it


def new_secret() -> str:
    """A fresh random 160-bit secret in base32, for example ``JBSWY3DPEHPK3PXP...``."""
    return pyotp.random_base32(SECRET_CHARS)


def provisioning_uri(secret: str, *, account: str, issuer: str = "reconnect") -> str:
    """The ``otpauth://totp/...`` URI that an authenticator app reads from a QR code."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=account, issuer_name=issuer
    )


def accept(secret: str, code: str, *, now: datetime, last_step: int | None) -> int | None:
    """The time step the typed code belongs to, or None if it is wrong, malformed or used.

    Spaces are ignored ("123 456"); anything but exactly six ASCII digits is
    refused before any HMAC is computed. Each candidate step is compared in
    constant time, and a step at or before ``last_step`` is refused even when
    the code is right: a code works once, and never after a later one. ``now``
    must be timezone-aware; a naive one raises ValueError.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be a timezone-aware datetime, not {now.isoformat()}")
    typed = _normalised(code)
    if typed is None:
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    current = totp.timecode(now)
    matched: int | None = None
    # Compare every candidate, without stopping early, so the time taken says nothing.
    for step in range(max(current - DRIFT_STEPS, 0), current + DRIFT_STEPS + 1):
        expected = totp.generate_otp(step)
        if hmac.compare_digest(expected.encode("ascii"), typed.encode("ascii")):
            matched = step
    if matched is None or (last_step is not None and matched <= last_step):
        return None
    return matched


def _normalised(code: str) -> str | None:
    """The six ASCII digits of a typed code, or None (full-width digits are not accepted)."""
    if len(code) > _MAX_TYPED:
        return None
    typed = code.replace(" ", "")
    if len(typed) != DIGITS or not (typed.isascii() and typed.isdigit()):
        return None
    return typed
