"""Typed values kept inside payloads: the analysis and the safety-check answer, read tolerantly.

Every repository reads these through here, so a stored analysis becomes an ``Analysis`` in
one place. A value that cannot be read (written by a bug, or by hand into an unencrypted
journal) is treated as absent rather than failing the whole entry: an entry without an
analysis is "not analysed" until ``reconnect reanalyze`` reads it again, and a safety check
without a readable answer is asked again.
"""

from __future__ import annotations

from typing import Any

from reconnect.domain.analysis import Analysis
from reconnect.domain.safety import SafetyCheck
from reconnect.errors import InputError


def analysis_to_payload(analysis: Analysis | None) -> dict[str, Any] | None:
    """The JSON kept in a payload for an analysis (None stays None)."""
    return None if analysis is None else analysis.to_dict()


def analysis_from_payload(value: object) -> Analysis | None:
    """The stored analysis, or None when it is missing or not the contract's shape.

    Analyses written by older versions (no ``concern``, ``language`` or marker
    ``subject``) are read as they are; ``Analysis.from_dict`` supplies the defaults.
    """
    if value is None:
        return None
    try:
        return Analysis.from_dict(value)
    except InputError:
        return None


def safety_check_to_payload(check: SafetyCheck | None) -> dict[str, str] | None:
    """The JSON kept in a payload for a safety-check answer (None stays None)."""
    return None if check is None else check.to_dict()


def safety_check_from_payload(value: object) -> SafetyCheck | None:
    """The stored answer, or None when there is none or it cannot be read."""
    if value is None:
        return None
    try:
        return SafetyCheck.from_dict(value)
    except InputError:
        return None
