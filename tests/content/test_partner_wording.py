"""Issue 11, item 10: a result about a partner is worded for the partner, never as self-talk."""

from __future__ import annotations

import re

import pytest
from tests.content.test_instrument_content import DIAGNOSTIC

from reconnect.content import load_instruments
from reconnect.domain.selfcheck import Instrument, Perspective

SHIPPED = load_instruments()
QUOTE = re.compile(r'"([^"]+)"')
# Lines a person would say about their own feelings; to a partner they would be untrue.
SELF_TALK = re.compile(
    r"\bI (?:have been feeling|have felt|find it hard|do not know how|want to get better)\b"
)


@pytest.mark.parametrize("instrument", SHIPPED, ids=lambda i: i.id)
def test_every_seek_help_rule_is_worded_for_a_partner(instrument: Instrument) -> None:
    for rule in instrument.seek_help:
        partner = rule.suggestion_for(Perspective.PARTNER)
        assert partner != rule.suggestion_for(Perspective.SELF), rule.id
        assert "your partner" in partner or "the two of you" in partner, rule.id
        assert not SELF_TALK.search(partner), rule.id
        assert not DIAGNOSTIC.search(partner), rule.id


@pytest.mark.parametrize("instrument", SHIPPED, ids=lambda i: i.id)
def test_the_line_to_say_to_a_partner_is_addressed_to_them(instrument: Instrument) -> None:
    for rule in instrument.seek_help:
        for line in QUOTE.findall(rule.suggestion_for(Perspective.PARTNER)):
            assert re.search(r"\b(?:you|us)\b", line, re.IGNORECASE), (rule.id, line)
