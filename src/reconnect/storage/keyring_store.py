"""The OS keyring, when a person opts in: it holds the journal's master key under the journal id.

Used only by the command line (the web app always asks). Everything the keyring
library can raise becomes a one-line StorageError.
"""

from __future__ import annotations

from reconnect.errors import StorageError

SERVICE = "reconnect"


def backend_name() -> str:
    """The keyring backend in use, for messages."""
    import keyring

    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def store_master_key(journal_id: str, master_key: bytes) -> None:
    """Keep the master key in the keyring; StorageError when there is no usable keyring."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, journal_id, master_key.hex())
    except KeyringError as exc:
        raise StorageError(
            f"the system keyring cannot be used: {exc}",
            hint="Keep using the passphrase (or RECONNECT_PASSPHRASE).",
        ) from None


def load_master_key(journal_id: str) -> bytes | None:
    """The master key from the keyring, or None when there is none (or no keyring at all)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        stored = keyring.get_password(SERVICE, journal_id)
    except KeyringError:
        return None
    if not stored:
        return None
    try:
        return bytes.fromhex(stored)
    except ValueError:
        return None


def forget_master_key(journal_id: str) -> bool:
    """Remove the keyring entry; True when there was one."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, journal_id)
    except PasswordDeleteError:
        return False
    except KeyringError:
        return False
    return True
