"""What a person chooses when taking a self-check: who it is about, and which instrument.

Kept apart from ``selfcheck.py`` (whose dozen dataclasses take several milliseconds to
build) so that the command line can offer these choices in its help without loading
the scoring rules.
"""

from enum import StrEnum

# The instrument a self-check uses unless another is named (content/instruments/*.toml).
DEFAULT_INSTRUMENT = "detachment-signs"


class Perspective(StrEnum):
    """Who the self-check is about."""

    SELF = "self"
    PARTNER = "partner"
