"""The detachment markers: the stable names of the analysis contract (DESIGN.md)."""

from __future__ import annotations

from enum import StrEnum


class Marker(StrEnum):
    """A sign the analyzer reports; the values are the contract's stable names."""

    NUMBNESS = "numbness"
    DISCONNECTION = "disconnection"
    AVOIDANCE = "avoidance"
    WITHDRAWAL = "withdrawal"
    SUPPRESSION = "suppression"
    AUTOPILOT = "autopilot"
    ANHEDONIA = "anhedonia"
    LOW_EMPATHY = "low_empathy"
    INTIMACY_FEAR = "intimacy_fear"
    BURDENED = "burdened"
    HOPELESSNESS = "hopelessness"
    CRISIS = "crisis"
    HEALTHY_BOUNDARY = "healthy_boundary"
    RECONNECTION = "reconnection"


# In contract order, as plain strings.
MARKER_NAMES: tuple[str, ...] = tuple(marker.value for marker in Marker)
