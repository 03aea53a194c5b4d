"""SAFE-5: the crisis resources file is valid, current, and falls back safely."""

from __future__ import annotations

import re
from datetime import date

import pytest

from reconnect.content import load_crisis_resources
from reconnect.domain.safety import MAX_AGE_DAYS
from reconnect.services.safety import crisis_resources

# What each country's numbers look like; a typo in the file fails here.
NUMBER_PATTERNS = {
    "US": r"^988$",
    "CA": r"^988$",
    "GB": r"^116 123$",
    "IE": r"^116 123$",
    "AU": r"^13 11 14$",
    "IN": r"^14416$",
}
EMERGENCY = {"US": "911", "CA": "911", "GB": "999", "IE": "112", "AU": "000", "IN": "112"}


def test_the_required_countries_and_a_fallback_are_listed() -> None:
    countries, international = load_crisis_resources()
    assert {c.code for c in countries} >= set(NUMBER_PATTERNS)
    assert international.services and international.services[0].url


@pytest.mark.parametrize("code", sorted(NUMBER_PATTERNS))
def test_each_number_matches_its_country(code: str) -> None:
    countries, _ = load_crisis_resources()
    (country,) = [c for c in countries if c.code == code]
    assert country.emergency == EMERGENCY[code]
    for service in country.services:
        assert service.phone is not None
        assert re.match(NUMBER_PATTERNS[code], service.phone), service


def test_every_record_names_a_source_and_is_recent() -> None:
    countries, international = load_crisis_resources()
    for record in (*countries, international):
        assert record.source_url.startswith("https://")
        assert (date.today() - record.verified_on).days <= MAX_AGE_DAYS, record.code


@pytest.mark.parametrize(("asked", "expected"), [("gb", "GB"), ("UK", "GB"), (" us ", "US")])
def test_country_codes_are_forgiving(asked: str, expected: str) -> None:
    choice = crisis_resources(asked)
    assert choice.resources.code == expected
    assert not choice.fell_back


@pytest.mark.parametrize("asked", ["FR", "ZZ", "not a country", ""])
def test_an_unknown_country_falls_back_to_the_international_list(asked: str) -> None:
    choice = crisis_resources(asked)
    assert choice.resources.code == "INTL"
    assert choice.fell_back == bool(asked)
