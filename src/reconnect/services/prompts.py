"""Prompt use case: a journaling prompt aimed at what the last two weeks of entries show."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from reconnect.content import load_prompts
from reconnect.domain.prompts import PromptChoice, choose_prompt
from reconnect.services.journal import EntryQuery, list_entries

if TYPE_CHECKING:
    from reconnect.services import Services

RECENT_DAYS = 14


def suggest_prompt(services: Services) -> PromptChoice:
    """The prompt for today, with the reason it was chosen."""
    now = services.clock()
    recent = list_entries(services, EntryQuery(since=now - timedelta(days=RECENT_DAYS)))
    return choose_prompt(load_prompts(), [e.marker_names for e in recent], now.date())
