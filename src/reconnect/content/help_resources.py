"""Load the help resources by country: crisis lines (``content/crisis_resources.toml``) and
domestic-abuse help (``content/abuse_resources.toml``)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources

from pydantic import Field, model_validator

from reconnect.content.schema import Strict, parse_toml
from reconnect.domain.safety import INTERNATIONAL, CrisisResources, HelpService


class _ServiceIn(Strict):
    name: str
    description: str
    hours: str
    phone: str | None = Field(default=None, pattern=r"^[0-9][0-9 -]{2,15}$")
    sms: str | None = Field(default=None, pattern=r"^[0-9]{3,8}$")
    url: str | None = Field(default=None, pattern=r"^https://")

    @model_validator(mode="after")
    def _reachable(self) -> _ServiceIn:
        if not (self.phone or self.sms or self.url):
            raise ValueError(f"{self.name} needs a phone number, a text number or a web address")
        return self


class _InternationalIn(Strict):
    name: str
    emergency: str
    verified_on: date
    source_url: str = Field(pattern=r"^https://")
    services: list[_ServiceIn] = Field(min_length=1)


class _CountryIn(_InternationalIn):
    code: str = Field(pattern=r"^[A-Z]{2}$")


class _ResourcesIn(Strict):
    countries: list[_CountryIn]
    international: _InternationalIn


def _services_of(services: list[_ServiceIn]) -> tuple[HelpService, ...]:
    return tuple(
        HelpService(s.name, s.description, s.hours, s.phone, s.sms, s.url) for s in services
    )


@lru_cache(maxsize=1)
def load_crisis_resources() -> tuple[tuple[CrisisResources, ...], CrisisResources]:
    """Crisis resources by country, and the international fallback."""
    return _load_resources("crisis_resources.toml")


@lru_cache(maxsize=1)
def load_abuse_resources() -> tuple[tuple[CrisisResources, ...], CrisisResources]:
    """Domestic-abuse help by country, and the international fallback (same shape)."""
    return _load_resources("abuse_resources.toml")


def _load_resources(name: str) -> tuple[tuple[CrisisResources, ...], CrisisResources]:
    text = resources.files("reconnect.content").joinpath(name).read_text("utf-8")
    parsed = parse_toml(_ResourcesIn, text, name)
    countries = tuple(
        CrisisResources(
            c.code, c.name, c.emergency, _services_of(c.services), c.verified_on, c.source_url
        )
        for c in parsed.countries
    )
    i = parsed.international
    international = CrisisResources(
        INTERNATIONAL, i.name, i.emergency, _services_of(i.services), i.verified_on, i.source_url
    )
    return countries, international
