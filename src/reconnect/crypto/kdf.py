"""Passphrase key derivation: Argon2id with stored parameters, a floor (ENC-2) and a ceiling."""

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

    def is_above(self, ceiling: KdfParams) -> bool:
        """Whether any parameter, or memory times passes, is beyond the ceiling's."""
        return (
            self.memory_kib > ceiling.memory_kib
            or self.iterations > ceiling.iterations
            or self.lanes > ceiling.lanes
            or self.memory_kib * self.iterations > MAX_WORK_KIB
        )

    def describe(self) -> str:
        """The parameters as a person reads them: m=65536 KiB, t=3, p=4."""
        return f"m={self.memory_kib} KiB, t={self.iterations}, p={self.lanes}"


# RFC 9106's second recommended option, as OWASP also lists it.
DEFAULT = KdfParams(memory_kib=65_536, iterations=3, lanes=4)
# OWASP's minimum for Argon2id; nothing weaker is ever created or accepted.
FLOOR = KdfParams(memory_kib=19_456, iterations=2, lanes=1)
# The most a stored slot may ask for. reconnect writes DEFAULT; RFC 9106's heavier option is
# m=2 GiB, t=1. A slot asking for more (m=4 GiB, t=1000 in audit issue 12) was not written by
# reconnect and would stall unlocking for hours, so it is refused as damaged before any work.
CEILING = KdfParams(memory_kib=2 * 1024 * 1024, iterations=16, lanes=16)
MAX_WORK_KIB = 4 * 1024 * 1024  # memory x passes: 2 GiB twice, or the default 21 times over


def check_params(params: KdfParams) -> KdfParams:
    """Refuse parameters below the floor with a clear error."""
    if params.is_below(FLOOR):
        raise CryptoError(
            f"Argon2id parameters m={params.memory_kib} KiB, t={params.iterations}, "
            f"p={params.lanes} are below the minimum m={FLOOR.memory_kib} KiB, "
            f"t={FLOOR.iterations}, p={FLOOR.lanes}",
            hint="Use the defaults; weaker settings make a stolen file easier to crack.",
        )
    if params.is_above(CEILING):
        raise CryptoError(
            f"Argon2id parameters {params.describe()} are beyond the maximum "
            f"{CEILING.describe()} (and m x t <= {MAX_WORK_KIB} KiB)",
            hint="Use the defaults.",
        )
    return params


def acceptable(params: KdfParams) -> bool:
    """Whether stored parameters are within the floor and the ceiling (checked before any work)."""
    return not params.is_below(FLOOR) and not params.is_above(CEILING)


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
