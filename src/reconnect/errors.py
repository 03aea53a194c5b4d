"""The one exception hierarchy of reconnect; interfaces translate it in one place each.

ReconnectError            anything reconnect can explain to a person
├── InputError            the input was wrong (CLI exit 2, HTTP 422)
├── NotFoundError         an id that does not exist (exit 1, HTTP 404)
├── StorageError          the database cannot be used (exit 1, HTTP 503)
├── CryptoError           encryption failed (exit 1, HTTP 400)
│   ├── WrongPassphraseError
│   ├── DamagedKeySlotError   a key slot or data key is damaged (not a wrong passphrase)
│   ├── TamperedDataError     a ciphertext failed its integrity check
│   └── LockedError           the journal is locked (exit 1, HTTP 401)
├── NotSetUpError         no journal has been created here yet (exit 1, HTTP 409)
└── ContentError          a shipped data file is invalid (a bug in reconnect)
"""

from __future__ import annotations


class ReconnectError(Exception):
    """Base class: a message a person can act on, and an optional hint."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(ReconnectError):
    """The input given (an option, a file, a form field) is not acceptable."""

    exit_code = 2
    http_status = 422


class NotFoundError(ReconnectError):
    """Something asked for by id does not exist."""

    http_status = 404


class StorageError(ReconnectError):
    """The database cannot be opened, read or written."""

    http_status = 503


class CryptoError(ReconnectError):
    """Encrypting or decrypting failed."""

    http_status = 400


class WrongPassphraseError(CryptoError):
    """The passphrase does not unlock the key slot."""


class TamperedDataError(CryptoError):
    """A ciphertext failed its integrity check."""


class DamagedKeySlotError(CryptoError):
    """A key slot or a data key is damaged (bytes changed, or impossible parameters).

    Never a wrong passphrase: the message says which key and what to do instead.
    """


class LockedError(CryptoError):
    """The journal is encrypted and no key has been given yet."""

    http_status = 401


class NotSetUpError(ReconnectError):
    """No journal exists in this database yet."""

    http_status = 409


class ContentError(ReconnectError):
    """A data file shipped with reconnect is invalid: a bug, not a user mistake."""


class NotLoggedInError(ReconnectError):
    """Server mode: the request has no live session (none, ended, expired or idle too long)."""

    http_status = 401


class LoginFailedError(ReconnectError):
    """Server mode: the username, password or one-time code is wrong.

    One message for every cause, so a refusal never tells whether an account exists.
    """

    http_status = 401


class ForbiddenError(ReconnectError):
    """Server mode: the session may not do this (a role it lacks, or TOTP not set up yet)."""

    http_status = 403


class EnrolmentRequiredError(ForbiddenError):
    """Server mode: this account must set up one-time codes before anything else."""


class ThrottledError(ReconnectError):
    """Server mode: too many failed logins; ``retry_after`` says how many seconds to wait."""

    http_status = 429

    def __init__(self, message: str, retry_after: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after
