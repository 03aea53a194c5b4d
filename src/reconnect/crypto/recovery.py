"""The recovery key: 130 random bits as Crockford base32, grouped, with a check character.

A typo is caught by the check character before any key derivation runs (ENC-5).
"""

from __future__ import annotations

import os

from reconnect.errors import InputError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DATA_CHARS = 26  # 26 x 5 = 130 random bits
GROUP = 4
_READ_AS = {"O": "0", "I": "1", "L": "1", "U": "V"}


def _check_char(data: str) -> str:
    """Luhn mod 32 over the characters' values: catches any single wrong character."""
    factor, total = 2, 0
    for char in reversed(data):
        addend = factor * ALPHABET.index(char)
        factor = 1 if factor == 2 else 2
        total += addend // 32 + addend % 32
    return ALPHABET[(32 - total % 32) % 32]


def new_recovery_key() -> str:
    """A fresh recovery key, for example ``7K3M-Q9XD-...``, to print or store."""
    data = "".join(ALPHABET[b % 32] for b in os.urandom(DATA_CHARS))
    whole = data + _check_char(data)
    return "-".join(whole[i : i + GROUP] for i in range(0, len(whole), GROUP))


def normalise_recovery_key(typed: str) -> str:
    """The canonical key from what a person typed; InputError on a wrong length or check."""
    cleaned = "".join(ch for ch in typed.upper() if ch not in " -\t\n\r")
    cleaned = "".join(_READ_AS.get(ch, ch) for ch in cleaned)
    if len(cleaned) != DATA_CHARS + 1 or any(ch not in ALPHABET for ch in cleaned):
        raise InputError(
            "that is not a recovery key: it should be 27 letters and digits in groups of four",
            hint="Type it exactly as it was shown when the journal was created.",
        )
    data, check = cleaned[:-1], cleaned[-1]
    if _check_char(data) != check:
        raise InputError(
            "the recovery key has a typo: its check character does not match",
            hint="Compare it character by character with the printed copy.",
        )
    return data + check
