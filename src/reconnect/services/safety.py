"""Safety use cases: the crisis resources to show now, for the person's country."""

from __future__ import annotations

from reconnect.content import load_abuse_resources, load_crisis_resources
from reconnect.domain.safety import ResourceChoice, choose_resources


def crisis_resources(country: str | None) -> ResourceChoice:
    """Resources for the country, or the international list (``fell_back`` says which).

    Never touches the database: help must be reachable when everything else fails.
    """
    by_country, international = load_crisis_resources()
    return choose_resources(country, by_country, international)


def abuse_resources(country: str | None) -> ResourceChoice:
    """Domestic-abuse help for the country, or the international list."""
    by_country, international = load_abuse_resources()
    return choose_resources(country, by_country, international)


def abuse_help_for(text: str, country: str | None) -> ResourceChoice | None:
    """Domestic-abuse help when ``text`` describes the writer being hurt or controlled.

    Only ever shown to the writer: nothing about it is stored, counted or sent.
    """
    from reconnect.analysis.harm import find_harm

    return abuse_resources(country) if find_harm(text) else None
