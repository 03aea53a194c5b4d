"""Safety use cases: the crisis resources to show now, for the person's country."""

from __future__ import annotations

from reconnect.content import load_crisis_resources
from reconnect.domain.safety import ResourceChoice, choose_resources


def crisis_resources(country: str | None) -> ResourceChoice:
    """Resources for the country, or the international list (``fell_back`` says which).

    Never touches the database: help must be reachable when everything else fails.
    """
    by_country, international = load_crisis_resources()
    return choose_resources(country, by_country, international)
