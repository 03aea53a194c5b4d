"""Passphrase key derivation: Argon2id with stored parameters and an enforced floor (ENC-2)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from reconnect.errors import CryptoError

SALT_BYTES = 16
KEY_BYTES = 32


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost parameters: memory in KiB, iterations and lanes."""

    memory_kib: int
    iterations: int
    lanes: int

    def is_below(self, floor: KdfParams) -> bool:
        """Whether any parameter is weaker than the floor's."""
        return (
            self.memory_kib < floor.memory_kib
            or self.iterations < floor.iterations
            or self.lanes < floor.lanes
        )


# RFC 9106's second recommended option, as OWASP also lists it.
DEFAULT = KdfParams(memory_kib=65_536, iterations=3, lanes=4)
# OWASP's minimum for Argon2id; nothing weaker is ever created or accepted.
FLOOR = KdfParams(memory_kib=19_456, iterations=2, lanes=1)


def check_params(params: KdfParams) -> KdfParams:
    """Refuse parameters below the floor with a clear error."""
    if params.is_below(FLOOR):
        raise CryptoError(
            f"Argon2id parameters m={params.memory_kib} KiB, t={params.iterations}, "
            f"p={params.lanes} are below the minimum m={FLOOR.memory_kib} KiB, "
            f"t={FLOOR.iterations}, p={FLOOR.lanes}",
            hint="Use the defaults; weaker settings make a stolen file easier to crack.",
        )
    return params


def new_salt() -> bytes:
    """A fresh random 16-byte salt (never a fixed one)."""
    return os.urandom(SALT_BYTES)


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """A 256-bit key from a passphrase with Argon2id."""
    check_params(params)
    return hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=salt,
        time_cost=params.iterations,
        memory_cost=params.memory_kib,
        parallelism=params.lanes,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )
